// plugin::shop_api for one module and one shop, over the core TikTok client and the module_state table.
// Signing, rate limits, retries and token refresh stay in the client; this adapter decides which paths a
// module may call (least privilege) and turns client errors into plugin errors without secrets.
//
// Errors of call():
//   - permission_denied: a path outside the allowed families (allowed_path_families());
//   - invalid_argument: a method other than GET/POST/PUT/DELETE, a malformed path (query, fragment,
//     empty, "." or ".." segments, characters outside [A-Za-z0-9_.~-]), or a common parameter in query;
//   - rejected: the platform answered a business error ("code NNN: message (METHOD /path, request_id R)");
//   - unavailable: rate limited after the client's retries, or the transport failed without an answer;
//   - timeout / maybe_delivered: the request may have been processed (never re-sent for writes);
//   - unauthenticated / permission_denied: token or scope problems.
// Thread safety: one object per call sequence (the service makes one per module call).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/market_module.hpp"
#include "kingkung/tiktok/client.hpp"

namespace kingkung::storage {
class module_state_repository;
}

namespace kingkung::markets {

// Path prefixes a module may call: /order/, /fulfillment/, /product/, /event/, /authorization/, /seller/.
std::span<const std::string_view> allowed_path_families() noexcept;

// Whether a module may call `method path`; the error says which rule failed.
plugin::result<void> check_module_request(std::string_view method, std::string_view path);

// The cipher rule of a path: forbidden for /authorization/ and /seller/, required otherwise.
tiktok::cipher_rule cipher_rule_for(std::string_view path) noexcept;

// A tiktok::api_error as the module sees it (see the mapping above).
plugin::error to_module_error(const tiktok::api_error& e);

class client_shop_api final : public plugin::shop_api {
 public:
  // The client and the repository must outlive this object.
  client_shop_api(tiktok::client& client, tiktok::shop_ref shop, std::string region, std::string seller_type,
                  std::string module_id, storage::module_state_repository& state);

  std::string_view shop_id() const noexcept override;
  std::string_view region() const noexcept override;
  std::string_view seller_type() const noexcept override;
  plugin::result<std::string> call(std::string_view method, std::string_view path,
                                   std::vector<plugin::query_param> query, std::string body_json) override;
  plugin::result<std::optional<std::string>> load_state(std::string_view key) override;
  plugin::result<void> save_state(std::string_view key, std::string_view value) override;

  const std::string& module_id() const noexcept { return module_id_; }

 private:
  tiktok::client& client_;
  tiktok::shop_ref shop_;
  std::string region_;
  std::string seller_type_;
  std::string module_id_;
  storage::module_state_repository& state_;
};

}  // namespace kingkung::markets
