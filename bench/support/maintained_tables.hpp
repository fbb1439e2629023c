// The tables the product derives from the orders rows and keeps in step as order_repository writes
// them (schema migration 6: order_status_counters, and on SQLite the order_search_text FTS5 table). A
// bulk load writes the rows alone, so afterwards these are rebuilt from the rows by the product itself
// (order_repository::rebuild_search_data), which stays right when what the product maintains changes.
#pragma once

#include <string>
#include <vector>

namespace kingkung::bench {

// Rebuilds the shop's maintained rows in the SQLite database at `path` through the product. No other
// connection may be writing. Throws std::runtime_error with the product's message when it fails.
void rebuild_maintained_tables(const std::string& path, const std::string& shop_id);

// SELECTs reading every maintained table in a fixed order, without storage rowids (the search rows are
// joined to their orders by rowid instead): what a test compares between a loaded database and one the
// product filled.
std::vector<std::string> maintained_table_queries();

}  // namespace kingkung::bench
