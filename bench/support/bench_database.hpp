// A migrated database for the ratio benches (SQLite file or MySQL/MariaDB url) with one seller and the
// bench shop registered, so orders can be stored for it.
#pragma once

#include <memory>
#include <string>

#include "kingkung/storage/database.hpp"

namespace kingkung::bench {

// Opens `url` ("sqlite3:PATH" or "mysql://..."), applies every migration and registers the shop.
// Throws std::runtime_error with the redacted url when any step fails.
std::unique_ptr<storage::database> open_bench_database(const std::string& url, const std::string& shop_id,
                                                       unsigned pool_size = 2);

// Orders stored for the shop.
long long stored_orders(storage::database& db, const std::string& shop_id);

}  // namespace kingkung::bench
