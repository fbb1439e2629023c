#include "kingkung/privacy/purge.hpp"

#include "kingkung/log/log.hpp"
#include "kingkung/storage/audit_repository.hpp"

namespace kingkung::privacy {
namespace {

constexpr std::int64_t seconds_per_day = 86400;
constexpr std::string_view component = "privacy";

std::string counts_text(const storage::shop_purge_counts& c) {
  return std::to_string(c.orders) + " order(s), " + std::to_string(c.order_lines) + " line(s), " +
         std::to_string(c.packages) + " package(s), " + std::to_string(c.products) + " product(s), " +
         std::to_string(c.invoices) + " invoice(s), " + std::to_string(c.webhook_events) + " webhook event(s), " +
         std::to_string(c.module_state + c.sync_state) + " state row(s), " + std::to_string(c.write_backs) +
         " write-back(s), " + std::to_string(c.tokens) + " token(s)";
}

result<std::int64_t> cutoff_for(std::int64_t now, unsigned retention_days) {
  if (retention_days == 0)
    return plugin::make_error(plugin::errc::invalid_argument,
                              "privacy.retention_days must be at least 1, got 0");
  return now - static_cast<std::int64_t>(retention_days) * seconds_per_day;
}

}  // namespace

result<std::vector<storage::purge_candidate>> due_for_purge(storage::database& db, std::int64_t now,
                                                            unsigned retention_days) {
  auto cutoff = cutoff_for(now, retention_days);
  if (!cutoff) return std::move(cutoff).err();
  return storage::shop_lifecycle_repository(db).due_for_purge(*cutoff);
}

result<purge_report> purge(storage::database& db, std::int64_t now, unsigned retention_days, const actor& who) {
  auto cutoff = cutoff_for(now, retention_days);
  if (!cutoff) return std::move(cutoff).err();
  storage::shop_lifecycle_repository shops(db);
  auto due = shops.due_for_purge(*cutoff);
  if (!due) return std::move(due).err();

  purge_report report;
  report.cutoff = *cutoff;
  storage::audit_repository audit(db);
  for (const auto& candidate : *due) {
    auto deleted = shops.purge_shop(candidate.shop_id, *cutoff);
    if (!deleted) return std::move(deleted).err();
    if (deleted->shops == 0) continue;  // reconnected (or purged by another process) meanwhile
    std::string detail = "retention of " + std::to_string(retention_days) + " day(s) after disconnect at " +
                         std::to_string(candidate.disconnected_at) + " passed; deleted " +
                         counts_text(*deleted) + "; " + describe(who);
    auto audited = audit.append({0, candidate.seller_id, who.user_id, "shop.purge", candidate.shop_id, detail, now});
    if (!audited) log::error(component, "shop " + candidate.shop_id + " purged, but the audit entry failed: " +
                                            audited.err().message);
    log::info(component, "purged shop " + candidate.shop_id + ": " + counts_text(*deleted));
    report.totals += *deleted;
    report.shops.push_back({candidate.shop_id, candidate.seller_id, candidate.disconnected_at, *deleted});
  }
  return report;
}

std::optional<result<purge_report>> purge_schedule::tick(storage::database& db, std::int64_t now) {
  if (last_run_ != 0 && now - last_run_ < seconds_per_day) return std::nullopt;
  last_run_ = now;
  return purge(db, now, retention_days_, actor::system("scheduled retention purge"));
}

}  // namespace kingkung::privacy
