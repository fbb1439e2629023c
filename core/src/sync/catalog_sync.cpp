// Products with their SKUs, prices and inventory. Search Products cannot sort by update time, so the
// cursor moves only when every page of the window is stored. Its snapshots carry no description, so a
// stored description is kept (Get Product, after an edit or on the product page, brings it).
#include <algorithm>

#include "kingkung/storage/catalog_repository.hpp"
#include "kingkung/sync/engine.hpp"
#include "kingkung/tiktok/products.hpp"
#include "sync/cursor.hpp"
#include "sync/shop_run.hpp"

namespace kingkung::sync {

run_report engine::sync_products(const shop_link& link, const keep_going& go) {
  detail::shop_run run(db_, *this, link, products_resource);
  if (!run.start()) return run.report();
  run_report& report = run.report();
  const auto& cursor = run.cursor();
  const std::string& shop_id = run.shop_id();

  tiktok::search_products_request request;
  request.page_size = settings_.page_size;
  if (cursor) request.update_time_ge = std::max<std::int64_t>(0, *cursor - settings_.overlap_seconds);
  request.update_time_le = run.platform_now();
  std::string store_error;
  auto pages = tiktok::for_each_product_page(*link.api, link.shop, request, [&](tiktok::product_page& page) {
    ++report.pages;
    report.seen += page.products.size();
    for (auto& p : page.products) p.shop_id = shop_id;
    auto stored = storage::product_repository(db_).upsert(page.products, storage::description_field::absent);
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
  if (!store_error.empty()) return run.fail(store_error);
  if (!pages) return run.fail("Search Products: " + pages.err().to_string());
  if (report.stopped) return report;
  return run.succeed(detail::format_cursor(std::max(cursor.value_or(0), run.platform_now())));
}

}  // namespace kingkung::sync
