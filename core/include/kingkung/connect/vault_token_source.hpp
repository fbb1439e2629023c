// The token source every shop call uses: access tokens come out of the token vault (sealed rows in
// shop_tokens), are refreshed ahead of expiry, and a refresh the platform refuses parks the shop in
// `needs_reauthorization` instead of trying again.
//
//   current(shop)  the stored access token. When it expires within `refresh_margin`, it is refreshed
//                  first (one refresh per shop at a time: concurrent callers wait for it and share the
//                  new token). When that early refresh fails for a passing reason (rate limit, outage),
//                  the still-valid token is returned and the next call tries again.
//   refresh(shop)  after 105002: refreshes once; callers that queued behind a refresh that just
//                  happened get its token instead of refreshing again.
//
// Fail fast, with no platform request: a shop that is disconnected, needs re-authorisation or has no
// token gives error_class::unauthenticated at once. A refresh the platform refuses (refresh token
// invalid, expired or revoked) sets the shop's state to needs_reauthorization, raises a
// needs_reauthorization notice with the platform's reason, and returns error_class::unauthenticated,
// which the client returns without retrying. Only re-connecting the shop (OAuth) clears it.
//
// Tokens are only ever held sealed in the database and as kingkung::secret in memory; no message or log
// line holds one. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "kingkung/common/secret.hpp"
#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/result.hpp"
#include "kingkung/tiktok/oauth.hpp"
#include "kingkung/tiktok/token_source.hpp"

namespace kingkung::storage {
class database;
}
namespace kingkung::vault {
class token_vault;
}

namespace kingkung::connect {

template <class T>
using result = plugin::result<T>;

// Calls the token host's refresh for a shop whose tokens live on `transport` (the shop's transport).
using refresh_function =
    std::function<tiktok::result<tiktok::token_grant>(std::string_view transport, const secret& refresh_token)>;

struct token_source_options {
  std::chrono::seconds refresh_margin{3600};  // refresh when the access token expires within this
};

// True for a refresh failure that means the authorisation is gone (invalid, expired or revoked refresh
// token: error_class unauthenticated or token_expired, or a bad_request naming the refresh token), as
// opposed to a passing one (rate limit, outage, timeout) or a fault of this deployment (signature, app
// key, IP allow list, a request the client refused to send).
bool refresh_refused(const tiktok::api_error& error) noexcept;

class vault_token_source final : public tiktok::token_source {
 public:
  // `db` and `vault` must outlive the source. `clock` null: system clock.
  vault_token_source(storage::database& db, const vault::token_vault& vault, refresh_function refresh,
                     std::shared_ptr<const plugin::clock> clock = nullptr, token_source_options options = {});
  ~vault_token_source() override;
  vault_token_source(const vault_token_source&) = delete;
  vault_token_source& operator=(const vault_token_source&) = delete;

  tiktok::result<secret> current(std::string_view shop_id) override;
  tiktok::result<secret> refresh(std::string_view shop_id) override;

  // Seals and stores both tokens of a grant for a shop (after OAuth). Errors name the shop, never a token.
  result<void> store(std::string_view shop_id, const tiktok::token_grant& grant);

  // The refresh requests sent to the platform so far (successful or not), for health and tests.
  std::uint64_t refreshes_sent() const noexcept;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::connect
