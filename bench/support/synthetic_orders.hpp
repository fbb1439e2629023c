// Synthetic orders for the growth and memory benches: deterministic for an index, spread over a year of
// create times and every status, one to three line items, a raw_json of the platform's usual size. Ids
// are 18-digit strings like the platform's. Order i has the content of order i % period (10 000 unless
// a test asks for less) and ids of its own (order, lines, buyer: every copy of the content has buyers
// of its own), so a large table can be loaded by copying the first `period` orders with new ids
// (support/bulk_loader.hpp) and still hold exactly what synthetic_order() describes.
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
domain::order synthetic_order(const std::string& shop_id, std::int64_t index,
                              std::int64_t period = replication_base);

// Stores orders [from, to) through order_repository::upsert in transactions of `batch` orders.
// `progress` (may be empty) is called after each batch with the orders stored so far. Throws
// std::runtime_error when a batch fails.
void load_synthetic_orders(storage::database& db, const std::string& shop_id, std::int64_t from,
                           std::int64_t to, std::size_t batch = 5000,
                           const std::function<void(std::int64_t)>& progress = {},
                           std::int64_t period = replication_base);

}  // namespace kingkung::bench
