#include "sync/shop_run.hpp"

#include "kingkung/log/log.hpp"
#include "sync/cursor.hpp"

namespace kingkung::sync::detail {

shop_run::shop_run(storage::database& db, const engine& clock, const shop_link& link, std::string_view resource)
    : clock_(clock), link_(link), resource_(resource), states_(db) {}

bool shop_run::start() {
  auto state = states_.get(shop_id(), resource_);
  if (!state) {
    fail(state.err().message);
    return false;
  }
  if (*state) cursor_ = parse_cursor((*state)->cursor);
  platform_now_ = link_.api->now_unix();
  return true;
}

run_report shop_run::fail(std::string error) {
  report_.ok = false;
  report_.error = std::move(error);
  log::warn("sync", "shop " + shop_id() + " " + resource_ + ": " + report_.error);
  (void)states_.record_failure(shop_id(), resource_, report_.error, clock_.now());
  return report_;
}

run_report shop_run::succeed(std::string cursor) {
  report_.cursor = std::move(cursor);
  if (auto ok = states_.record_success(shop_id(), resource_, report_.cursor, clock_.now(),
                                       static_cast<std::int64_t>(report_.seen),
                                       static_cast<std::int64_t>(report_.inserted + report_.updated));
      !ok)
    return fail("recording the run: " + ok.err().message);
  return report_;
}

}  // namespace kingkung::sync::detail
