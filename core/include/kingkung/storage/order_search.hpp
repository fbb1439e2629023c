// Searching a seller's stored orders for the orders page: filters, four sort orders, keyset paging and
// counts per status. Read-only; order_repository stays the way orders are written.
//
// Seller scope: a search covers exactly the shops listed in the filter (the caller passes only the
// signed-in seller's shops). Each shop is read through its own index range and the pages are merged, so
// a page costs about the same at ten thousand orders as at a million (no sort of every matching row).
// Every value reaches SQL as a bound parameter; LIKE patterns escape their wildcards.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/common/decimal.hpp"
#include "kingkung/domain/order.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

enum class order_sort { create_time_desc, create_time_asc, update_time_desc, total_desc };

std::string_view to_string(order_sort s) noexcept;  // "create_time_desc", ...
std::optional<order_sort> parse_order_sort(std::string_view text);

// The nine statuses of the platform's order life cycle, in life-cycle order ("UNPAID" ... "CANCELLED").
const std::vector<std::string_view>& platform_order_statuses();
// The status for one of those exact names; nullopt for anything else (lower case, "CANCEL", "").
std::optional<domain::order_status> parse_platform_order_status(std::string_view text);

struct order_filter {
  std::vector<std::string> shop_ids;           // the shops searched; empty: nothing matches
  std::optional<domain::order_status> status;  // nullopt: every status
  // Free text, trimmed: an order id (exact or prefix), the buyer's user id (exact), a line's SKU id
  // (exact) or seller SKU (exact or prefix), or part of the buyer's email or the recipient's name (ASCII
  // letters without case; on MySQL each word of three characters or more must also begin a word there:
  // docs/api/orders.md says exactly what matches on each backend; a text of digits only is an id and is
  // not looked for in emails and names). Each is an index lookup. Empty: no filter.
  std::string query;
  std::optional<std::int64_t> created_from;  // create_time >= this
  std::optional<std::int64_t> created_to;    // create_time < this
};

struct order_search_request {
  order_filter filter;
  order_sort sort = order_sort::create_time_desc;
  std::size_t limit = 50;  // 1 to 500
  std::string cursor;      // next_cursor of the previous page of the same search; empty for the first
};

struct order_item_summary {
  std::string product_name;
  std::string sku_id;
  std::string seller_sku;
  std::string image_url;
};

// One row of the orders list.
struct order_summary {
  std::string shop_id;
  std::string id;
  domain::order_status status = domain::order_status::unknown;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::string buyer_user_id;
  std::string buyer_name;  // the recipient's name
  decimal total;
  std::string currency;
  std::int64_t items = 0;  // line items (one unit each)
  std::optional<order_item_summary> first_item;
  std::string tracking_number;
  std::int64_t shipping_due_time = 0;
  bool on_hold = false;
};

struct order_search_page {
  std::vector<order_summary> orders;
  std::string next_cursor;  // empty on the last page
};

// Orders per platform status name under a filter (its status ignored) and "all".
using order_status_counts = std::map<std::string, std::int64_t, std::less<>>;

struct order_status_change {
  std::string from_status;  // empty for the order's first record
  std::string to_status;
  std::int64_t at = 0;      // the platform's update_time of the change
};

class order_search {
 public:
  explicit order_search(database& db) : db_(db) {}

  // One page in the request's order; ties broken by shop id then order id, so following next_cursor
  // visits every matching order exactly once. A cursor that this search did not hand out (malformed,
  // altered, or from another sort or filter) gives errc::invalid_argument with a message naming the
  // cursor; an over-long query or a bad limit gives errc::invalid_argument too.
  result<order_search_page> find(const order_search_request& request);

  // How many orders match the filter in each status (every platform status present, zero included),
  // and "all". The filter's status is ignored: these are the counts of the status tabs. Without free
  // text and dates they are read from the per-status counters order_repository keeps (a few rows per
  // shop); otherwise the matching orders are counted.
  result<order_status_counts> count_by_status(const order_filter& filter);

  // The line items of the given orders of one shop, in line order, keyed by order id (CSV export).
  result<std::map<std::string, std::vector<domain::line_item>, std::less<>>> lines_of(
      std::string_view shop_id, const std::vector<std::string>& order_ids);

  // The order's recorded status changes, oldest first (the detail page's timeline).
  result<std::vector<order_status_change>> timeline(std::string_view shop_id, std::string_view order_id);

  // How the database runs the first listed shop's page query (EXPLAIN QUERY PLAN detail lines on SQLite,
  // "table T key K extra E" per EXPLAIN row on MySQL): for tests and diagnostics of index use.
  result<std::vector<std::string>> plan(const order_search_request& request);

  static constexpr std::size_t max_limit = 500;
  static constexpr std::size_t max_query_length = 200;

 private:
  database& db_;
};

}  // namespace kingkung::storage
