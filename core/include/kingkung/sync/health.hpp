// Per-shop sync health: what a seller's shop page and /metrics show.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kingkung/storage/sync_state_repository.hpp"

namespace kingkung::sync {

struct shop_health {
  std::string shop_id;
  std::int64_t last_success = 0;  // of the order sync, Unix seconds; 0: never
  std::int64_t lag_seconds = -1;  // now - order cursor; -1: never synced
  std::string last_error;         // the latest error of any resource (scrubbed); empty when none
  int consecutive_failures = 0;   // of the order sync
  std::int64_t orders = 0;        // stored
  std::int64_t products = 0;
  std::int64_t packages = 0;
  std::int64_t pending_write_backs = 0;  // waiting or being sent
  std::int64_t failed_write_backs = 0;
  std::int64_t unknown_write_backs = 0;        // the seller must check them
  std::vector<storage::sync_state> resources;  // every resource's row
};

}  // namespace kingkung::sync
