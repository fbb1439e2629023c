#include "order_store.hpp"

namespace kingkung::sim::detail {

order& insert_order(shop_state& shop, order o) {
  auto [pos, inserted] = shop.orders.emplace(o.id, std::move(o));
  if (inserted) shop.order_times.add(pos->second.id, pos->second.create_time, pos->second.update_time);
  return pos->second;
}

void set_update_time(shop_state& shop, order& o, std::int64_t update_time) {
  shop.order_times.move_update_time(o.id, o.update_time, update_time);
  o.update_time = update_time;
}

void rebuild_indexes(sim_state& state) {
  state.due.clear();
  for (auto& [key, shop] : state.shops) {
    shop.order_times.clear();
    for (const auto& [id, o] : shop.orders) shop.order_times.add(id, o.create_time, o.update_time);
    for (const auto& [id, p] : shop.packages)
      if (p.invoice_record && p.invoice_record->status == "PROCESSING")
        state.due.add(p.invoice_record->settle_at, {key, due_kind::invoice_decision, id});
    for (const auto& [id, p] : shop.products)
      if (p.audit_settle_at != 0) state.due.add(p.audit_settle_at, {key, due_kind::product_audit, id});
  }
}

}  // namespace kingkung::sim::detail
