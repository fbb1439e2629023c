// Orders per (shop, status) in order_status_counters (schema migration 6), so the status tabs read a
// handful of rows instead of counting every order. Whatever adds, removes or changes the status of an
// order changes these rows in the same transaction: order_repository's upsert, the shop purge. No
// triggers: the migration runner splits SQL at ';', so the upkeep is here. Include only from
// core/src/storage/*.cpp (it pulls in SOCI).
#pragma once

#include <soci/soci.h>

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage::detail {

// Changes to the counters gathered while a batch is written, applied once before it commits.
class status_count_deltas {
 public:
  void add(const std::string& shop_id, const std::string& status, long long delta);
  // Writes every non-zero change in (shop, status) order, the same lock order for every writer, and
  // forgets them.
  void apply(soci::session& sql, backend kind);
  bool empty() const { return deltas_.empty(); }

 private:
  std::map<std::pair<std::string, std::string>, long long> deltas_;
};

// The counters of one shop, by status name (statuses without orders may be absent or 0).
std::map<std::string, long long, std::less<>> read_status_counters(soci::session& sql,
                                                                   const std::string& shop_id);

// The counters of several shops summed, by status name, in one query (statuses without orders may be
// absent or 0). Each shop counts once however often it is listed.
std::map<std::string, long long, std::less<>> read_status_counters(soci::session& sql,
                                                                   const std::vector<std::string>& shop_ids);

// Sets the shop's counters from its orders (after a bulk load that bypassed the repository), and raises
// the shop's order change mark (storage/order_change_marks.hpp).
void recount_status_counters(soci::session& sql, const std::string& shop_id);

// Removes the shop's counters (the shop's orders are being deleted in the same transaction), and raises
// the shop's order change mark.
void forget_status_counters(soci::session& sql, const std::string& shop_id);

}  // namespace kingkung::storage::detail
