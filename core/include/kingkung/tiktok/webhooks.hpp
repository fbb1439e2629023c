// Webhook subscriptions of a shop (Event API): GET, PUT and DELETE /event/202309/webhooks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/tiktok/client.hpp"

namespace kingkung::tiktok {

struct webhook_subscription {
  std::string event_type;  // ORDER_STATUS_CHANGE, PACKAGE_UPDATE, ...
  std::string address;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
};

struct webhook_list {
  std::vector<webhook_subscription> webhooks;
  std::int64_t total_count = 0;
  std::string request_id;
};

inline constexpr std::size_t max_webhook_address_length = 255;

result<webhook_list> get_webhooks(client& api, const shop_ref& shop);
// Subscribes `address` (https, at most 255 characters) to `event_type`.
result<write_outcome> put_webhook(client& api, const shop_ref& shop, std::string_view event_type,
                                  std::string_view address);
result<write_outcome> delete_webhook(client& api, const shop_ref& shop, std::string_view event_type);

}  // namespace kingkung::tiktok
