// Search Combinable Packages, Combine Package and Uncombine Packages (docs/tiktok-shop-api.md, 5.4).
// The platform offers to combine unshipped single-order packages of one buyer.
#include <algorithm>
#include <map>

#include "fulfillment_rules.hpp"
#include "handlers.hpp"
#include "order_store.hpp"
#include "query_params.hpp"
#include "random.hpp"

namespace kingkung::sim::detail {
namespace {

struct combinable_group {
  std::string id;  // the package id the combined package will get
  std::vector<std::string> order_ids;
};

bool combinable(const shop_state& shop, const order& o) {
  if (o.status != "AWAITING_SHIPMENT" || o.package_ids.size() != 1) return false;
  auto it = shop.packages.find(o.package_ids.front());
  if (it == shop.packages.end()) return false;
  const package& p = it->second;
  if (p.order_ids.size() != 1 || p.ship_time > 0 || p.status != "PROCESSING" || p.invoice_record)
    return false;
  std::vector<const line_item*> lines;
  for (const auto& l : o.lines) lines.push_back(&l);
  return broken_limits(shop, lines).empty();
}

std::vector<combinable_group> combinable_groups(const shop_state& shop) {
  std::map<std::string, std::vector<std::string>> by_buyer;
  for (const auto& [id, o] : shop.orders)
    if (combinable(shop, o)) by_buyer[o.user_id + "|" + o.shipping_type + "|" + o.warehouse_id].push_back(id);
  std::vector<combinable_group> out;
  for (auto& [key, ids] : by_buyer) {
    if (ids.size() < 2) continue;
    std::sort(ids.begin(), ids.end());
    std::string joined;
    for (const auto& id : ids) joined += id + ",";
    prng r(hash_text(shop.cfg.key + "|" + joined));
    out.push_back({"115" + r.digits(16), ids});
  }
  return out;
}

json::array order_lists(const std::vector<const package*>& packages) {
  json::array out;
  for (const auto* p : packages)
    out.push_back(json::object{{"id", p->id}, {"order_ids", to_json_array(p->order_ids)}});
  return out;
}

// Moves every line of `o` into package `target`.
void move_order_into(order& o, package& target) {
  for (auto& l : o.lines) {
    l.package_id = target.id;
    target.line_item_ids.push_back(l.id);
  }
  if (std::find(target.order_ids.begin(), target.order_ids.end(), o.id) == target.order_ids.end())
    target.order_ids.push_back(o.id);
  o.package_ids = {target.id};
}

}  // namespace

reply search_combinable_packages(call& c) {
  auto paging = read_paging(c, "combinable");
  if (!paging) return reply::fail(err::fulfill_invalid_param);
  auto groups = combinable_groups(*c.shop);
  std::vector<const combinable_group*> all;
  for (const auto& g : groups) all.push_back(&g);
  auto page = take_page<combinable_group>(
      std::move(all), [](const combinable_group&) { return std::int64_t{0}; },
      [](const combinable_group& g) -> const std::string& { return g.id; }, false, paging->page_size,
      paging->after, paging->fingerprint, page_token_key(c.core));
  json::array items;
  for (const auto* g : page.items)
    items.push_back(json::object{{"id", g->id}, {"order_ids", to_json_array(g->order_ids)}});
  return reply::ok(json::object{{"combinable_packages", std::move(items)},
                                {"next_page_token", page.next_page_token},
                                {"total_count", page.total_count}});
}

reply combine_packages(call& c) {
  shop_state& shop = *c.shop;
  const json::array* items = get_array(c.body_object(), "combinable_packages");
  if (!items || items->empty()) return reply::fail(err::fulfill_invalid_param);
  json::array errors;
  std::vector<const package*> created;
  for (const auto& v : *items) {
    const json::object* item = v.if_object();
    auto id = item ? get_string(*item, "id") : std::nullopt;
    auto order_ids = item ? get_strings(*item, "order_ids") : std::nullopt;
    auto refuse = [&](const api_error& e) {
      errors.push_back(json::object{
          {"code", e.code}, {"message", e.message}, {"detail", {{"package_id", id.value_or("")}}}});
    };
    if (!id || !order_ids || order_ids->size() < 2) {
      refuse(err::combine_not_allowed);
      continue;
    }
    auto groups = combinable_groups(shop);
    auto group =
        std::find_if(groups.begin(), groups.end(), [&](const combinable_group& g) { return g.id == *id; });
    bool subset =
        group != groups.end() &&
        std::all_of(order_ids->begin(), order_ids->end(), [&](const std::string& oid) {
          return std::find(group->order_ids.begin(), group->order_ids.end(), oid) != group->order_ids.end();
        });
    if (!subset || shop.packages.count(*id)) {
      refuse(err::combine_not_allowed);
      continue;
    }
    package combined;
    combined.id = *id;
    combined.status = "PROCESSING";
    combined.split_combine_tag = "COMBINE";
    combined.create_time = c.now;
    combined.update_time = c.now;
    for (const auto& oid : *order_ids) {
      order& o = shop.orders.at(oid);
      combined.shipping_type = o.shipping_type;
      shop.packages.erase(o.package_ids.front());
      move_order_into(o, combined);
      o.split_or_combine_tag = "COMBINED";
      set_update_time(shop, o, c.now);
    }
    auto [pos, inserted] = shop.packages.emplace(combined.id, std::move(combined));
    created.push_back(&pos->second);
    c.changed = true;
  }
  if (!created.empty()) emit_package_update(c, shop, "COMBINE", created);
  return reply::ok(json::object{{"packages", order_lists(created)}, {"errors", std::move(errors)}});
}

reply uncombine_package(call& c) {
  shop_state& shop = *c.shop;
  auto it = shop.packages.find(c.params.at(0));
  if (it == shop.packages.end()) return reply::fail(err::package_not_in_shop);
  package& p = it->second;
  if (p.split_combine_tag != "COMBINE" || p.ship_time > 0 || p.status != "PROCESSING")
    return reply::fail(err::action_not_allowed);
  auto remove = get_strings(c.body_object(), "order_ids");
  if (!remove || remove->empty()) return reply::fail(err::fulfill_invalid_param);
  for (const auto& oid : *remove)
    if (std::find(p.order_ids.begin(), p.order_ids.end(), oid) == p.order_ids.end())
      return reply::fail(err::order_not_in_package);

  std::vector<const package*> resulting;
  std::vector<std::string> kept;
  for (const auto& oid : p.order_ids)
    if (std::find(remove->begin(), remove->end(), oid) == remove->end()) kept.push_back(oid);
  for (const auto& oid : *remove) {
    order& o = shop.orders.at(oid);
    package own;
    own.id = c.core.next_id("115", 19);
    own.status = "PROCESSING";
    own.split_combine_tag = "DEFAULT";
    own.create_time = c.now;
    own.update_time = c.now;
    own.shipping_type = o.shipping_type;
    move_order_into(o, own);
    o.split_or_combine_tag.clear();
    set_update_time(shop, o, c.now);
    auto [pos, inserted] = shop.packages.emplace(own.id, std::move(own));
    resulting.push_back(&pos->second);
  }
  std::string original_id = p.id;
  if (kept.empty()) {
    shop.packages.erase(original_id);
  } else {
    package& rest = shop.packages.at(original_id);
    rest.order_ids = kept;
    rest.line_item_ids.clear();
    for (const auto& oid : kept)
      for (const auto& l : shop.orders.at(oid).lines) rest.line_item_ids.push_back(l.id);
    rest.update_time = c.now;
    if (kept.size() == 1) {
      rest.split_combine_tag = "DEFAULT";
      shop.orders.at(kept.front()).split_or_combine_tag.clear();
    }
    resulting.insert(resulting.begin(), &rest);
  }
  c.changed = true;
  emit_package_update(c, shop, "CANCEL_COMBINE", resulting);
  return reply::ok(json::object{{"packages", order_lists(resulting)}});
}

}  // namespace kingkung::sim::detail
