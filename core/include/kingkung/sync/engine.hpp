// The sync engine: brings a shop's orders, products and packages from the platform into storage.
//
// Orders are read incrementally by update_time: Search Orders sorted by update_time ascending over
// [cursor - overlap, now], page by page (page tokens), each page's orders read again with Get Order
// Detail (batches of at most 50) and upserted in one transaction. The cursor (sync_state "orders") is
// saved only after the page before it is stored, and only ever to an update_time every order up to which
// was stored, so it never passes unstored data; a failed or interrupted run leaves it where the stored
// data ends and the next run continues from there. The first run of a shop reads backfill_days of
// history. A reconciliation pass re-reads reconcile_window_days without touching the cursor.
// Upserts never move an order's status backwards (order_repository), so overlap and late snapshots are
// harmless.
//
// Thread-safety: one engine may serve several threads, but a shop must be synced by one thread at a
// time (the worker's lease guarantees it).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/sync/health.hpp"
#include "kingkung/sync/settings.hpp"
#include "kingkung/sync/shop_link.hpp"

namespace kingkung::sync {

// Sync resources: the `resource` of their sync_state rows.
inline constexpr std::string_view orders_resource = "orders";
inline constexpr std::string_view reconcile_resource = "orders_reconcile";
inline constexpr std::string_view products_resource = "products";
inline constexpr std::string_view packages_resource = "packages";

struct run_report {
  bool ok = true;
  bool stopped = false;  // keep_going said stop; what was read so far is stored
  std::string error;     // scrubbed; empty when ok
  std::size_t pages = 0;
  std::size_t seen = 0;  // items read from the platform
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t stale = 0;  // older than what was stored: ignored
  std::string cursor;     // the cursor after the run
};

// Called between pages; returning false ends the run early (successfully, cursor saved so far).
using keep_going = std::function<bool()>;

class engine {
 public:
  // `clock` stamps sync_state (last success, lag); null: the system clock. Windows sent to the platform
  // use the client's clock.
  engine(storage::database& db, sync_settings settings, std::shared_ptr<const plugin::clock> clock = nullptr);

  // Incremental order sync (backfill on the shop's first run).
  run_report sync_orders(const shop_link& link, const keep_going& go = {});
  // Re-reads reconcile_window_days of orders; stores what differs; the incremental cursor is untouched.
  run_report reconcile_orders(const shop_link& link, const keep_going& go = {});
  // True when the shop's last successful reconciliation is reconcile_hours old or more (or never ran).
  bool reconcile_due(std::string_view shop_id);
  // Reads the given orders (Get Order Detail, batches of 50) and upserts them: for webhooks.
  run_report refresh_orders(const shop_link& link, const std::vector<std::string>& order_ids);
  // Products with their SKUs, prices and inventory, changed since the last run (all on the first).
  run_report sync_products(const shop_link& link, const keep_going& go = {});
  // Packages changed since the last run (Search Package, then Get Package Detail for each).
  run_report sync_packages(const shop_link& link, const keep_going& go = {});

  // The shop's health read model (sync_state, stored counts, write-back counts).
  storage::result<shop_health> health(std::string_view shop_id);

  const sync_settings& settings() const noexcept { return settings_; }
  std::int64_t now() const;

 private:
  storage::database& db_;
  sync_settings settings_;
  std::shared_ptr<const plugin::clock> clock_;
};

}  // namespace kingkung::sync
