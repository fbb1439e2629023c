// The TikTok Shop API client. Core builds every request; a transport plugin only moves its bytes.
//
// For each attempt of a call the client: waits for its turn in the (shop, API) rate limit; adds the
// common parameters (app_key, a fresh timestamp, shop_cipher where the endpoint needs it and never where
// it is forbidden); signs path + canonical query + body (the body is serialised once by the caller and
// sent as signed); sends `content-type: application/json` and `x-tts-access-token`; reads the envelope.
//
// Retry policy (see docs/tiktok-client.md):
//   - rate_limited and retryable answers are retried with capped exponential backoff and full jitter,
//     at most options.backoff.max_retries times, each retry re-stamped and re-signed; a rate_limited
//     answer without Retry-After first waits out the platform's one-second window
//     (backoff_policy::rate_limit_window, see backoff.hpp), and a Retry-After is never cut short;
//   - a transport `unavailable` (nothing sent) is retried like a retryable answer;
//   - `timeout` and `maybe_delivered` (the request may have been processed) are retried only for
//     idempotent requests; a non-idempotent write is never re-sent after them, and neither after
//     36009007 (the platform's own request timeout);
//   - 105002 (token expired) makes exactly one token_source::refresh and one retry with the new token;
//   - everything else is returned at once.
// Every attempt is reported to the observer. Thread-safe: call() may run concurrently.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/common/secret.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/transport.hpp"
#include "kingkung/tiktok/backoff.hpp"
#include "kingkung/tiktok/pacing.hpp"
#include "kingkung/tiktok/query.hpp"
#include "kingkung/tiktok/rate_limiter.hpp"
#include "kingkung/tiktok/result.hpp"
#include "kingkung/tiktok/token_source.hpp"

namespace kingkung::tiktok {

// The shop a call is made for.
struct shop_ref {
  std::string id;      // platform shop id: the token and rate-limit key
  std::string cipher;  // shop_cipher; may be empty for calls that forbid it
};

enum class cipher_rule {
  required,   // shop_cipher is sent; a shop without one is refused before sending
  forbidden,  // never sent (authorization and seller endpoints)
};

struct api_request {
  std::string method = "GET";
  std::string path;                // concrete path, e.g. "/product/202309/products/1729/inventory/update"
  std::string api;                 // rate-limit key; empty: "<method> <path>" with every all-digit
                                   // id segment shown as {id}
  std::vector<query_param> query;  // business parameters, decoded; common ones are added by the client
  std::string body;                // JSON text, sent and signed exactly as is; empty: no body
  cipher_rule cipher = cipher_rule::required;
  std::optional<bool> idempotent;        // unset: true for GET, PUT and DELETE, false for POST
  std::optional<secret> access_token;    // sent instead of asking the token source (e.g. right after
                                         // OAuth, before the shop is known); no refresh on 105002 then
  std::chrono::milliseconds timeout{0};  // 0: client default
};

struct api_response {
  int http_status = 0;
  std::string request_id;
  std::string data_json = "null";  // the envelope's `data`
};

// One HTTP exchange (one attempt), for the API call log. Never holds query values or secrets.
struct call_record {
  std::string shop_id;  // empty for token-host calls
  std::string method;
  std::string path;  // path only
  std::string api;   // rate-limit key
  plugin::host_kind host = plugin::host_kind::api;
  int http_status = 0;    // 0 when the transport failed
  std::int64_t code = 0;  // envelope code (0 on success or when none was read)
  std::string request_id;
  std::chrono::milliseconds duration{0};
  unsigned attempt = 1;              // 1 for the first try
  std::optional<error_class> error;  // unset on success
  std::string error_message;         // scrubbed of secrets
};

// Receives every call_record. Called on the calling thread, so it must be thread-safe and quick.
class call_observer {
 public:
  virtual ~call_observer() = default;
  virtual void on_call(const call_record& record) noexcept = 0;
};

struct client_options {
  std::string app_key;
  secret app_secret;
  unsigned qps_per_api = 20;
  backoff_policy backoff;
  std::chrono::milliseconds timeout{30000};  // per attempt

  // From [tiktok]: app key and secret, qps_per_api, max_retries, backoff_base_ms, backoff_cap_ms.
  static client_options from_config(const config::tiktok_config& config);
};

struct client_services {
  std::shared_ptr<plugin::transport> transport;  // required
  std::shared_ptr<token_source> tokens;          // required for shop calls without an explicit token
  std::shared_ptr<const plugin::clock> clock;    // timestamps; null: system clock
  std::shared_ptr<pacing_clock> pacing;          // waits and durations; null: steady clock, real sleeps
  jitter_source jitter;                          // null: random
  std::shared_ptr<call_observer> observer;       // may be null
  std::shared_ptr<rate_limiter> limiter;         // null: a limiter of options.qps_per_api on `pacing`
};

namespace detail {
struct client_access;
}

class client {
 public:
  // Throws std::invalid_argument when the transport is missing or the app key or secret is empty.
  client(client_options options, client_services services);
  ~client();
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  // One signed call on the Open API host, with rate limiting, retries and token refresh.
  result<api_response> call(const shop_ref& shop, const api_request& request);

  const std::string& app_key() const noexcept;
  std::int64_t now_unix() const noexcept;  // the client's clock, Unix seconds
  const backoff_policy& backoff() const noexcept;

 private:
  friend struct detail::client_access;
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::tiktok
