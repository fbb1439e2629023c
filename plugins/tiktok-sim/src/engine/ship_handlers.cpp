// Ship Package and Batch Ship Packages (docs/tiktok-shop-api.md, 5.4), with the platform's refusals:
// cancelled, already shipped, Mexico split first, Brazil invoice first.
#include <algorithm>
#include <cctype>

#include "demo_catalog.hpp"
#include "demo_data.hpp"
#include "fulfillment_rules.hpp"
#include "handlers.hpp"

namespace kingkung::sim::detail {
namespace {

bool plausible_tracking_number(const std::string& t) {
  return t.size() >= 6 && t.size() <= 40 &&
         std::all_of(t.begin(), t.end(), [](unsigned char ch) { return std::isalnum(ch) || ch == '-'; });
}

bool tracking_in_use(sim_core& core, const std::string& tracking) {
  for (const auto& [key, shop] : core.state.shops)
    for (const auto& [id, p] : shop.packages)
      if (p.tracking_number == tracking) return true;
  return false;
}

std::optional<api_error> ship_one(call& c, const std::string& package_id, const json::object& params) {
  shop_state& shop = *c.shop;
  auto it = shop.packages.find(package_id);
  if (it == shop.packages.end()) return err::package_not_in_shop;
  package& p = it->second;

  std::vector<order*> orders;
  for (const auto& id : p.order_ids)
    if (auto o = shop.orders.find(id); o != shop.orders.end()) orders.push_back(&o->second);
  if (p.status == "CANCELLED" ||
      std::any_of(orders.begin(), orders.end(), [](const order* o) { return o->status == "CANCELLED"; }))
    return err::order_cancelled;
  if (p.ship_time > 0 || p.status != "PROCESSING") return err::already_shipped;
  if (std::any_of(orders.begin(), orders.end(), [](const order* o) { return !order_is_open(o->status); }))
    return err::action_not_allowed;

  std::vector<const line_item*> lines;
  for (const auto* o : orders)
    for (const auto* l : lines_in_package(*o, p)) lines.push_back(l);
  if (!broken_limits(shop, lines).empty()) return err::must_split_first;

  if (shop.cfg.region == "BR") {
    if (!p.invoice_record) return p.order_ids.size() > 1 ? err::invoice_missing_some : err::invoice_missing;
    const invoice& inv = *p.invoice_record;
    bool covers_all = std::all_of(p.order_ids.begin(), p.order_ids.end(), [&](const std::string& id) {
      return std::find(inv.order_ids.begin(), inv.order_ids.end(), id) != inv.order_ids.end();
    });
    if (!covers_all) return err::invoice_missing_some;
    if (inv.status != "SUCCESS") return err::invoice_not_success;
  }

  std::string handover = "PICKUP";
  if (has(params, "handover_method")) {
    auto h = get_string(params, "handover_method");
    if (!h || (*h != "PICKUP" && *h != "DROP_OFF")) return err::fulfill_invalid_param;
    handover = *h;
  }
  std::int64_t slot_start = 0, slot_end = 0;
  if (const auto* slot = get_object(params, "pickup_slot")) {
    slot_start = get_int(*slot, "start_time").value_or(0);
    slot_end = get_int(*slot, "end_time").value_or(0);
    if (slot_start <= 0 || slot_end < slot_start) return err::fulfill_invalid_param;
  }
  const auto& carriers = *region_data(shop.cfg.region).carriers;
  std::string tracking, provider_id, provider_name;
  const json::object* self = get_object(params, "self_shipment");
  if (p.shipping_type == "SELLER") {
    if (!self) return err::invalid_tracking;
    tracking = get_string(*self, "tracking_number").value_or("");
    provider_id = get_string(*self, "shipping_provider_id").value_or("");
    auto carrier = std::find_if(carriers.begin(), carriers.end(),
                                [&](const auto& cr) { return cr.second == provider_id; });
    if (!plausible_tracking_number(tracking) || carrier == carriers.end()) return err::invalid_tracking;
    if (tracking_in_use(c.core, tracking)) return err::duplicate_tracking;
    provider_name = carrier->first;
  } else {
    if (self) return err::fulfill_invalid_param;  // self_shipment is for seller-shipped packages only
    tracking = tracking_number_for(shop, p.id);
    provider_name = carriers.front().first;
    provider_id = carriers.front().second;
  }

  p.ship_time = c.now;
  p.update_time = c.now;
  p.status = "FULFILLING";
  p.tracking_number = tracking;
  p.shipping_provider_id = provider_id;
  p.shipping_provider_name = provider_name;
  p.handover_method = handover;
  p.pickup_start = slot_start;
  p.pickup_end = slot_end;
  for (order* o : orders) {
    std::string before = o->status;
    refresh_order_after_ship(shop, *o, c.now);
    if (o->tracking_number.empty()) {
      o->tracking_number = tracking;
      o->shipping_provider = provider_name;
      o->shipping_provider_id = provider_id;
    }
    if (o->status != before) emit_order_status(c, shop, *o);
  }
  c.changed = true;
  return std::nullopt;
}

}  // namespace

reply ship_package(call& c) {
  if (auto e = ship_one(c, c.params.at(0), c.body_object())) return reply::fail(*e);
  return reply::ok();
}

reply batch_ship_packages(call& c) {
  const json::array* items = get_array(c.body_object(), "packages");
  if (!items || items->empty()) return reply::fail(err::fulfill_invalid_param);
  json::array errors;
  for (const auto& v : *items) {
    const json::object* item = v.if_object();
    auto id = item ? get_string(*item, "id") : std::nullopt;
    if (!id || id->empty()) {
      errors.push_back(json::object{{"code", err::fulfill_invalid_param.code},
                                    {"message", err::fulfill_invalid_param.message},
                                    {"detail", {{"package_id", ""}}}});
      continue;
    }
    if (auto e = ship_one(c, *id, *item))
      errors.push_back(
          json::object{{"code", e->code}, {"message", e->message}, {"detail", {{"package_id", *id}}}});
  }
  return reply::ok(json::object{{"errors", std::move(errors)}});
}

}  // namespace kingkung::sim::detail
