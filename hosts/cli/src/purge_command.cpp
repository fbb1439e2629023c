// kingkung purge [--dry-run]
// Deletes the data of every shop disconnected more than privacy.retention_days ago (see
// kingkung/privacy/purge.hpp). Idempotent; the web host runs the same purge daily.
#include <chrono>
#include <cstdio>
#include <string>

#include "cli_support.hpp"
#include "kingkung/privacy/purge.hpp"
#include "kingkung/storage/migrations.hpp"

namespace kingkung::cli {
namespace {

constexpr const char* usage_text =
    "usage: kingkung [--config FILE] purge [--dry-run]\n"
    "  deletes orders, products, buyer data and everything else held for shops disconnected more than\n"
    "  privacy.retention_days ago; the audit log keeps a record of each purge\n"
    "  --dry-run   list the shops that are due, delete nothing\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "kingkung purge: %s\n%s", message.c_str(), usage_text);
  return 2;
}

}  // namespace

int cmd_purge(const invocation& in) {
  bool dry_run = false;
  for (const auto& a : in.args) {
    if (a == "-h" || a == "--help") {
      std::fputs(usage_text, stdout);
      return 0;
    }
    if (a == "--dry-run") {
      dry_run = true;
    } else {
      return usage_error("unexpected argument \"" + a + "\"");
    }
  }
  auto loaded = load_config(in);
  if (!loaded) return 1;
  auto db = open_database(*loaded, "purge");
  if (!db) return 1;
  auto version = storage::schema_version(*db);
  if (!version) return fail("purge", version.err().message);
  if (*version != storage::latest_schema_version())
    return fail("purge", "the database is at schema version " + std::to_string(*version) + " and this build needs " +
                             std::to_string(storage::latest_schema_version()) + ": run `kingkung migrate` first");

  const unsigned days = loaded->privacy.retention_days;
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (dry_run) {
    auto due = privacy::due_for_purge(*db, now, days);
    if (!due) return fail("purge", due.err().message);
    std::printf("%zu shop(s) due for purge (retention %u day(s))\n", due->size(), days);
    for (const auto& s : *due)
      std::printf("  shop %s (seller %lld), disconnected at %lld\n", s.shop_id.c_str(),
                  static_cast<long long>(s.seller_id), static_cast<long long>(s.disconnected_at));
    return 0;
  }
  auto report = privacy::purge(*db, now, days, privacy::actor::cli());
  if (!report) return fail("purge", report.err().message);
  const auto& t = report->totals;
  std::printf("purged %zu shop(s) disconnected more than %u day(s) ago\n", report->shops.size(), days);
  for (const auto& s : report->shops)
    std::printf("  shop %s (seller %lld): %zu order(s), %zu product(s), %zu row(s) in all\n", s.shop_id.c_str(),
                static_cast<long long>(s.seller_id), s.deleted.orders, s.deleted.products, s.deleted.total());
  std::printf("deleted: orders %zu, order lines %zu, status history %zu, packages %zu, products %zu, skus %zu, "
              "inventory %zu, invoices %zu, webhook events %zu, module state %zu, sync state %zu, write-backs %zu, "
              "tokens %zu, shops %zu\n",
              t.orders, t.order_lines, t.order_status_history, t.packages, t.products, t.skus, t.inventory, t.invoices,
              t.webhook_events, t.module_state, t.sync_state, t.write_backs, t.tokens, t.shops);
  return 0;
}

}  // namespace kingkung::cli
