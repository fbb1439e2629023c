#include "kingkung/sync/settings.hpp"

namespace kingkung::sync {

sync_settings sync_settings::from_config(const config::sync_config& config) {
  sync_settings s;
  s.interval_seconds = config.interval_seconds;
  s.overlap_seconds = config.overlap_seconds;
  s.backfill_days = config.backfill_days;
  s.reconcile_hours = config.reconcile_hours;
  s.reconcile_window_days = config.reconcile_window_days;
  s.lease_seconds = config.lease_seconds;
  s.write_back_max_attempts = static_cast<int>(config.write_back_max_attempts);
  return s;
}

}  // namespace kingkung::sync
