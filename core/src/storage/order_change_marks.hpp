// Per-shop change marks of the orders (order_change_marks, schema migration 7). Whatever writes a shop's
// orders or order lines raises the shop's mark in the same transaction: order_repository's upsert, the
// status counters' recount (a bulk load) and removal (the purge). Include only from core/src/storage/*.cpp
// (it pulls in SOCI).
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage::detail {

// Raises the mark of each listed shop by one (creating it at 1), in shop id order: the same lock order
// for every writer.
void raise_order_marks(soci::session& sql, backend kind, std::vector<std::string> shop_ids);

}  // namespace kingkung::storage::detail
