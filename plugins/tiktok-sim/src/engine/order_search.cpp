#include "order_search.hpp"

#include <algorithm>

#include "fulfillment_rules.hpp"

namespace kingkung::sim::detail {

bool order_filter::only_bounds_on(bool by_update) const {
  bool other_time = by_update ? (create_ge || create_lt) : (update_ge || update_lt);
  return !status && !other_time && !shipping_type && !buyer_user_id && !buyer_request_cancel &&
         !warehouse_ids;
}

bool order_filter::matches(const order& o) const {
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

namespace {

// Reads an optional key of a given JSON type; a present key of the wrong type is an error.
template <class T, class Reader>
bool read_optional(const json::object& body, std::string_view key, std::optional<T>& out, Reader read) {
  if (!has(body, key)) return true;
  out = read(body, key);
  return out.has_value();
}

}  // namespace

std::optional<order_filter> read_order_filter(const json::object& body) {
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

order_page page_of_orders(const shop_state& shop, const order_filter& filter, bool by_update, bool descending,
                          const paging_request& paging, std::string_view token_key) {
  using entries = order_index::entries;
  const entries& index = by_update ? shop.order_times.by_update_time() : shop.order_times.by_create_time();
  const auto& ge = by_update ? filter.update_ge : filter.create_ge;
  const auto& lt = by_update ? filter.update_lt : filter.create_lt;
  auto lo = ge ? index.lower_bound({*ge, std::string()}) : index.begin();
  auto hi = lt ? index.lower_bound({*lt, std::string()}) : index.end();
  if (ge && lt && *ge >= *lt) hi = lo;

  // The order an entry names, when it matches; an entry whose order moved since is skipped.
  auto matching = [&](const order_index::entry& e) -> const order* {
    auto it = shop.orders.find(e.second);
    if (it == shop.orders.end()) return nullptr;
    const order& o = it->second;
    if ((by_update ? o.update_time : o.create_time) != e.first || !filter.matches(o)) return nullptr;
    return &o;
  };

  order_page page;
  if (filter.only_bounds_on(by_update)) {
    page.total_count = by_update ? shop.order_times.count_by_update_time(ge, lt)
                                 : shop.order_times.count_by_create_time(ge, lt);
  } else {
    for (auto it = lo; it != hi; ++it)
      if (matching(*it)) ++page.total_count;
  }

  bool more = false;
  auto take = [&](const order_index::entry& e) {
    const order* o = matching(e);
    if (!o) return true;
    if (page.items.size() == paging.page_size) {
      more = true;
      return false;
    }
    page.items.push_back(o);
    return true;
  };
  const auto end = index.end();
  if (!descending) {
    auto start = lo;
    if (paging.after) {
      auto past = index.upper_bound({paging.after->sort_value, paging.after->last_id});
      if (lo != end && (past == end || *lo < *past)) start = past;
    }
    for (auto it = start; it != end && (!lt || it->first < *lt) && take(*it); ++it) {
    }
  } else {
    auto top = hi;
    if (paging.after) {
      auto before = index.lower_bound({paging.after->sort_value, paging.after->last_id});
      if (hi == end || (before != end && *before < *hi)) top = before;
    }
    for (auto it = top; it != index.begin();) {
      --it;
      if ((ge && it->first < *ge) || !take(*it)) break;
    }
  }
  if (more && !page.items.empty()) {
    const order* last = page.items.back();
    page.next_page_token = encode_page_token(
        {paging.fingerprint, by_update ? last->update_time : last->create_time, last->id}, token_key);
  }
  return page;
}

}  // namespace kingkung::sim::detail
