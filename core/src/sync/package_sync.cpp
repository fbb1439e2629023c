// Packages: Search Package by update_time (ascending, page tokens), then Get Package Detail for each,
// stored page by page with the cursor saved after each stored page (as for orders).
#include <algorithm>

#include "kingkung/storage/package_repository.hpp"
#include "kingkung/sync/engine.hpp"
#include "kingkung/tiktok/fulfillment.hpp"
#include "sync/cursor.hpp"
#include "sync/shop_run.hpp"

namespace kingkung::sync {

run_report engine::sync_packages(const shop_link& link, const keep_going& go) {
  detail::shop_run run(db_, *this, link, packages_resource);
  if (!run.start()) return run.report();
  run_report& report = run.report();
  const auto& cursor = run.cursor();
  const std::string& shop_id = run.shop_id();
  const std::int64_t platform_now = run.platform_now();
  const std::int64_t from =
      cursor ? *cursor - settings_.overlap_seconds : platform_now - settings_.backfill_days * 86400;
  std::int64_t saved = cursor.value_or(from);

  tiktok::search_packages_request request;
  request.page_size = settings_.page_size;
  request.sort_field = "update_time";
  request.sort_order = "ASC";
  request.update_time_ge = std::max<std::int64_t>(0, from);
  request.update_time_lt = platform_now + 1;
  std::string error;
  auto pages = tiktok::for_each_package_page(*link.api, link.shop, request, [&](tiktok::package_page& page) {
    ++report.pages;
    report.seen += page.packages.size();
    std::vector<domain::package> batch;
    std::int64_t page_max = 0;
    for (auto& listed : page.packages) {
      page_max = std::max(page_max, listed.update_time);
      auto detail = tiktok::get_package_detail(*link.api, link.shop, listed.id);
      if (detail) {
        if (detail->order_ids.empty()) detail->order_ids = listed.order_ids;
        if (detail->update_time == 0) detail->update_time = listed.update_time;
        batch.push_back(std::move(*detail));
      } else if (detail.err().kind == tiktok::error_class::bad_request) {
        batch.push_back(std::move(listed));  // gone since (combined, split): keep what the search saw
      } else {
        error = "Get Package Detail " + listed.id + ": " + detail.err().to_string();
        return false;
      }
      batch.back().shop_id = shop_id;
      batch.back().id = listed.id;
    }
    auto stored = storage::package_repository(db_).upsert(batch);
    if (!stored) {
      error = "storing packages: " + stored.err().message;
      return false;
    }
    report.inserted += stored->inserted;
    report.updated += stored->updated;
    report.stale += stored->stale;
    if (page_max > saved) {
      if (auto ok = run.states().save_cursor(shop_id, packages_resource, detail::format_cursor(page_max), now());
          !ok) {
        error = "saving the cursor: " + ok.err().message;
        return false;
      }
      saved = page_max;
    }
    if (go && !go()) {
      report.stopped = true;
      return false;
    }
    return true;
  });
  if (!error.empty()) return run.fail(error);
  if (!pages) return run.fail("Search Package: " + pages.err().to_string());
  if (report.stopped) {
    report.cursor = detail::format_cursor(saved);
    return report;
  }
  return run.succeed(detail::format_cursor(std::max(saved, platform_now)));
}

}  // namespace kingkung::sync
