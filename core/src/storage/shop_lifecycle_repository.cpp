#include "kingkung/storage/shop_lifecycle_repository.hpp"

#include <soci/soci.h>

#include <optional>

#include "storage/order_status_counters.hpp"
#include "storage/order_text_fts.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

std::size_t run_counted(soci::session& sql, const std::string& statement, const std::string& shop_id) {
  soci::statement st = (sql.prepare << statement, soci::use(shop_id));
  st.execute(true);
  long long n = st.get_affected_rows();
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

struct shop_state_row {
  long long seller_id = 0;
  std::string state;
  long long disconnected_at = 0;
};

std::optional<shop_state_row> read_shop_state(soci::session& sql, const std::string& shop_id,
                                              backend kind) {
  shop_state_row row;
  // Locks the row on MySQL so a concurrent reconnect waits for this transaction.
  std::string query = "SELECT seller_id, state, disconnected_at FROM shops WHERE id = :id";
  if (kind == backend::mysql) query += " FOR UPDATE";
  soci::statement st = (sql.prepare << query, soci::into(row.seller_id), soci::into(row.state),
                        soci::into(row.disconnected_at), soci::use(shop_id));
  if (!st.execute(true)) return std::nullopt;
  return row;
}

}  // namespace

shop_purge_counts& shop_purge_counts::operator+=(const shop_purge_counts& o) {
  orders += o.orders;
  order_lines += o.order_lines;
  order_status_history += o.order_status_history;
  packages += o.packages;
  package_orders += o.package_orders;
  products += o.products;
  skus += o.skus;
  inventory += o.inventory;
  invoices += o.invoices;
  webhook_events += o.webhook_events;
  module_state += o.module_state;
  sync_state += o.sync_state;
  write_backs += o.write_backs;
  tokens += o.tokens;
  shops += o.shops;
  return *this;
}

std::size_t shop_purge_counts::total() const {
  return orders + order_lines + order_status_history + packages + package_orders + products + skus +
         inventory + invoices + webhook_events + module_state + sync_state + write_backs + tokens + shops;
}

result<shop_disconnect_outcome> shop_lifecycle_repository::disconnect_shop(std::string_view shop_id,
                                                                          std::int64_t at) {
  constexpr std::string_view op = "shops.disconnect";
  if (auto p = detail::length_problem("the shop id", shop_id, 64); !p.empty()) return detail::invalid(op, p);
  return detail::in_transaction(db_, op, [&](soci::session& sql) -> result<shop_disconnect_outcome> {
    std::string id(shop_id);
    shop_disconnect_outcome out;
    out.tokens_deleted = run_counted(sql, "DELETE FROM shop_tokens WHERE shop_id = :shop_id", id);
    auto shop = read_shop_state(sql, id, db_.kind());
    if (!shop) return out;
    out.shop_known = true;
    out.seller_id = shop->seller_id;
    out.already_disconnected = shop->state == "disconnected" && shop->disconnected_at > 0;
    out.disconnected_at = out.already_disconnected ? shop->disconnected_at : at;
    long long when = out.disconnected_at;
    sql << "UPDATE shops SET state = 'disconnected', disconnected_at = :at WHERE id = :id", soci::use(when),
        soci::use(id);
    // Only items waiting for their next attempt: one in flight may have reached the platform already and
    // is settled by the write-back queue (without a token it cannot be sent again).
    long long now = at;
    soci::statement cancel =
        (sql.prepare << "UPDATE write_back_queue SET status = 'failed',"
                        " last_error = 'cancelled: the shop was disconnected', updated_at = :at"
                        " WHERE shop_id = :shop_id AND status = 'pending'",
         soci::use(now), soci::use(id));
    cancel.execute(true);
    long long n = cancel.get_affected_rows();
    out.write_backs_cancelled = n > 0 ? static_cast<std::size_t>(n) : 0;
    return out;
  });
}

result<std::vector<purge_candidate>> shop_lifecycle_repository::due_for_purge(std::int64_t cutoff) {
  constexpr std::string_view op = "shops.due_for_purge";
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::vector<purge_candidate>> {
    long long limit = cutoff;
    purge_candidate row;
    long long seller_id = 0, disconnected_at = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, seller_id, disconnected_at FROM shops WHERE state = 'disconnected'"
                        " AND disconnected_at > 0 AND disconnected_at <= :cutoff ORDER BY disconnected_at, id",
         soci::into(row.shop_id), soci::into(seller_id), soci::into(disconnected_at), soci::use(limit));
    std::vector<purge_candidate> out;
    if (st.execute(true)) {
      do {
        row.seller_id = seller_id;
        row.disconnected_at = disconnected_at;
        out.push_back(row);
      } while (st.fetch());
    }
    return out;
  });
}

result<shop_purge_counts> shop_lifecycle_repository::purge_shop(std::string_view shop_id, std::int64_t cutoff) {
  constexpr std::string_view op = "shops.purge";
  if (auto p = detail::length_problem("the shop id", shop_id, 64); !p.empty()) return detail::invalid(op, p);
  return detail::in_transaction(db_, op, [&](soci::session& sql) -> result<shop_purge_counts> {
    std::string id(shop_id);
    shop_purge_counts c;
    auto shop = read_shop_state(sql, id, db_.kind());
    if (!shop || shop->state != "disconnected" || shop->disconnected_at <= 0 || shop->disconnected_at > cutoff)
      return c;
    // Children before parents, so every count is exact even where foreign keys would cascade.
    c.inventory = run_counted(sql, "DELETE FROM inventory WHERE shop_id = :shop_id", id);
    c.skus = run_counted(sql, "DELETE FROM skus WHERE shop_id = :shop_id", id);
    c.products = run_counted(sql, "DELETE FROM products WHERE shop_id = :shop_id", id);
    c.package_orders = run_counted(sql, "DELETE FROM package_orders WHERE shop_id = :shop_id", id);
    c.packages = run_counted(sql, "DELETE FROM packages WHERE shop_id = :shop_id", id);
    c.order_status_history = run_counted(sql, "DELETE FROM order_status_history WHERE shop_id = :shop_id", id);
    c.order_lines = run_counted(sql, "DELETE FROM order_lines WHERE shop_id = :shop_id", id);
    detail::forget_order_text(sql, db_.kind(), id);  // keyed by the orders' rowids: before the orders
    detail::forget_status_counters(sql, id);
    c.orders = run_counted(sql, "DELETE FROM orders WHERE shop_id = :shop_id", id);
    c.invoices = run_counted(sql, "DELETE FROM invoices WHERE shop_id = :shop_id", id);
    c.webhook_events = run_counted(sql, "DELETE FROM webhook_events WHERE shop_id = :shop_id", id);
    c.module_state = run_counted(sql, "DELETE FROM module_state WHERE shop_id = :shop_id", id);
    c.sync_state = run_counted(sql, "DELETE FROM sync_state WHERE shop_id = :shop_id", id);
    c.write_backs = run_counted(sql, "DELETE FROM write_back_queue WHERE shop_id = :shop_id", id);
    c.tokens = run_counted(sql, "DELETE FROM shop_tokens WHERE shop_id = :shop_id", id);
    c.shops = run_counted(sql, "DELETE FROM shops WHERE id = :shop_id", id);
    // Nothing of the shop stays behind. Should it connect again, its new connection time keeps any page
    // kept from before apart (hosts/web/src/api/orders/order_page_cache.hpp).
    run_counted(sql, "DELETE FROM order_change_marks WHERE shop_id = :shop_id", id);
    return c;
  });
}

}  // namespace kingkung::storage
