// Products with their SKUs, prices and inventory. Search Products cannot sort by update time, so the
// cursor moves only when every page of the window is stored.
#include <algorithm>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/catalog_repository.hpp"
#include "kingkung/storage/sync_state_repository.hpp"
#include "kingkung/sync/engine.hpp"
#include "kingkung/tiktok/products.hpp"
#include "sync/cursor.hpp"

namespace kingkung::sync {

run_report engine::sync_products(const shop_link& link, const keep_going& go) {
  run_report report;
  storage::sync_state_repository states(db_);
  const std::string& shop_id = link.shop.id;
  auto fail = [&](std::string error) {
    report.ok = false;
    report.error = std::move(error);
    log::warn("sync", "shop " + shop_id + " products: " + report.error);
    (void)states.record_failure(shop_id, products_resource, report.error, now());
    return report;
  };
  auto state = states.get(shop_id, products_resource);
  if (!state) return fail(state.err().message);
  std::optional<std::int64_t> cursor;
  if (*state) cursor = detail::parse_cursor((*state)->cursor);
  const std::int64_t platform_now = link.api->now_unix();

  tiktok::search_products_request request;
  request.page_size = settings_.page_size;
  if (cursor) request.update_time_ge = std::max<std::int64_t>(0, *cursor - settings_.overlap_seconds);
  request.update_time_le = platform_now;
  std::string store_error;
  auto pages = tiktok::for_each_product_page(*link.api, link.shop, request, [&](tiktok::product_page& page) {
    ++report.pages;
    report.seen += page.products.size();
    for (auto& p : page.products) p.shop_id = shop_id;
    auto stored = storage::product_repository(db_).upsert(page.products);
    if (!stored) {
      store_error = "storing products: " + stored.err().message;
      return false;
    }
    report.inserted += stored->inserted;
    report.updated += stored->updated;
    report.stale += stored->stale;
    if (go && !go()) {
      report.stopped = true;
      return false;
    }
    return true;
  });
  if (!store_error.empty()) return fail(store_error);
  if (!pages) return fail("Search Products: " + pages.err().to_string());
  if (report.stopped) return report;
  report.cursor = detail::format_cursor(std::max(cursor.value_or(0), platform_now));
  if (auto ok = states.record_success(shop_id, products_resource, report.cursor, now(),
                                      static_cast<std::int64_t>(report.seen),
                                      static_cast<std::int64_t>(report.inserted + report.updated));
      !ok)
    return fail("recording the run: " + ok.err().message);
  return report;
}

}  // namespace kingkung::sync
