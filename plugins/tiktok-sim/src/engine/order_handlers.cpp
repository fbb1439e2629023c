// Search Orders and Get Order Detail (docs/tiktok-shop-api.md, section 5.2).
#include <algorithm>

#include "fault_plan.hpp"
#include "fulfillment_rules.hpp"
#include "handlers.hpp"
#include "order_search.hpp"
#include "query_params.hpp"
#include "views.hpp"

namespace kingkung::sim::detail {

reply search_orders(call& c) {
  std::string sort_field = c.req.param("sort_field").value_or("create_time");
  std::string sort_order = c.req.param("sort_order").value_or("DESC");
  if (sort_field != "create_time" && sort_field != "update_time")
    return reply::fail(err::order_invalid_param);
  if (sort_order != "ASC" && sort_order != "DESC") return reply::fail(err::order_invalid_param);
  auto filter = read_order_filter(c.body_object());
  if (!filter) return reply::fail(err::order_invalid_param);
  auto paging = read_paging(c, sort_field + "|" + sort_order + "|" + json::serialize(c.body_object()));
  if (!paging) return reply::fail(err::order_invalid_param);

  auto page = page_of_orders(*c.shop, *filter, sort_field == "update_time", sort_order == "DESC", *paging,
                             page_token_key(c.core));
  json::array orders(c.answer_storage);
  orders.reserve(page.items.size());
  for (const auto* o : page.items) orders.push_back(order_json(*c.shop, *o, c.answer_storage));
  return reply::ok(json::object({{"next_page_token", page.next_page_token},
                                 {"total_count", page.total_count},
                                 {"orders", std::move(orders)}},
                                c.answer_storage));
}

reply order_detail(call& c) {
  auto ids = split_ids(c.req.param("ids").value_or(""));
  if (ids.empty() || ids.size() > 50) return reply::fail(err::order_invalid_param);
  for (const auto& id : ids)
    if (!c.shop->orders.contains(id) && c.core.shop_of_order(id)) return reply::fail(err::not_this_seller);
  // An injected omit_orders fault: the platform may answer without orders the caller can no longer see.
  const auto omitted =
      c.core.faults ? c.core.faults->omitted_orders(c.shop->cfg.id, ids) : std::vector<std::string>{};
  if (!omitted.empty()) c.applied_fault = std::string(omit_orders_name);
  json::array orders(c.answer_storage);
  orders.reserve(ids.size());
  for (const auto& id : ids) {
    if (std::find(omitted.begin(), omitted.end(), id) != omitted.end()) continue;
    auto it = c.shop->orders.find(id);
    if (it != c.shop->orders.end()) orders.push_back(order_json(*c.shop, it->second, c.answer_storage));
  }
  return reply::ok(json::object({{"orders", std::move(orders)}}, c.answer_storage));
}

}  // namespace kingkung::sim::detail
