#include "storage/order_status_counters.hpp"

namespace kingkung::storage::detail {

void status_count_deltas::add(const std::string& shop_id, const std::string& status, long long delta) {
  deltas_[{shop_id, status}] += delta;
}

void status_count_deltas::apply(soci::session& sql, backend kind) {
  std::string shop_id, status;
  long long delta = 0;
  const std::string text =
      kind == backend::sqlite
          ? "INSERT INTO order_status_counters (shop_id, status, order_count) VALUES (:shop_id, :status, "
            ":delta)"
            " ON CONFLICT (shop_id, status) DO UPDATE SET order_count = order_count + excluded.order_count"
          : "INSERT INTO order_status_counters (shop_id, status, order_count) VALUES (:shop_id, :status, "
            ":delta)"
            " ON DUPLICATE KEY UPDATE order_count = order_count + VALUES(order_count)";
  soci::statement st = (sql.prepare << text, soci::use(shop_id), soci::use(status), soci::use(delta));
  for (const auto& [key, change] : deltas_) {
    if (change == 0) continue;
    shop_id = key.first;
    status = key.second;
    delta = change;
    st.execute(true);
  }
  deltas_.clear();
}

std::map<std::string, long long, std::less<>> read_status_counters(soci::session& sql,
                                                                   const std::string& shop_id) {
  std::map<std::string, long long, std::less<>> out;
  std::string status;
  long long n = 0;
  soci::statement st =
      (sql.prepare << "SELECT status, order_count FROM order_status_counters WHERE shop_id = :shop_id",
       soci::into(status), soci::into(n), soci::use(shop_id));
  st.execute();
  while (st.fetch()) out[status] += n;
  return out;
}

void recount_status_counters(soci::session& sql, const std::string& shop_id) {
  forget_status_counters(sql, shop_id);
  sql << "INSERT INTO order_status_counters (shop_id, status, order_count)"
         " SELECT shop_id, status, count(*) FROM orders WHERE shop_id = :shop_id GROUP BY shop_id, status",
      soci::use(shop_id);
}

void forget_status_counters(soci::session& sql, const std::string& shop_id) {
  sql << "DELETE FROM order_status_counters WHERE shop_id = :shop_id", soci::use(shop_id);
}

}  // namespace kingkung::storage::detail
