// Search Orders and Get Order Detail (docs/tiktok-shop-api.md, section 5.2).
#include <algorithm>

#include "fulfillment_rules.hpp"
#include "handlers.hpp"
#include "query_params.hpp"
#include "views.hpp"

namespace kingkung::sim::detail {
namespace {

struct order_filter {
  std::optional<std::string> status;
  std::optional<std::int64_t> create_ge, create_lt, update_ge, update_lt;
  std::optional<std::string> shipping_type;
  std::optional<std::string> buyer_user_id;
  std::optional<bool> buyer_request_cancel;
  std::optional<std::vector<std::string>> warehouse_ids;

  bool matches(const order& o) const {
    if (status && o.status != *status) return false;
    if (create_ge && o.create_time < *create_ge) return false;
    if (create_lt && o.create_time >= *create_lt) return false;
    if (update_ge && o.update_time < *update_ge) return false;
    if (update_lt && o.update_time >= *update_lt) return false;
    if (shipping_type && o.shipping_type != *shipping_type) return false;
    if (buyer_user_id && o.user_id != *buyer_user_id) return false;
    if (buyer_request_cancel && o.is_buyer_request_cancel != *buyer_request_cancel) return false;
    if (warehouse_ids &&
        std::find(warehouse_ids->begin(), warehouse_ids->end(), o.warehouse_id) == warehouse_ids->end())
      return false;
    return true;
  }
};

// Reads an optional key of a given JSON type; a present key of the wrong type is an error.
template <class T, class Reader>
bool read_optional(const json::object& body, std::string_view key, std::optional<T>& out, Reader read) {
  if (!has(body, key)) return true;
  out = read(body, key);
  return out.has_value();
}

std::optional<order_filter> read_filter(const json::object& body) {
  order_filter f;
  bool ok = read_optional(body, "order_status", f.status, get_string) &&
            read_optional(body, "create_time_ge", f.create_ge, get_int) &&
            read_optional(body, "create_time_lt", f.create_lt, get_int) &&
            read_optional(body, "update_time_ge", f.update_ge, get_int) &&
            read_optional(body, "update_time_lt", f.update_lt, get_int) &&
            read_optional(body, "shipping_type", f.shipping_type, get_string) &&
            read_optional(body, "buyer_user_id", f.buyer_user_id, get_string) &&
            read_optional(body, "is_buyer_request_cancel", f.buyer_request_cancel, get_bool) &&
            read_optional(body, "warehouse_ids", f.warehouse_ids, get_strings);
  if (!ok) return std::nullopt;
  if (f.status && !valid_order_status(*f.status)) return std::nullopt;
  if (f.shipping_type && *f.shipping_type != "TIKTOK" && *f.shipping_type != "SELLER") return std::nullopt;
  if (f.warehouse_ids && f.warehouse_ids->size() > 100) return std::nullopt;
  return f;
}

}  // namespace

reply search_orders(call& c) {
  std::string sort_field = c.req.param("sort_field").value_or("create_time");
  std::string sort_order = c.req.param("sort_order").value_or("DESC");
  if (sort_field != "create_time" && sort_field != "update_time")
    return reply::fail(err::order_invalid_param);
  if (sort_order != "ASC" && sort_order != "DESC") return reply::fail(err::order_invalid_param);
  auto filter = read_filter(c.body_object());
  if (!filter) return reply::fail(err::order_invalid_param);
  auto paging = read_paging(c, sort_field + "|" + sort_order + "|" + json::serialize(c.body_object()));
  if (!paging) return reply::fail(err::order_invalid_param);

  std::vector<const order*> matching;
  for (const auto& [id, o] : c.shop->orders)
    if (filter->matches(o)) matching.push_back(&o);
  bool by_update = sort_field == "update_time";
  auto page = take_page<order>(
      std::move(matching), [&](const order& o) { return by_update ? o.update_time : o.create_time; },
      [](const order& o) -> const std::string& { return o.id; }, sort_order == "DESC", paging->page_size,
      paging->after, paging->fingerprint, page_token_key(c.core));
  json::array orders;
  for (const auto* o : page.items) orders.push_back(order_json(*c.shop, *o));
  return reply::ok(json::object{{"next_page_token", page.next_page_token},
                                {"total_count", page.total_count},
                                {"orders", std::move(orders)}});
}

reply order_detail(call& c) {
  auto ids = split_ids(c.req.param("ids").value_or(""));
  if (ids.empty() || ids.size() > 50) return reply::fail(err::order_invalid_param);
  json::array orders;
  for (const auto& id : ids) {
    auto it = c.shop->orders.find(id);
    if (it != c.shop->orders.end()) {
      orders.push_back(order_json(*c.shop, it->second));
    } else if (c.core.shop_of_order(id)) {
      return reply::fail(err::not_this_seller);
    }
  }
  return reply::ok(json::object{{"orders", std::move(orders)}});
}

}  // namespace kingkung::sim::detail
