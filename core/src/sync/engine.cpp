#include "kingkung/sync/engine.hpp"

#include <algorithm>

#include "kingkung/storage/sync_state_repository.hpp"
#include "kingkung/storage/write_back_repository.hpp"
#include "sync/cursor.hpp"
#include "sync/system_clock.hpp"

namespace kingkung::sync {

engine::engine(storage::database& db, sync_settings settings, std::shared_ptr<const plugin::clock> clock)
    : db_(db), settings_(settings), clock_(detail::clock_or_system(std::move(clock))) {
  if (settings_.page_size == 0 || settings_.page_size > 50) settings_.page_size = 50;
}

std::int64_t engine::now() const {
  return detail::unix_seconds(*clock_);
}

bool engine::reconcile_due(std::string_view shop_id) {
  auto state = storage::sync_state_repository(db_).get(shop_id, reconcile_resource);
  if (!state.ok()) return false;  // the database is unwell: the incremental run reports it
  if (!state.value() || (*state)->last_success == 0) return true;
  return now() - (*state)->last_success >= settings_.reconcile_hours * 3600;
}

storage::result<shop_health> engine::health(std::string_view shop_id) {
  storage::sync_state_repository states(db_);
  auto rows = states.list(shop_id);
  if (!rows) return std::move(rows).err();
  auto counts = states.counts(shop_id);
  if (!counts) return std::move(counts).err();
  auto queued = storage::write_back_repository(db_).counts(shop_id);
  if (!queued) return std::move(queued).err();

  shop_health h;
  h.shop_id = shop_id;
  h.resources = std::move(*rows);
  std::int64_t latest_error_at = -1;
  for (const auto& r : h.resources) {
    if (r.resource == orders_resource) {
      h.last_success = r.last_success;
      h.consecutive_failures = r.consecutive_failures;
      if (auto cursor = detail::parse_cursor(r.cursor))
        h.lag_seconds = std::max<std::int64_t>(0, now() - *cursor);
    }
    if (!r.last_error.empty() && r.last_attempt > latest_error_at) {
      latest_error_at = r.last_attempt;
      h.last_error = r.last_error;
    }
  }
  h.orders = counts->orders;
  h.products = counts->products;
  h.packages = counts->packages;
  h.pending_write_backs = queued->pending;
  h.failed_write_backs = queued->failed;
  h.unknown_write_backs = queued->unknown;
  return h;
}

}  // namespace kingkung::sync
