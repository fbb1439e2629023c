#include "kingkung/tiktok/webhooks.hpp"

#include "tiktok/api_support.hpp"

namespace kingkung::tiktok {

using detail::json::object;

result<webhook_list> get_webhooks(client& api, const shop_ref& shop) {
  auto call = detail::make_request(endpoints::get_webhooks);
  return detail::call_and_decode<webhook_list>(
      api, shop, call, [](const detail::reader& data, const std::string& rid) {
        webhook_list out;
        out.request_id = rid;
        data.object();
        for (const auto& w : data.items("webhooks")) {
          out.webhooks.push_back({w.string_at("event_type"), w.string_or("address"), w.int_or("create_time"),
                                  w.int_or("update_time")});
        }
        out.total_count = data.int_or("total_count", static_cast<std::int64_t>(out.webhooks.size()));
        return out;
      });
}

result<write_outcome> put_webhook(client& api, const shop_ref& shop, std::string_view event_type,
                                  std::string_view address) {
  const auto& ep = endpoints::put_webhook;
  if (event_type.empty())
    return detail::bad_argument(ep, "event_type", "an event type such as ORDER_STATUS_CHANGE",
                                "an empty string");
  if (address.rfind("https://", 0) != 0)
    return detail::bad_argument(ep, "address", "an https:// URL", "\"" + std::string(address) + "\"");
  if (address.size() > max_webhook_address_length)
    return detail::bad_argument(ep, "address", "at most 255 characters",
                                std::to_string(address.size()) + " characters");
  auto call = detail::make_request(ep);
  call.body = detail::to_body(object{{"address", address}, {"event_type", event_type}});
  return detail::call_write(api, shop, call);
}

result<write_outcome> delete_webhook(client& api, const shop_ref& shop, std::string_view event_type) {
  const auto& ep = endpoints::delete_webhook;
  if (event_type.empty())
    return detail::bad_argument(ep, "event_type", "an event type such as ORDER_STATUS_CHANGE",
                                "an empty string");
  auto call = detail::make_request(ep);
  call.body = detail::to_body(object{{"event_type", event_type}});
  return detail::call_write(api, shop, call);
}

}  // namespace kingkung::tiktok
