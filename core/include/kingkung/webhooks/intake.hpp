// Webhook intake: what POST /webhooks/tiktok does with a delivery, in this order and nothing more:
//   1. a body larger than max_body_bytes gets 413 before any other work;
//   2. the Authorization header must be hex(HMAC-SHA256(app_secret, app_key + raw body)), compared in
//      constant time over the raw bytes, before anything is parsed: missing or wrong gets 401, and
//      nothing is stored or logged beyond one line saying a delivery was refused (never the body);
//   3. the body is parsed; malformed JSON or a wrong envelope after a valid signature gets 400 and is
//      stored nowhere;
//   4. the event is stored durably (webhook_events, pending) and acknowledged with 200; a notification id
//      already stored is acknowledged with 200 too and not stored again.
// No platform call happens on this path: the processor (processor.hpp) handles stored events later.
//
// Thread safety: handle() may run on many threads at once.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kingkung/common/secret.hpp"
#include "kingkung/http/message.hpp"
#include "kingkung/plugin/host_context.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::webhooks {

inline constexpr std::size_t default_max_body_bytes = 64 * 1024;

struct intake_options {
  std::string app_key;
  secret app_secret;
  std::size_t max_body_bytes = default_max_body_bytes;
  std::shared_ptr<const plugin::clock> clock;  // received_at; null: the system clock
  // Called after a new event was stored (not for duplicates), e.g. to wake the processor. Must be quick
  // and must not throw.
  std::function<void()> on_stored;
};

enum class intake_result {
  stored,          // 200
  duplicate,       // 200, nothing written
  too_large,       // 413
  unauthenticated, // 401: signature missing or wrong
  malformed,       // 400: not a notification
  unavailable,     // 503: the database failed; the platform retries later
};

struct intake_outcome {
  intake_result result = intake_result::stored;
  unsigned status = 200;
  // JSON: {"status":"stored"|"duplicate"}, or a refusal in the API's error shape
  // {"error":{"code":"malformed","message":"...","field":"shop_id"|null}}.
  std::string body;
};

// Whether `authorization` is the signature of `raw_body` for this app (constant-time comparison; letter
// case of the hex digits is ignored).
bool signature_matches(std::string_view app_key, const secret& app_secret, std::string_view raw_body,
                       std::string_view authorization) noexcept;

class intake {
 public:
  // Throws std::invalid_argument when app_key or app_secret is empty or max_body_bytes is 0.
  intake(storage::database& db, intake_options options);

  intake_outcome handle(std::string_view raw_body, std::optional<std::string_view> authorization) const;

 private:
  storage::database& db_;
  intake_options options_;
};

// An HTTP handler for POST /webhooks/tiktok over `in` (kept alive by the handler).
http::handler make_http_handler(std::shared_ptr<const intake> in);

}  // namespace kingkung::webhooks
