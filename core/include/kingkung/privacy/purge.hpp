// The retention purge: for every shop disconnected more than privacy.retention_days ago, everything held
// for it is deleted (orders and their lines, buyer names, addresses, phones, emails, CPF and messages with
// them; packages, products, invoices, webhook events, module and sync state, write-backs, tokens, the
// shop row). Kept: the audit log (with one entry per purge, holding counts and no buyer data) and the API
// call log (method, path, status: no buyer data). Idempotent: a purged shop is gone, so a second run
// finds nothing to do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kingkung/plugin/result.hpp"
#include "kingkung/privacy/actor.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/shop_lifecycle_repository.hpp"

namespace kingkung::privacy {

template <class T>
using result = plugin::result<T>;

inline constexpr unsigned default_retention_days = 30;

struct purged_shop {
  std::string shop_id;
  std::int64_t seller_id = 0;
  std::int64_t disconnected_at = 0;
  storage::shop_purge_counts deleted;
};

struct purge_report {
  std::int64_t cutoff = 0;            // shops disconnected at or before this were due
  std::vector<purged_shop> shops;     // what was purged, oldest disconnect first
  storage::shop_purge_counts totals;
};

// Shops disconnected at or before now - retention_days * 86400. `now` in Unix seconds.
// retention_days 0 is refused (errc::invalid_argument): it would purge a shop the moment it disconnects.
result<purge_report> purge(storage::database& db, std::int64_t now, unsigned retention_days = default_retention_days,
                           const actor& who = actor::system("retention purge"));

// Shops that a purge at `now` would purge, without deleting anything (kingkung purge --dry-run).
result<std::vector<storage::purge_candidate>> due_for_purge(storage::database& db, std::int64_t now,
                                                            unsigned retention_days = default_retention_days);

// The scheduled variant: runs purge() when at least a day passed since its last run in this process.
// The web host and `kingkung serve-sync` call tick() from a timer (any period); purge() being idempotent,
// two processes doing so is harmless.
class purge_schedule {
 public:
  explicit purge_schedule(unsigned retention_days = default_retention_days) : retention_days_(retention_days) {}
  // nullopt when not due yet; otherwise the purge's outcome.
  std::optional<result<purge_report>> tick(storage::database& db, std::int64_t now);
  std::int64_t last_run() const noexcept { return last_run_; }

 private:
  unsigned retention_days_;
  std::int64_t last_run_ = 0;
};

}  // namespace kingkung::privacy
