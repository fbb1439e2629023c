// Where each shop's sync stands, per resource ("orders", "products", "packages", ...): the cursor, the
// last success and attempt, the last error, and counts. One row per (shop, resource) in sync_state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct sync_state {
  std::string shop_id;
  std::string resource;
  std::string cursor;             // empty: never synced
  std::int64_t last_success = 0;  // Unix seconds; 0: never
  std::int64_t last_attempt = 0;
  std::string last_error;       // scrubbed; empty after a success
  std::int64_t items_seen = 0;  // in the last successful run
  std::int64_t items_changed = 0;
  int consecutive_failures = 0;
};

struct stored_counts {
  std::int64_t orders = 0;
  std::int64_t products = 0;
  std::int64_t packages = 0;
};

class sync_state_repository {
 public:
  explicit sync_state_repository(database& db) : db_(db) {}

  result<std::optional<sync_state>> get(std::string_view shop_id, std::string_view resource);
  result<std::vector<sync_state>> list(std::string_view shop_id);  // by resource

  // Moves the cursor forward during a run (after the data before it is stored); attempt time only.
  result<void> save_cursor(std::string_view shop_id, std::string_view resource, std::string_view cursor,
                           std::int64_t at);
  // A completed run: cursor, last success = last attempt = `at`, counts, error cleared, failures reset.
  result<void> record_success(std::string_view shop_id, std::string_view resource, std::string_view cursor,
                              std::int64_t at, std::int64_t items_seen, std::int64_t items_changed);
  // A failed run: the cursor stays as it is; the error (already scrubbed by the caller) is kept.
  result<void> record_failure(std::string_view shop_id, std::string_view resource, std::string_view error,
                              std::int64_t at);

  // Ids of shops in state "connected", ordered by id: the shops the sync workers look after.
  result<std::vector<std::string>> connected_shops();
  // How many orders, products and packages are stored for the shop.
  result<stored_counts> counts(std::string_view shop_id);

 private:
  database& db_;
};

}  // namespace kingkung::storage
