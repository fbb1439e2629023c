// Loads a million synthetic orders into a product database in minutes, for the growth and memory
// benches: the SQLite C API alone, prepared statements, rows in primary-key order, one large
// transaction per hundred thousand orders, synchronous=OFF and journal_mode=OFF while it runs, the
// secondary indexes and triggers of the order tables dropped and built again from the rows afterwards,
// and the tables the product maintains from the orders rebuilt from them by the product
// (support/maintained_tables.hpp).
//
// Each new order i is a copy of its template, order i % period, which order_repository::upsert stored
// (so every column is in the product's own format), with the values that depend on i itself (the order
// id, the tracking number, the buyer's id and email, the raw JSON, the line ids) taken from
// synthetic_order(i). The result holds
// what upserting synthetic_order(i) for every i would have stored, except the storage times (stored_at,
// recorded_at) and the history rows' ids; bench/tests checks that the product answers the same over
// both.
#pragma once

#include <cstdint>
#include <string>

#include "support/synthetic_orders.hpp"

namespace kingkung::bench {

struct bulk_load_report {
  std::int64_t orders = 0;        // orders appended
  std::int64_t rows = 0;          // rows written to orders, order_lines and order_status_history
  double insert_seconds = 0;      // wall time writing the rows
  double index_seconds = 0;       // wall time building the dropped indexes again
  double maintained_seconds = 0;  // wall time rebuilding the maintained tables (status counters, search)
};

// Appends synthetic orders [from, to) of `shop_id` to the SQLite database file at `path`. Orders
// [0, period) must already be stored through order_repository (from >= period). No other connection may
// have the database open (journal_mode=OFF needs it alone): the call fails otherwise, before writing.
// A crash while it runs can leave the file without its indexes: it is for bench databases only.
// Throws std::runtime_error saying what was wrong (a missing template, an order already stored, SQL).
bulk_load_report bulk_load_orders(const std::string& path, const std::string& shop_id, std::int64_t from,
                                  std::int64_t to, std::int64_t period = replication_base);

struct load_report {
  std::int64_t upserted = 0;  // orders stored through order_repository::upsert
  double upsert_seconds = 0;
  bulk_load_report bulk;  // the orders copied by bulk_load_orders
};

// Orders [from, to) of the shop in the database at `url`, which must not be open elsewhere: those below
// `period` through order_repository::upsert (the templates), the rest by bulk_load_orders on SQLite and
// by upserts on MySQL. Opens (and migrates) the database itself and closes it before returning.
load_report load_orders_fast(const std::string& url, const std::string& shop_id, std::int64_t from,
                             std::int64_t to, std::int64_t period = replication_base);

}  // namespace kingkung::bench
