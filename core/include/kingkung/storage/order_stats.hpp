// Order statistics for the dashboard: orders and revenue per UTC day per shop, exact (decimal sums done
// by the database on integer ten-thousandths or DECIMAL, never floating point).
//
// Revenue counts what buyers paid for orders that are neither UNPAID nor CANCELLED (payment.total_amount);
// the order count includes every order created that day.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/common/decimal.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct daily_order_stats {
  std::int64_t day_start = 0;  // Unix seconds of 00:00 UTC
  std::string shop_id;
  std::string currency;
  std::int64_t orders = 0;
  decimal revenue;
};

// "2026-11-28" for a Unix time (UTC).
std::string utc_date(std::int64_t unix_seconds);

class order_stats {
 public:
  explicit order_stats(database& db) : db_(db) {}

  // The `days` UTC days ending with the day of `now` (1 to 366), for each listed shop: one row per day,
  // shop and currency that had orders, by day then shop id. errc::invalid_argument for days out of range.
  result<std::vector<daily_order_stats>> daily(const std::vector<std::string>& shop_ids, int days,
                                               std::int64_t now);

  static constexpr int max_days = 366;

 private:
  database& db_;
};

}  // namespace kingkung::storage
