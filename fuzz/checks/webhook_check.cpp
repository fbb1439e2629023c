// Webhook intake (core/src/webhooks): the signature covers app key + raw body and nothing else, a parsed
// notification always has an id and JSON data, and the intake stores a delivery once, only when signed.
#include <boost/json/parse.hpp>

#include <memory>
#include <string>

#include "kingkung/common/secret.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/tiktok/signature.hpp"
#include "kingkung/webhooks/intake.hpp"
#include "kingkung/webhooks/notification.hpp"
#include "support.hpp"

namespace kingkung::fuzz {
namespace {

constexpr std::string_view target = "webhook";
constexpr std::string_view secret_text = "fuzz-webhook-secret-91d0";

// One migrated in-memory database for the process: deliveries accumulate like a real intake's.
storage::database& memory_database() {
  static const std::unique_ptr<storage::database> db = [] {
    auto url = storage::database_url::parse("sqlite3::memory:");
    if (!url) throw std::runtime_error("webhook check: " + url.err().message);
    auto opened = storage::database::open(*url, 1);
    if (!opened) throw std::runtime_error("webhook check: " + opened.err().message);
    auto migrated = storage::migrate(**opened);
    if (!migrated) throw std::runtime_error("webhook check: " + migrated.err().message);
    return std::move(*opened);
  }();
  return *db;
}

}  // namespace

void check_webhook(std::string_view input) {
  using detail::require;
  auto rest = input;
  std::string app_key(detail::take_line(rest));
  if (app_key.empty()) app_key = "fuzz-app-key";
  const std::string_view body = rest;
  const secret app_secret{std::string(secret_text)};

  // Verification: the right signature matches in either letter case, anything else does not.
  const auto good = tiktok::hmac_sha256_hex(secret_text, app_key + std::string(body));
  require(webhooks::signature_matches(app_key, app_secret, body, good), target, "a correct signature was refused");
  std::string upper = good;
  for (auto& c : upper)
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  require(webhooks::signature_matches(app_key, app_secret, body, upper), target,
          "an upper-case signature was refused");
  std::string flipped = good;
  flipped[body.size() % flipped.size()] = flipped[body.size() % flipped.size()] == '0' ? '1' : '0';
  require(!webhooks::signature_matches(app_key, app_secret, body, flipped), target, "a wrong signature matched");
  require(!webhooks::signature_matches(app_key, app_secret, body, body), target, "the body matched as its signature");
  require(!webhooks::signature_matches(app_key + "x", app_secret, body, good), target,
          "a signature matched under another app key");

  // Parsing: deterministic; a notification has an id, and its data is a JSON object.
  const auto parsed = webhooks::parse_notification(body);
  const auto again = webhooks::parse_notification(body);
  require(parsed.ok() == again.ok(), target, "parse_notification is not deterministic");
  if (parsed) {
    require(!parsed->notification_id.empty(), target, "a notification without an id");
    require(parsed->notification_id == again->notification_id, target, "the notification id is not deterministic");
    boost::json::error_code ec;
    const auto data = boost::json::parse(parsed->data_json, ec);
    require(!ec && data.is_object(), target, "data_json is not a JSON object: " + detail::printable(parsed->data_json));
  } else {
    require(!parsed.err().message.empty(), target, "a refusal without a message");
    if (body.size() >= 24)
      require(!detail::contains(parsed.err().message, body), target, "the error message echoes the body");
  }

  // Intake: unsigned deliveries store nothing; a signed one is stored once, then a duplicate.
  webhooks::intake_options options;
  options.app_key = app_key;
  options.app_secret = app_secret;
  webhooks::intake intake(memory_database(), std::move(options));
  const auto refused = intake.handle(body, flipped);
  if (body.size() <= webhooks::default_max_body_bytes) {
    require(refused.result == webhooks::intake_result::unauthenticated && refused.status == 401, target,
            "an unsigned delivery was not refused with 401");
    require(intake.handle(body, std::nullopt).status == 401, target, "a delivery without a signature was not 401");
  }
  const auto first = intake.handle(body, good);
  if (first.result == webhooks::intake_result::stored) {
    require(parsed.ok(), target, "a notification the parser refuses was stored");
    const auto second = intake.handle(body, good);
    require(second.result == webhooks::intake_result::duplicate && second.status == 200, target,
            "a redelivery was not recognised as a duplicate");
  } else if (first.result == webhooks::intake_result::malformed) {
    require(!parsed.ok() && first.status == 400, target, "a parsable notification was refused as malformed");
  } else {
    require(first.result == webhooks::intake_result::duplicate || first.result == webhooks::intake_result::too_large,
            target, "a signed delivery got status " + std::to_string(first.status));
  }
}

}  // namespace kingkung::fuzz
