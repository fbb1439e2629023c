// Order status changes and the webhooks that announce them.
#include <algorithm>

#include "demo_catalog.hpp"
#include "demo_data.hpp"
#include "fulfillment_rules.hpp"
#include "handlers.hpp"
#include "order_store.hpp"

namespace kingkung::sim::detail {

void emit_order_status(call& c, const shop_state& shop, const order& o) {
  c.emit(shop, 1,
         {{"order_id", o.id},
          {"order_status", o.status},
          {"is_on_hold_order", o.is_on_hold_order},
          {"update_time", o.update_time}});
}

void emit_package_update(call& c, const shop_state& shop, std::string_view sc_type,
                         const std::vector<const package*>& packages) {
  json::array list;
  for (const auto* p : packages)
    list.push_back(json::object{{"package_id", p->id}, {"order_id_list", to_json_array(p->order_ids)}});
  c.emit(shop, 4,
         {{"sc_type", sc_type},
          {"role_type", "ROLE_SELLER"},
          {"package_list", std::move(list)},
          {"update_time", c.now}});
}

void change_order_status(call& c, shop_state& shop, order& o, const std::string& status) {
  const std::int64_t now = c.now;
  id_maker ids = [&c](std::string_view prefix, int digits) { return c.core.next_id(prefix, digits); };
  if (status != "UNPAID" && o.paid_time == 0 && status != "CANCELLED") {
    o.paid_time = now;
    o.rts_sla_time = now + 2 * 86400;
    o.tts_sla_time = now + 4 * 86400;
    o.shipping_due_time = now + 2 * 86400;
    o.collection_due_time = now + 3 * 86400;
    o.delivery_due_time = now + 10 * 86400;
  }
  o.is_on_hold_order = status == "ON_HOLD";
  if (order_is_open(status) || order_is_shipped(status)) open_package(shop, o, ids, now);

  if (order_is_shipped(status)) {
    const auto& carriers = *region_data(shop.cfg.region).carriers;
    for (package* p : packages_of(shop, o)) {
      if (p->ship_time > 0) continue;
      p->ship_time = now;
      p->tracking_number = tracking_number_for(shop, p->id);
      p->shipping_provider_name = carriers.front().first;
      p->shipping_provider_id = carriers.front().second;
      p->handover_method = "PICKUP";
    }
    if (o.rts_time == 0) o.rts_time = now;
    if (o.tracking_number.empty() && !o.package_ids.empty()) {
      o.tracking_number = shop.packages[o.package_ids.front()].tracking_number;
      o.shipping_provider = carriers.front().first;
      o.shipping_provider_id = carriers.front().second;
    }
  }
  if ((status == "IN_TRANSIT" || status == "DELIVERED" || status == "COMPLETED") && o.collection_time == 0)
    o.collection_time = now;
  if ((status == "DELIVERED" || status == "COMPLETED") && o.delivery_time == 0) o.delivery_time = now;
  if (status == "CANCELLED") {
    o.cancel_time = now;
    if (o.cancel_reason.empty()) o.cancel_reason = "Buyer changed mind";
    if (o.cancellation_initiator.empty()) o.cancellation_initiator = "BUYER";
    for (auto& l : o.lines) {
      l.cancel_reason = o.cancel_reason;
      l.cancel_user = o.cancellation_initiator;
    }
  }
  o.status = status;
  set_update_time(shop, o, now);
  for (package* p : packages_of(shop, o)) {
    p->status = package_status_for(status, p->ship_time > 0);
    p->update_time = now;
  }
  c.changed = true;
  emit_order_status(c, shop, o);
  if (status == "CANCELLED")
    c.emit(shop, 11,
           {{"order_id", o.id},
            {"cancellations_role", o.cancellation_initiator},
            {"cancel_status", "CANCELLATION_REQUEST_COMPLETE"},
            {"cancel_id", c.core.next_id("578", 18)},
            {"create_time", now}});
}

}  // namespace kingkung::sim::detail
