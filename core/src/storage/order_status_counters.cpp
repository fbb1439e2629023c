#include "storage/order_status_counters.hpp"

#include <algorithm>

#include "storage/order_change_marks.hpp"

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

std::map<std::string, long long, std::less<>> read_status_counters(soci::session& sql,
                                                                   const std::vector<std::string>& shop_ids) {
  std::map<std::string, long long, std::less<>> out;
  std::vector<std::string> shops = shop_ids;
  std::sort(shops.begin(), shops.end());
  shops.erase(std::unique(shops.begin(), shops.end()), shops.end());
  if (shops.empty()) return out;
  std::string text = "SELECT status, order_count FROM order_status_counters WHERE shop_id IN (";
  for (std::size_t i = 0; i < shops.size(); ++i) text += (i ? ", :s" : ":s") + std::to_string(i);
  text += ")";
  std::string status;
  long long n = 0;
  soci::statement st(sql);
  st.exchange(soci::into(status));
  st.exchange(soci::into(n));
  for (const auto& shop : shops) st.exchange(soci::use(shop));
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out[status] += n;
  return out;
}

void recount_status_counters(soci::session& sql, const std::string& shop_id) {
  forget_status_counters(sql, shop_id);  // raises the shop's order mark
  sql << "INSERT INTO order_status_counters (shop_id, status, order_count)"
         " SELECT shop_id, status, count(*) FROM orders WHERE shop_id = :shop_id GROUP BY shop_id, status",
      soci::use(shop_id);
}

void forget_status_counters(soci::session& sql, const std::string& shop_id) {
  sql << "DELETE FROM order_status_counters WHERE shop_id = :shop_id", soci::use(shop_id);
  // The shop's orders are being replaced or deleted in this transaction.
  raise_order_marks(sql, sql.get_backend_name() == "mysql" ? backend::mysql : backend::sqlite, {shop_id});
}

}  // namespace kingkung::storage::detail
