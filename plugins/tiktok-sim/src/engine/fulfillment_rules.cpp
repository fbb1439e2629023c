#include "fulfillment_rules.hpp"

#include <algorithm>
#include <map>

#include "demo_catalog.hpp"
#include "order_store.hpp"

namespace kingkung::sim::detail {

bool has_split_limits(const shop_state& shop) {
  return shop.cfg.region == "MX" && shop.cfg.seller_type == "CROSS_BORDER";
}

std::vector<split_reason> broken_limits(const shop_state& shop, const std::vector<const line_item*>& lines) {
  std::vector<split_reason> out;
  if (!has_split_limits(shop)) return out;
  std::map<std::string, int> per_category;
  for (const auto* l : lines) ++per_category[l->category_id];
  for (const auto& [category, count] : per_category) {
    const auto* info = find_category(category);
    if (info && info->mx_cross_border_limit > 0 && count > info->mx_cross_border_limit)
      out.push_back({"CATEGORY_ITEM_LIMITATION", category, info->mx_cross_border_limit});
  }
  if (static_cast<int>(lines.size()) > mx_cross_border_total_limit)
    out.push_back({"TOTAL_COUNT_LIMITATION", "", mx_cross_border_total_limit});
  return out;
}

bool order_is_shipped(std::string_view s) {
  return s == "AWAITING_COLLECTION" || s == "IN_TRANSIT" || s == "DELIVERED" || s == "COMPLETED";
}

bool order_is_open(std::string_view s) {
  return s == "AWAITING_SHIPMENT" || s == "PARTIALLY_SHIPPING";
}

bool valid_order_status(std::string_view s) {
  return s == "UNPAID" || s == "ON_HOLD" || s == "AWAITING_SHIPMENT" || s == "PARTIALLY_SHIPPING" ||
         s == "AWAITING_COLLECTION" || s == "IN_TRANSIT" || s == "DELIVERED" || s == "COMPLETED" ||
         s == "CANCELLED";
}

std::string package_status_for(std::string_view order_status, bool package_shipped) {
  if (order_status == "CANCELLED") return "CANCELLED";
  if (order_status == "DELIVERED" || order_status == "COMPLETED") return "COMPLETED";
  if (order_status == "IN_TRANSIT" || order_status == "AWAITING_COLLECTION") return "FULFILLING";
  return package_shipped ? "FULFILLING" : "PROCESSING";
}

std::string line_package_status(std::string_view order_status, const package* pkg) {
  if (order_status == "CANCELLED") return "CANCELLED";
  if (!pkg) return "TO_FULFILL";
  if (pkg->status == "COMPLETED") return "COMPLETED";
  if (pkg->status == "CANCELLED") return "CANCELLED";
  if (pkg->status == "FULFILLING")
    return order_status == "AWAITING_COLLECTION" || order_status == "PARTIALLY_SHIPPING" ? "PROCESSING"
                                                                                         : "FULFILLING";
  return "TO_FULFILL";
}

std::vector<const line_item*> lines_in_package(const order& o, const package& p) {
  std::vector<const line_item*> out;
  for (const auto& l : o.lines)
    if (std::find(p.line_item_ids.begin(), p.line_item_ids.end(), l.id) != p.line_item_ids.end())
      out.push_back(&l);
  return out;
}

std::vector<package*> packages_of(shop_state& shop, const order& o) {
  std::vector<package*> out;
  for (const auto& id : o.package_ids)
    if (auto it = shop.packages.find(id); it != shop.packages.end()) out.push_back(&it->second);
  return out;
}

void refresh_order_after_ship(shop_state& shop, order& o, std::int64_t now) {
  auto pkgs = packages_of(shop, o);
  bool all = !pkgs.empty() &&
             std::all_of(pkgs.begin(), pkgs.end(), [](const package* p) { return p->ship_time > 0; });
  o.status = all ? "AWAITING_COLLECTION" : "PARTIALLY_SHIPPING";
  if (all && o.rts_time == 0) o.rts_time = now;
  set_update_time(shop, o, now);
}

std::string split_refusal(const shop_state& shop, const order& o) {
  if (o.status == "CANCELLED") return "Order has been canceled";
  if (o.status == "UNPAID" || o.status == "ON_HOLD") return "Order is not ready to be fulfilled";
  if (!order_is_open(o.status) || o.status == "PARTIALLY_SHIPPING") return "Order has been shipped";
  if (o.package_ids.size() != 1) return "Order has already been split or combined";
  auto it = shop.packages.find(o.package_ids.front());
  if (it == shop.packages.end() || it->second.order_ids.size() != 1)
    return "Order has already been split or combined";
  if (o.lines.size() < 2) return "Order has only one item";
  if (shop.cfg.seller_type != "CROSS_BORDER") {
    bool several_skus = std::any_of(o.lines.begin(), o.lines.end(),
                                    [&](const line_item& l) { return l.sku_id != o.lines.front().sku_id; });
    if (!several_skus) return "All items are the same SKU; all-units split is not possible";
  }
  return {};
}

}  // namespace kingkung::sim::detail
