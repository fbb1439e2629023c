#include "kingkung/webhooks/notification.hpp"

#include <openssl/evp.h>

#include <boost/json.hpp>

#include <optional>

#include "json/non_finite.hpp"

namespace kingkung::webhooks {
namespace {

namespace json = boost::json;

plugin::error invalid(std::string message) {
  return plugin::make_error(plugin::errc::invalid_argument, "webhook notification: " + std::move(message));
}

std::string_view kind_of(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64: return "an integer";
    case json::kind::double_: return "a fractional number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "a value";
}

std::string body_digest(std::string_view body) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(body.data(), body.size(), md, &len, EVP_sha256(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "body-sha256:";
  for (unsigned int i = 0; i < len && out.size() < 64; ++i) {
    out += hex[md[i] >> 4];
    if (out.size() < 64) out += hex[md[i] & 0x0f];
  }
  return out;
}

// An id that may arrive as a string or as a JSON integer.
std::optional<std::string> id_text(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  return std::nullopt;
}

}  // namespace

std::string_view type_name(int type) noexcept {
  switch (type) {
    case 1: return "ORDER_STATUS_CHANGE";
    case 2: return "REVERSE_STATUS_UPDATE";
    case 3: return "RECIPIENT_ADDRESS_UPDATE";
    case 4: return "PACKAGE_UPDATE";
    case 5: return "PRODUCT_STATUS_CHANGE";
    case 6: return "SELLER_DEAUTHORIZATION";
    case 7: return "UPCOMING_AUTHORIZATION_EXPIRATION";
    case 11: return "CANCELLATION_STATUS_CHANGE";
    case 12: return "RETURN_STATUS_CHANGE";
    case 13: return "NEW_CONVERSATION";
    case 14: return "NEW_MESSAGE";
    case 15: return "PRODUCT_INFORMATION_CHANGE";
    case 16: return "PRODUCT_CREATION";
    case 18: return "PRODUCT_CATEGORY_CHANGE";
    case 27: return "INVENTORY_STATUS_CHANGE";
    case 36: return "INVOICE_STATUS_CHANGE";
    case 37: return "PRODUCT_AUDIT_STATUS_CHANGE";
    default: return "";
  }
}

result<notification> parse_notification(std::string_view body) {
  json::error_code ec;
  json::value root = json::parse(body, ec);
  if (ec) return invalid("the body is not JSON (" + ec.message() + ")");
  if (!root.is_object()) return invalid(std::string("expected a JSON object, found ") + std::string(kind_of(root)));
  const auto& obj = root.as_object();
  notification n;

  const auto* type = obj.if_contains("type");
  if (type == nullptr) return invalid("\"type\" is missing");
  if (type->is_int64() && type->as_int64() > 0 && type->as_int64() < 10000) {
    n.type = static_cast<int>(type->as_int64());
  } else {
    return invalid("\"type\": expected a positive integer, found " + std::string(kind_of(*type)));
  }

  const auto* shop = obj.if_contains("shop_id");
  if (shop == nullptr) return invalid("\"shop_id\" is missing");
  auto shop_text = id_text(*shop);
  if (!shop_text || shop_text->empty() || shop_text->size() > 64)
    return invalid("\"shop_id\": expected an id of 1 to 64 characters, found " + std::string(kind_of(*shop)));
  n.shop_id = *shop_text;

  if (const auto* id = obj.if_contains("tts_notification_id"); id != nullptr && !id->is_null()) {
    auto text = id_text(*id);
    if (!text || text->empty() || text->size() > 64)
      return invalid("\"tts_notification_id\": expected an id of 1 to 64 characters, found " +
                     std::string(kind_of(*id)));
    n.notification_id = *text;
  } else {
    n.notification_id = body_digest(body);
  }

  if (const auto* ts = obj.if_contains("timestamp"); ts != nullptr && !ts->is_null()) {
    if (ts->is_int64()) {
      n.timestamp = ts->as_int64();
    } else if (ts->is_string()) {
      try {
        n.timestamp = std::stoll(std::string(ts->as_string()));
      } catch (const std::exception&) {
        return invalid("\"timestamp\": expected Unix seconds, found a string that is not a number");
      }
    } else {
      return invalid("\"timestamp\": expected Unix seconds, found " + std::string(kind_of(*ts)));
    }
  }

  if (const auto* data = obj.if_contains("data"); data != nullptr && !data->is_null()) {
    if (!data->is_object()) return invalid("\"data\": expected an object, found " + std::string(kind_of(*data)));
    // Refused rather than stored as text the processor cannot read back (see json/non_finite.hpp).
    if (auto path = json_detail::find_non_finite_number(*data, "data"))
      return invalid("\"" + *path +
                     "\": expected a number within a double's range, found a number out of range");
    n.data_json = json::serialize(*data);
  }
  return n;
}

}  // namespace kingkung::webhooks
