// The sync engine's knobs, from the [sync] config section (docs/configuration.md) plus what only tests
// change (page size).
#pragma once

#include <cstdint>

#include "kingkung/config/config.hpp"

namespace kingkung::sync {

struct sync_settings {
  std::int64_t interval_seconds = 60;                 // a shop is polled this often
  std::int64_t overlap_seconds = 300;                 // each poll re-reads this much before the cursor
  std::int64_t backfill_days = 30;                    // history read on a shop's first sync
  std::int64_t reconcile_hours = 24;                  // a reconciliation pass this often ...
  std::int64_t reconcile_window_days = 30;            // ... over this much history
  std::int64_t lease_seconds = 120;                   // a worker's claim on a shop
  unsigned page_size = 50;                            // Search Orders / Search Package page size (1 to 50)
  int write_back_max_attempts = 8;                    // then the item fails with its last error
  std::int64_t write_back_backoff_seconds = 5;        // first retry delay; doubles per attempt ...
  std::int64_t write_back_backoff_cap_seconds = 900;  // ... up to this

  static sync_settings from_config(const config::sync_config& config);
};

}  // namespace kingkung::sync
