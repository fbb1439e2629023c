// A TikTok Shop webhook notification: the platform's envelope
// {"type", "tts_notification_id", "shop_id", "timestamp", "data"} and what its types mean.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kingkung/plugin/result.hpp"

namespace kingkung::webhooks {

template <class T>
using result = plugin::result<T>;

// The payload `type` numbers the product acts on (docs/tiktok-shop-api.md, section 6).
enum class event_type : int {
  order_status_change = 1,
  reverse_status_update = 2,
  recipient_address_update = 3,
  package_update = 4,
  product_status_change = 5,
  seller_deauthorization = 6,
  upcoming_authorization_expiration = 7,
  cancellation_status_change = 11,
  return_status_change = 12,
  product_information_change = 15,
  product_creation = 16,
  product_category_change = 18,
  inventory_status_change = 27,
  invoice_status_change = 36,
  product_audit_status_change = 37,
};

// "ORDER_STATUS_CHANGE" for 1, ...; "" for a type the product does not know.
std::string_view type_name(int type) noexcept;

struct notification {
  int type = 0;
  std::string notification_id;  // tts_notification_id; derived from the body when the platform sent none
  std::string shop_id;
  std::int64_t timestamp = 0;   // Unix seconds, as the platform sent it (0 when absent)
  std::string data_json = "{}"; // the `data` object, serialised
};

// Parses a notification body. Errors (errc::invalid_argument) say which field is wrong and what was
// found, never echo the body. A notification without tts_notification_id (some older types) gets
// "body-sha256:" + the first 52 hex digits of the body's SHA-256, so a redelivery is still recognised.
result<notification> parse_notification(std::string_view body);

}  // namespace kingkung::webhooks
