// Orders and their line items, keyed by (platform shop id, platform order id).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/domain/order.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct order_upsert_summary {
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;  // same update_time, status and raw_json as stored: nothing written
  std::size_t stale = 0;      // older than what is stored: ignored
};

struct order_page_request {
  std::string shop_id;
  std::vector<domain::order_status> statuses;  // empty: every status
  std::string cursor;                          // next_cursor of the previous page; empty for the first
  std::size_t limit = 50;                      // 1 to 500
};

struct order_page {
  std::vector<domain::order> orders;  // newest create_time first, then id descending
  std::string next_cursor;            // empty on the last page
};

class order_repository {
 public:
  explicit order_repository(database& db) : db_(db) {}

  // Stores every order of the batch with its line items in one transaction: all or nothing. A stored
  // order is replaced only by one at least as new: a later update_time, or the same update_time with a
  // status rank at least as high. The stored status never moves to a lower rank: a newer snapshot with a
  // lower-ranked status updates everything else and keeps the status. Status changes are recorded in
  // order_status_history. Every order's shop must be registered (errc::not_found otherwise); a malformed
  // order (empty or over-long id, duplicate line id) fails the batch with errc::invalid_argument.
  // The same transaction keeps the per-status order counters and the buyer search text in step.
  result<order_upsert_summary> upsert(const std::vector<domain::order>& orders);
  // Recomputes a shop's status counters and buyer search text from its stored orders. Only needed after
  // orders were written without this repository (a bulk load in SQL, a restore); idempotent.
  result<void> rebuild_search_data(std::string_view shop_id);
  result<std::optional<domain::order>> get(std::string_view shop_id, std::string_view order_id);
  // One page of a shop's orders; following next_cursor visits every order exactly once, even while
  // orders are added. A cursor that was not produced here gives errc::invalid_argument.
  result<order_page> list(const order_page_request& request);

 private:
  database& db_;
};

}  // namespace kingkung::storage
