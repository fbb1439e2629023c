// Synthetic orders for the growth and memory benches: deterministic for an index, spread over a year of
// create times and every status, one to three line items, a raw_json of the platform's usual size. Ids
// are 18-digit strings like the platform's. Order i has the content of order i % replication_base and
// ids of its own, so a large table can be grown by copying the first replication_base orders in SQL
// (grow_by_replication) and still hold exactly what synthetic_order() describes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kingkung/domain/order.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::bench {

inline constexpr std::int64_t synthetic_now = 1'760'000'000;
inline constexpr std::int64_t replication_base = 10'000;

std::string synthetic_order_id(std::int64_t index);
domain::order synthetic_order(const std::string& shop_id, std::int64_t index);

// Stores orders [from, to) through order_repository::upsert in transactions of `batch` orders.
// `progress` (may be empty) is called after each batch with the orders stored so far. Throws
// std::runtime_error when a batch fails.
void load_synthetic_orders(storage::database& db, const std::string& shop_id, std::int64_t from,
                           std::int64_t to, std::size_t batch = 5000,
                           const std::function<void(std::int64_t)>& progress = {});

// Grows the shop's orders from `from` to `to` (both multiples of replication_base, from at least
// replication_base) by copying orders [0, replication_base) with their lines and status history in SQL,
// one INSERT ... SELECT per copy and table, in one transaction per copy (SQLite only: the bulk path for
// the 100k and 1M sizes; a million upserts take the better part of an hour on a loaded machine).
void grow_by_replication(storage::database& db, const std::string& shop_id, std::int64_t from,
                         std::int64_t to);

// Loads orders [from, to): upserts up to replication_base, then (SQLite) replicates.
void load_orders_fast(storage::database& db, const std::string& shop_id, std::int64_t from, std::int64_t to);

}  // namespace kingkung::bench
