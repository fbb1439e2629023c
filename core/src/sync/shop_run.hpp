// One run of one sync resource ("products", "packages") of one shop: what the runs share before and after
// their own reading. The resource's sync_state is read first (its cursor) and the platform's clock noted;
// a failure is logged and recorded on the resource's sync_state (consecutive failures, last error, which
// the shop's health shows); success is recorded with the run's cursor and counts. Include only from
// core/src/sync/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kingkung/storage/sync_state_repository.hpp"
#include "kingkung/sync/engine.hpp"

namespace kingkung::sync::detail {

class shop_run {
 public:
  // `clock` stamps the sync_state rows (engine::now()); it must outlive the run, as must `db` and `link`.
  shop_run(storage::database& db, const engine& clock, const shop_link& link, std::string_view resource);

  // Reads the stored cursor, then the platform's now. False when the state cannot be read: the failure
  // is then recorded and report() holds it.
  bool start();

  const std::string& shop_id() const noexcept { return link_.shop.id; }
  // The stored cursor; nullopt on the shop's first run (or an unreadable cursor).
  const std::optional<std::int64_t>& cursor() const noexcept { return cursor_; }
  // The platform's Unix time when the run started.
  std::int64_t platform_now() const noexcept { return platform_now_; }
  storage::sync_state_repository& states() noexcept { return states_; }
  run_report& report() noexcept { return report_; }

  // Logs the error, records it on the resource's sync_state and returns the failed report.
  run_report fail(std::string error);
  // Sets the report's cursor and records the successful run with its counts; a failed report when the
  // record cannot be written.
  run_report succeed(std::string cursor);

 private:
  const engine& clock_;
  const shop_link& link_;
  std::string resource_;
  storage::sync_state_repository states_;
  run_report report_;
  std::optional<std::int64_t> cursor_;
  std::int64_t platform_now_ = 0;
};

}  // namespace kingkung::sync::detail
