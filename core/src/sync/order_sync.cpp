// Orders: incremental sync by update_time cursor, reconciliation, targeted refresh.
#include <algorithm>
#include <map>
#include <set>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/sync_state_repository.hpp"
#include "kingkung/sync/engine.hpp"
#include "kingkung/tiktok/decode.hpp"
#include "kingkung/tiktok/orders.hpp"
#include "sync/cursor.hpp"

namespace kingkung::sync {
namespace {

constexpr std::int64_t day = 86400;

void count(run_report& report, const storage::order_upsert_summary& s) {
  report.inserted += s.inserted;
  report.updated += s.updated;
  report.unchanged += s.unchanged;
  report.stale += s.stale;
}

// Reads the listed orders again by id and stores them in one transaction. An order the detail call
// does not return is stored as the search listed it, so nothing listed is skipped.
bool store_orders(storage::database& db, const shop_link& link, std::vector<tiktok::order_listing> listed,
                  run_report& report) {
  std::vector<std::string> ids;
  ids.reserve(listed.size());
  for (const auto& o : listed) ids.push_back(o.id);
  auto detail = tiktok::get_order_detail(*link.api, link.shop, ids);
  if (!detail) {
    report.error = "Get Order Detail: " + detail.err().to_string();
    return false;
  }
  std::map<std::string, domain::order> by_id;
  const std::set<std::string> wanted(ids.begin(), ids.end());
  for (auto& o : *detail)
    if (wanted.contains(o.id)) by_id[o.id] = std::move(o);
  for (std::size_t i = 0; i < listed.size(); ++i) {
    if (by_id.contains(listed[i].id)) continue;
    auto o = tiktok::decode_order(listed[i].json, link.shop.id, "data.orders[" + std::to_string(i) + "]");
    if (!o) {
      report.error = "Search Orders: " + o.err().to_string();
      return false;
    }
    by_id[listed[i].id] = std::move(*o);
  }
  std::vector<domain::order> batch;
  batch.reserve(by_id.size());
  for (auto& [id, o] : by_id) {
    o.shop_id = link.shop.id;
    batch.push_back(std::move(o));
  }
  auto stored = storage::order_repository(db).upsert(batch);
  if (!stored) {
    report.error = "storing orders: " + stored.err().message;
    return false;
  }
  count(report, *stored);
  return true;
}

// Reads every order updated in [from, to] (Unix seconds) page by page, oldest update first, and stores
// each page before the next is read. After each stored page `on_stored(max update_time of the page)`
// runs; it returns false to stop (an error already in report.error, or none for a requested stop).
bool read_window(storage::database& db, const shop_link& link, const sync_settings& settings,
                 std::int64_t from, std::int64_t to, const keep_going& go, run_report& report,
                 const std::function<bool(std::int64_t)>& on_stored) {
  tiktok::search_orders_request request;
  request.page_size = settings.page_size;
  request.sort_field = "update_time";
  request.sort_order = "ASC";
  request.update_time_ge = std::max<std::int64_t>(0, from);
  request.update_time_lt = to + 1;
  bool failed = false;
  // The search only lists: every listed order is read again in full with Get Order Detail.
  auto pages = tiktok::for_each_order_listing_page(
      *link.api, link.shop, request, [&](tiktok::order_listing_page& page) {
        ++report.pages;
        report.seen += page.orders.size();
        std::int64_t page_max = 0;
        for (const auto& o : page.orders) page_max = std::max(page_max, o.update_time);
        if (!page.orders.empty() && !store_orders(db, link, std::move(page.orders), report)) {
          failed = true;
          return false;
        }
        if (!on_stored(page_max)) {
          failed = !report.error.empty();
          return false;
        }
        if (go && !go()) {
          report.stopped = true;
          return false;
        }
        return true;
      });
  if (!pages) {
    report.error = "Search Orders: " + pages.err().to_string();
    return false;
  }
  return !failed;
}

run_report failed(run_report report, storage::database& db, std::string_view shop_id,
                  std::string_view resource, std::int64_t at) {
  report.ok = false;
  log::warn("sync", "shop " + std::string(shop_id) + " " + std::string(resource) + ": " + report.error);
  (void)storage::sync_state_repository(db).record_failure(shop_id, resource, report.error, at);
  return report;
}

}  // namespace

run_report engine::sync_orders(const shop_link& link, const keep_going& go) {
  run_report report;
  storage::sync_state_repository states(db_);
  const std::string& shop_id = link.shop.id;
  auto state = states.get(shop_id, orders_resource);
  if (!state) {
    report.error = state.err().message;
    return failed(std::move(report), db_, shop_id, orders_resource, now());
  }
  std::optional<std::int64_t> cursor;
  if (*state) cursor = detail::parse_cursor((*state)->cursor);
  const std::int64_t platform_now = link.api->now_unix();
  const std::int64_t from =
      cursor ? *cursor - settings_.overlap_seconds : platform_now - settings_.backfill_days * day;

  std::int64_t saved = cursor.value_or(from);
  auto advance = [&](std::int64_t page_max) {
    // Orders updated at page_max may continue on the next page: the next run re-reads from there.
    if (page_max <= saved) return true;
    if (auto ok = states.save_cursor(shop_id, orders_resource, detail::format_cursor(page_max), now()); !ok) {
      report.error = "saving the cursor: " + ok.err().message;
      return false;
    }
    saved = page_max;
    return true;
  };
  if (!read_window(db_, link, settings_, from, platform_now, go, report, advance))
    return failed(std::move(report), db_, shop_id, orders_resource, now());

  if (!report.stopped) saved = std::max(saved, platform_now);
  report.cursor = detail::format_cursor(saved);
  auto changed = static_cast<std::int64_t>(report.inserted + report.updated);
  if (report.stopped) {
    if (auto ok = states.save_cursor(shop_id, orders_resource, report.cursor, now()); !ok) {
      report.error = "saving the cursor: " + ok.err().message;
      return failed(std::move(report), db_, shop_id, orders_resource, now());
    }
    return report;
  }
  if (auto ok = states.record_success(shop_id, orders_resource, report.cursor, now(),
                                      static_cast<std::int64_t>(report.seen), changed);
      !ok) {
    report.error = "recording the run: " + ok.err().message;
    return failed(std::move(report), db_, shop_id, orders_resource, now());
  }
  return report;
}

run_report engine::reconcile_orders(const shop_link& link, const keep_going& go) {
  run_report report;
  const std::string& shop_id = link.shop.id;
  const std::int64_t platform_now = link.api->now_unix();
  const std::int64_t from = platform_now - settings_.reconcile_window_days * day;
  if (!read_window(db_, link, settings_, from, platform_now, go, report, [](std::int64_t) { return true; }))
    return failed(std::move(report), db_, shop_id, reconcile_resource, now());
  report.cursor = detail::format_cursor(platform_now);
  if (report.stopped) return report;
  auto changed = static_cast<std::int64_t>(report.inserted + report.updated);
  if (changed > 0)
    log::info("sync", "shop " + shop_id + ": reconciliation stored " + std::to_string(changed) +
                          " orders the incremental sync had not");
  if (auto ok = storage::sync_state_repository(db_).record_success(
          shop_id, reconcile_resource, report.cursor, now(), static_cast<std::int64_t>(report.seen), changed);
      !ok) {
    report.error = "recording the run: " + ok.err().message;
    return failed(std::move(report), db_, shop_id, reconcile_resource, now());
  }
  return report;
}

run_report engine::refresh_orders(const shop_link& link, const std::vector<std::string>& order_ids) {
  run_report report;
  std::set<std::string> unique(order_ids.begin(), order_ids.end());
  unique.erase(std::string());
  if (unique.empty()) return report;
  std::vector<std::string> ids(unique.begin(), unique.end());
  auto detail = tiktok::get_order_detail(*link.api, link.shop, ids);
  report.pages = 1;
  if (!detail) {
    report.ok = false;
    report.error = "Get Order Detail: " + detail.err().to_string();
    return report;
  }
  for (auto& o : *detail) o.shop_id = link.shop.id;
  report.seen = detail->size();
  if (detail->empty()) return report;
  auto stored = storage::order_repository(db_).upsert(*detail);
  if (!stored) {
    report.ok = false;
    report.error = "storing orders: " + stored.err().message;
    return report;
  }
  count(report, *stored);
  return report;
}

}  // namespace kingkung::sync
