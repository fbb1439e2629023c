// Get Order Split Attributes and Split Orders (docs/tiktok-shop-api.md 5.4 and 7.4): Mexico
// cross-border orders that break a package limit must be split, in one call that satisfies every limit.
#include <algorithm>
#include <map>
#include <set>

#include "fulfillment_rules.hpp"
#include "handlers.hpp"
#include "order_store.hpp"
#include "query_params.hpp"

namespace kingkung::sim::detail {
namespace {

json::object split_attributes_of(const shop_state& shop, const order& o) {
  std::string refusal = split_refusal(shop, o);
  json::object j{{"order_id", o.id}, {"can_split", refusal.empty()}};
  if (!refusal.empty()) j["reason"] = refusal;
  std::vector<split_reason> reasons;
  if (refusal.empty()) {
    std::vector<const line_item*> lines;
    for (const auto& l : o.lines) lines.push_back(&l);
    reasons = broken_limits(shop, lines);
  }
  j["must_split"] = !reasons.empty();
  json::array list;
  for (const auto& r : reasons) {
    json::object item{{"type", r.type}, {"max_count", std::to_string(r.max_count)}};
    if (!r.category_id.empty()) item["category_id"] = r.category_id;
    list.push_back(std::move(item));
  }
  if (!reasons.empty()) j["must_split_reasons"] = std::move(list);
  return j;
}

}  // namespace

reply split_attributes(call& c) {
  auto ids = split_ids(c.req.param("order_ids").value_or(""));
  if (ids.empty() || ids.size() > 50) return reply::fail(err::fulfill_invalid_param);
  json::array items;
  for (const auto& id : ids) {
    auto it = c.shop->orders.find(id);
    if (it != c.shop->orders.end())
      items.push_back(split_attributes_of(*c.shop, it->second));
    else if (c.core.shop_of_order(id))
      return reply::fail(err::not_this_seller);
  }
  return reply::ok(json::object{{"split_attributes", std::move(items)}});
}

reply split_order(call& c) {
  shop_state& shop = *c.shop;
  auto found = shop.orders.find(c.params.at(0));
  if (found == shop.orders.end()) return reply::fail(err::not_this_seller);
  order& o = found->second;
  if (!split_refusal(shop, o).empty()) return reply::fail(err::split_not_allowed);
  package& original = shop.packages.at(o.package_ids.front());
  if (original.invoice_record && original.invoice_record->status != "INVALID")
    return reply::fail(err::split_not_allowed);

  const json::array* groups = get_array(c.body_object(), "splittable_groups");
  if (!groups || groups->size() < 2) return reply::fail(err::fulfill_invalid_param);
  std::map<std::string, const line_item*> by_id;
  for (const auto& l : o.lines) by_id[l.id] = &l;
  std::set<std::string> group_ids, placed;
  std::vector<std::pair<std::string, std::vector<const line_item*>>> plan;
  for (const auto& v : *groups) {
    const json::object* g = v.if_object();
    auto gid = g ? get_string(*g, "id") : std::nullopt;
    auto line_ids = g ? get_strings(*g, "order_line_item_ids") : std::nullopt;
    if (!gid || gid->empty() || !group_ids.insert(*gid).second || !line_ids || line_ids->empty())
      return reply::fail(err::fulfill_invalid_param);
    std::vector<const line_item*> lines;
    for (const auto& lid : *line_ids) {
      auto l = by_id.find(lid);
      if (l == by_id.end() || !placed.insert(lid).second) return reply::fail(err::fulfill_invalid_param);
      lines.push_back(l->second);
    }
    plan.emplace_back(*gid, std::move(lines));
  }
  if (placed.size() != o.lines.size()) return reply::fail(err::fulfill_invalid_param);  // every item, once
  if (shop.cfg.seller_type != "CROSS_BORDER") {
    // All-units split: every unit of a SKU stays in one package.
    std::map<std::string, std::string> group_of_sku;
    for (const auto& [gid, lines] : plan)
      for (const auto* l : lines) {
        auto [pos, inserted] = group_of_sku.emplace(l->sku_id, gid);
        if (!inserted && pos->second != gid) return reply::fail(err::fulfill_invalid_param);
      }
  }
  for (const auto& [gid, lines] : plan)
    if (!broken_limits(shop, lines).empty()) return reply::fail(err::split_breaks_limit);

  std::string original_id = original.id;
  shop.packages.erase(original_id);
  o.package_ids.clear();
  json::array result;
  std::vector<const package*> created;
  for (const auto& [gid, lines] : plan) {
    package p;
    p.id = c.core.next_id("115", 19);
    p.status = "PROCESSING";
    p.split_combine_tag = "SPLIT";
    p.order_ids = {o.id};
    p.create_time = c.now;
    p.update_time = c.now;
    p.shipping_type = o.shipping_type;
    for (const auto* l : lines) p.line_item_ids.push_back(l->id);
    for (auto& l : o.lines)
      if (std::find(p.line_item_ids.begin(), p.line_item_ids.end(), l.id) != p.line_item_ids.end())
        l.package_id = p.id;
    o.package_ids.push_back(p.id);
    result.push_back(json::object{{"splittable_group_id", gid}, {"id", p.id}});
    auto [pos, inserted] = shop.packages.emplace(p.id, std::move(p));
    created.push_back(&pos->second);
  }
  o.split_or_combine_tag = "SPLIT";
  set_update_time(shop, o, c.now);
  c.changed = true;
  emit_package_update(c, shop, "SPLIT", created);
  return reply::ok(json::object{{"packages", std::move(result)}});
}

}  // namespace kingkung::sim::detail
