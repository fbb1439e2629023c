// The Event API: Get, Update and Delete Shop Webhooks (docs/tiktok-shop-api.md, section 6).
#include "event_types.hpp"
#include "handlers.hpp"

namespace kingkung::sim::detail {

reply get_webhooks(call& c) {
  json::array hooks;
  for (const auto& [type, w] : c.shop->webhooks)
    hooks.push_back(json::object{{"event_type", w.event_type},
                                 {"address", w.address},
                                 {"create_time", w.create_time},
                                 {"update_time", w.update_time}});
  std::size_t count = hooks.size();
  return reply::ok(json::object{{"webhooks", std::move(hooks)}, {"total_count", count}});
}

reply put_webhook(call& c) {
  auto address = get_string(c.body_object(), "address");
  auto type = get_string(c.body_object(), "event_type");
  if (!type || !event_number(*type)) return reply::fail(err::invalid_param);
  if (!address || address->empty() || address->size() > 255 ||
      (address->rfind("https://", 0) != 0 && address->rfind("http://", 0) != 0))
    return reply::fail(err::invalid_param);
  auto& hook = c.shop->webhooks[*type];
  if (hook.create_time == 0) hook.create_time = c.now;
  hook.event_type = *type;
  hook.address = *address;
  hook.update_time = c.now;
  c.changed = true;
  return reply::ok();
}

reply delete_webhook(call& c) {
  auto type = get_string(c.body_object(), "event_type");
  if (!type || !event_number(*type)) return reply::fail(err::invalid_param);
  if (c.shop->webhooks.erase(*type)) c.changed = true;
  return reply::ok();
}

}  // namespace kingkung::sim::detail
