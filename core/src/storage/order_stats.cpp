#include "kingkung/storage/order_stats.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <tuple>

#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {

namespace {
constexpr std::int64_t day_seconds = 86400;

std::int64_t floor_day(std::int64_t t) {
  std::int64_t d = t / day_seconds;
  if (t % day_seconds < 0) --d;
  return d * day_seconds;
}
}  // namespace

std::string utc_date(std::int64_t unix_seconds) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{days{floor_day(unix_seconds) / day_seconds}}};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

result<std::vector<daily_order_stats>> order_stats::daily(const std::vector<std::string>& shop_ids, int days,
                                                          std::int64_t now) {
  constexpr std::string_view op = "orders.daily_stats";
  if (days < 1 || days > max_days)
    return detail::invalid(op, "days must be 1 to " + std::to_string(max_days) + ", got " + std::to_string(days));
  const long long to = floor_day(now) + day_seconds;
  const long long from = to - static_cast<long long>(days) * day_seconds;
  const backend kind = db_.kind();
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::vector<daily_order_stats>> {
    std::vector<daily_order_stats> out;
    // The day is computed from the index range the query reads (shop_id, create_time).
    const std::string day_expr = kind == backend::mysql ? "create_time DIV 86400" : "create_time / 86400";
    for (const auto& shop : shop_ids) {
      std::string shop_id = shop, currency, revenue;
      long long day = 0, orders = 0;
      soci::statement st =
          (sql.prepare << "SELECT " + day_expr + " AS day_number, currency, count(*),"
                              " sum(CASE WHEN status IN ('UNPAID', 'CANCELLED') THEN 0 ELSE total_amount END)"
                              " FROM orders WHERE shop_id = :shop_id AND create_time >= :from_time"
                              " AND create_time < :to_time GROUP BY day_number, currency",
           soci::into(day), soci::into(currency), soci::into(orders), soci::into(revenue), soci::use(shop_id),
           soci::use(from), soci::use(to));
      st.execute();
      while (st.fetch()) {
        daily_order_stats row;
        row.day_start = day * day_seconds;
        row.shop_id = shop;
        row.currency = currency;
        row.orders = orders;
        row.revenue = detail::money_from_column(kind, revenue, "sum(orders.total_amount)");
        out.push_back(std::move(row));
      }
    }
    std::sort(out.begin(), out.end(), [](const daily_order_stats& a, const daily_order_stats& b) {
      return std::tie(a.day_start, a.shop_id, a.currency) < std::tie(b.day_start, b.shop_id, b.currency);
    });
    return out;
  });
}

}  // namespace kingkung::storage
