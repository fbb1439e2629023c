#include "kingkung/webhooks/intake.hpp"

#include <chrono>
#include <stdexcept>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/webhook_event_repository.hpp"
#include "kingkung/tiktok/signature.hpp"
#include "kingkung/webhooks/notification.hpp"

namespace kingkung::webhooks {
namespace {

constexpr std::string_view component = "webhooks";
constexpr std::size_t signature_hex_length = 64;

intake_outcome answer(intake_result r, unsigned status, std::string body) {
  return {r, status, std::move(body)};
}

// A refusal in the API's one error shape, {"error":{"code","message","field"}}. Messages are ours and never
// quote the body; `field` is the envelope field at fault, empty (null) when the error is not about one field.
intake_outcome refuse(intake_result r, unsigned status, std::string_view code, std::string_view message,
                      std::string_view field = {}) {
  return {r, status, http::response::json_error(status, code, message, field).body};
}

// The envelope field a parse error is about: its messages start with the quoted name
// ("webhook notification: \"shop_id\" is missing"); empty for errors about the whole body.
std::string_view field_named_in(std::string_view message) {
  const auto colon = message.find(": ");
  if (colon == std::string_view::npos || colon + 2 >= message.size() || message[colon + 2] != '"') return {};
  const auto open = colon + 2;
  const auto close = message.find('"', open + 1);
  if (close == std::string_view::npos) return {};
  return message.substr(open + 1, close - open - 1);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool signature_matches(std::string_view app_key, const secret& app_secret, std::string_view raw_body,
                       std::string_view authorization) noexcept {
  try {
    std::string given(trim(authorization));
    if (given.size() != signature_hex_length) return false;
    for (auto& c : given)
      if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    std::string message;
    message.reserve(app_key.size() + raw_body.size());
    message.append(app_key).append(raw_body);
    std::string expected = tiktok::hmac_sha256_hex(app_secret.reveal(), message);
    return tiktok::constant_time_equals(expected, given);
  } catch (...) {
    return false;
  }
}

intake::intake(storage::database& db, intake_options options) : db_(db), options_(std::move(options)) {
  if (options_.app_key.empty()) throw std::invalid_argument("webhook intake: the app key is empty");
  if (options_.app_secret.empty()) throw std::invalid_argument("webhook intake: the app secret is empty");
  if (options_.max_body_bytes == 0) throw std::invalid_argument("webhook intake: max_body_bytes is 0");
}

intake_outcome intake::handle(std::string_view raw_body, std::optional<std::string_view> authorization) const {
  if (raw_body.size() > options_.max_body_bytes) {
    log::warn(component, "refused a webhook of " + std::to_string(raw_body.size()) + " bytes (limit " +
                             std::to_string(options_.max_body_bytes) + ")");
    return refuse(intake_result::too_large, 413, "too_large",
                  "the body is larger than " + std::to_string(options_.max_body_bytes) + " bytes");
  }
  if (!authorization || trim(*authorization).empty()) {
    log::warn(component, "refused a webhook without an Authorization header");
    return refuse(intake_result::unauthenticated, 401, "unauthenticated", "the Authorization header is missing");
  }
  if (!signature_matches(options_.app_key, options_.app_secret, raw_body, *authorization)) {
    log::warn(component, "refused a webhook whose signature does not match");
    return refuse(intake_result::unauthenticated, 401, "unauthenticated", "the signature does not match");
  }

  auto parsed = parse_notification(raw_body);
  if (!parsed) {
    log::warn(component, "refused a signed webhook: " + parsed.err().message);
    return refuse(intake_result::malformed, 400, "malformed", parsed.err().message,
                  field_named_in(parsed.err().message));
  }

  storage::webhook_event_row row;
  row.notification_id = parsed->notification_id;
  row.type = parsed->type;
  row.shop_id = parsed->shop_id;
  row.raw_body = std::string(raw_body);
  row.received_at = options_.clock ? std::chrono::duration_cast<std::chrono::seconds>(
                                         options_.clock->now().time_since_epoch())
                                         .count()
                                   : 0;
  auto stored = storage::webhook_event_repository(db_).insert(row);
  if (!stored) {
    log::error(component, "could not store webhook " + row.notification_id + ": " + stored.err().message);
    return refuse(intake_result::unavailable, 503, "unavailable",
                  "the event could not be stored; deliver it again later");
  }
  if (*stored == storage::webhook_insert::duplicate) {
    log::debug(component, "webhook " + row.notification_id + " was already received");
    return answer(intake_result::duplicate, 200, "{\"status\":\"duplicate\"}");
  }
  log::debug(component, "stored webhook " + row.notification_id + " type " + std::to_string(row.type) +
                            " for shop " + row.shop_id);
  if (options_.on_stored) options_.on_stored();
  return answer(intake_result::stored, 200, "{\"status\":\"stored\"}");
}

http::handler make_http_handler(std::shared_ptr<const intake> in) {
  if (!in) throw std::invalid_argument("webhook intake handler: no intake");
  return [in = std::move(in)](const http::request& req) {
    auto outcome = in->handle(req.body, req.header("Authorization"));
    auto res = http::response::json(outcome.status, std::move(outcome.body));
    res.headers.set("Cache-Control", "no-store");
    return res;
  };
}

}  // namespace kingkung::webhooks
