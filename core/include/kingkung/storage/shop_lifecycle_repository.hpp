// The privacy lifecycle of a shop in the database: disconnect (tokens gone at once, pending write-backs
// cancelled, shop marked disconnected) and purge (everything held for the shop deleted once its retention
// period has passed). Each call is one transaction: all or nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct shop_disconnect_outcome {
  bool shop_known = false;          // false: only stray token rows (if any) were deleted
  std::int64_t seller_id = 0;       // 0 when the shop is unknown
  bool already_disconnected = false;
  std::int64_t disconnected_at = 0; // the first disconnect's time is kept: retention counts from it
  std::size_t tokens_deleted = 0;
  std::size_t write_backs_cancelled = 0;
};

struct purge_candidate {
  std::string shop_id;
  std::int64_t seller_id = 0;
  std::int64_t disconnected_at = 0;
};

// Rows deleted per table by one purge.
struct shop_purge_counts {
  std::size_t orders = 0;
  std::size_t order_lines = 0;
  std::size_t order_status_history = 0;
  std::size_t packages = 0;
  std::size_t package_orders = 0;
  std::size_t products = 0;
  std::size_t skus = 0;
  std::size_t inventory = 0;
  std::size_t invoices = 0;
  std::size_t webhook_events = 0;
  std::size_t module_state = 0;
  std::size_t sync_state = 0;
  std::size_t write_backs = 0;
  std::size_t tokens = 0;
  std::size_t shops = 0;  // 1 when the shop row itself was deleted

  shop_purge_counts& operator+=(const shop_purge_counts& other);
  std::size_t total() const;
};

class shop_lifecycle_repository {
 public:
  explicit shop_lifecycle_repository(database& db) : db_(db) {}

  // Deletes every token row of the shop, cancels its pending write-backs (status failed, last_error
  // "cancelled: the shop was disconnected") and sets state disconnected
  // with disconnected_at = at (kept when already disconnected). Tokens are deleted also for a shop id
  // the shops table does not know.
  result<shop_disconnect_outcome> disconnect_shop(std::string_view shop_id, std::int64_t at);

  // Shops disconnected at or before `cutoff` (Unix seconds), oldest first.
  result<std::vector<purge_candidate>> due_for_purge(std::int64_t cutoff);

  // Deletes everything held for the shop: orders with their lines and status history, packages, products
  // with SKUs and inventory, invoices, webhook events, module state, sync state, write-backs, tokens and
  // the shop row itself. The API call log and the audit log hold no buyer data and are kept. Does nothing
  // (all counts 0) unless the shop is still disconnected at or before `cutoff` when the transaction runs,
  // so a shop reconnected meanwhile is never purged.
  result<shop_purge_counts> purge_shop(std::string_view shop_id, std::int64_t cutoff);

 private:
  database& db_;
};

}  // namespace kingkung::storage
