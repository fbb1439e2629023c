#include "kingkung/storage/order_search.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <charconv>
#include <tuple>
#include <variant>

#include "storage/column_codec.hpp"
#include "storage/cursor_codec.hpp"
#include "storage/order_status_counters.hpp"
#include "storage/order_text_fts.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;

constexpr std::string_view op_find = "orders.search";
constexpr std::string_view op_counts = "orders.count_by_status";

// The highest code point: an id that starts with the query sorts at or below query + this character,
// on SQLite (bytes) and on MySQL's utf8mb4_bin (code points) alike.
constexpr std::string_view top_character = "\xF4\x8F\xBF\xBF";

struct sort_spec {
  order_sort sort;
  std::string_view name;
  std::string_view column;
  bool descending;
};

constexpr sort_spec sorts[] = {
    {order_sort::create_time_desc, "create_time_desc", "create_time", true},
    {order_sort::create_time_asc, "create_time_asc", "create_time", false},
    {order_sort::update_time_desc, "update_time_desc", "update_time", true},
    {order_sort::total_desc, "total_desc", "total_amount", true},
};

const sort_spec& spec_of(order_sort s) {
  for (const auto& spec : sorts)
    if (spec.sort == s) return spec;
  return sorts[0];
}

// ---- cursor ----------------------------------------------------------------------------------------------

// Where the previous page ended: the last row's sort key, shop and id, tied to the sort and filter that
// produced it by a fingerprint, so a cursor reused with another search is refused instead of skipping rows.
struct position {
  std::int64_t key = 0;  // create_time, update_time or total in ten-thousandths
  std::string shop_id;
  std::string id;
};

// The request's sort and filters as the cursor codec's request identity.
std::string identity(const order_search_request& r) {
  auto shops = r.filter.shop_ids;
  std::sort(shops.begin(), shops.end());
  std::string text = std::string(to_string(r.sort)) + '\n';
  for (const auto& s : shops) text += s + ',';
  text += '\n' + (r.filter.status ? std::string(domain::to_string(*r.filter.status)) : std::string()) + '\n';
  text += std::string(detail::trim(r.filter.query)) + '\n';
  text += (r.filter.created_from ? std::to_string(*r.filter.created_from) : "-") + '\n';
  text += r.filter.created_to ? std::to_string(*r.filter.created_to) : "-";
  return text;
}

std::string make_cursor(const order_search_request& r, const position& p) {
  return detail::encode_cursor({std::to_string(p.key), p.shop_id, p.id}, identity(r));
}

std::variant<position, std::string> read_cursor(const order_search_request& r) {
  auto decoded = detail::decode_cursor(r.cursor, 3, identity(r));
  if (auto* why = std::get_if<std::string>(&decoded)) return *why;
  const auto& fields = std::get<std::vector<std::string>>(decoded);
  auto key = detail::cursor_integer(fields[0]);
  position p;
  p.shop_id = fields[1];
  p.id = fields[2];
  if (!key || p.shop_id.empty() || p.shop_id.size() > 64 || p.id.empty() || p.id.size() > 64)
    return detail::malformed_cursor_reason();
  p.key = *key;
  return p;
}

// ---- SQL building ----------------------------------------------------------------------------------------

// A WHERE clause under construction with its bound values. Placeholders are named :p0, :p1, ... and
// bound by name, so the order in which the text is assembled does not matter.
struct clause {
  std::string text;
  std::vector<std::pair<std::string, std::string>> strings;  // (name, value)
  std::vector<std::pair<std::string, long long>> integers;

  std::string add_string(std::string v) {
    strings.emplace_back(next_name(), std::move(v));
    return ":" + strings.back().first;
  }
  std::string add_integer(long long v) {
    integers.emplace_back(next_name(), v);
    return ":" + integers.back().first;
  }
  void bind(soci::statement& st) const {
    for (const auto& [name, value] : strings) st.exchange(soci::use(value, name));
    for (const auto& [name, value] : integers) st.exchange(soci::use(value, name));
  }

 private:
  std::string next_name() const { return "p" + std::to_string(strings.size() + integers.size()); }
};

std::string like_pattern(std::string_view query) {
  std::string out = "%";
  for (char c : query) {
    char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower == '%' || lower == '_' || lower == '!') out += '!';
    out += lower;
  }
  return out + "%";
}

// The ids of one shop's orders that the free text matches, as a UNION of index lookups (one per thing the
// text may be), so a search costs what it finds rather than what the shop holds:
//   - an order id, exactly or by its beginning: the primary key range;
//   - a buyer user id, exactly: orders_by_buyer;
//   - a line's SKU id, exactly: order_lines_by_sku; a seller SKU, exactly or by its beginning:
//     order_lines_by_seller_sku;
//   - part of the buyer's email or the recipient's name: the text index (storage/order_text_fts.hpp),
//     its candidates checked with LIKE; not for a text of digits only, which is taken as an id. A query
//     the index cannot answer (under three characters on SQLite, no word of three on MySQL) reads the
//     shop's orders instead.
std::string matching_ids(clause& c, backend kind, std::string_view shop_id, const std::string& q) {
  const std::string shop(shop_id);
  const std::string top = q + std::string(top_character);
  const std::string pattern = like_pattern(q);
  std::string s = "SELECT id AS match_id FROM orders WHERE shop_id = " + c.add_string(shop) +
                  " AND id >= " + c.add_string(q) + " AND id <= " + c.add_string(top);
  s += " UNION SELECT id FROM orders WHERE shop_id = " + c.add_string(shop) +
       " AND buyer_user_id = " + c.add_string(q);
  s += " UNION SELECT order_id FROM order_lines WHERE shop_id = " + c.add_string(shop) +
       " AND sku_id = " + c.add_string(q);
  s += " UNION SELECT order_id FROM order_lines WHERE shop_id = " + c.add_string(shop) +
       " AND seller_sku >= " + c.add_string(q) + " AND seller_sku <= " + c.add_string(top);
  // Digits only: an id (order, buyer, SKU), never looked for in emails and names, so no text leg.
  if (std::all_of(q.begin(), q.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return s;
  const std::string contains = "(LOWER(orders.buyer_email) LIKE " + c.add_string(pattern) +
                               " ESCAPE '!' OR LOWER(orders.recipient_name) LIKE " + c.add_string(pattern) +
                               " ESCAPE '!')";
  if (kind == backend::sqlite) {
    if (auto match = detail::trigram_match_expression(q); !match.empty()) {
      s += " UNION SELECT orders.id FROM order_search_text JOIN orders ON orders.shop_id = "
           "order_search_text.shop_id"
           " AND orders.id = order_search_text.order_id WHERE order_search_text MATCH " +
           c.add_string(match) + " AND order_search_text.shop_id = " + c.add_string(shop) + " AND " +
           contains;
      return s;
    }
  } else if (auto match = detail::fulltext_match_expression(q); !match.empty()) {
    s += " UNION SELECT id FROM orders WHERE shop_id = " + c.add_string(shop) +
         " AND MATCH (search_text) AGAINST (" + c.add_string(match) + " IN BOOLEAN MODE) AND " + contains;
    return s;
  }
  s += " UNION SELECT id FROM orders WHERE shop_id = " + c.add_string(shop) + " AND " + contains;
  return s;
}

// "FROM ... WHERE " for one shop's orders: the orders table, or with free text, the orders it matches
// joined to their rows (the matches first: the planner must not walk the shop's orders to find them).
std::string from_orders(clause& c, backend kind, std::string_view shop_id, const order_filter& f) {
  auto q = std::string(detail::trim(f.query));
  if (q.empty()) return "FROM orders WHERE ";
  return "FROM (" + matching_ids(c, kind, shop_id, q) + ") matched " +
         (kind == backend::sqlite ? "CROSS JOIN" : "STRAIGHT_JOIN") +
         " orders ON orders.shop_id = " + c.add_string(std::string(shop_id)) +
         " AND orders.id = matched.match_id WHERE ";
}

// The filter's conditions on one shop's orders but the free text (see from_orders), the status only when
// with_status.
void add_filter(clause& c, const order_filter& f, std::string_view shop_id, bool with_status) {
  c.text += "shop_id = " + c.add_string(std::string(shop_id));
  if (with_status && f.status)
    c.text += " AND status = " + c.add_string(std::string(domain::to_string(*f.status)));
  if (f.created_from) c.text += " AND create_time >= " + c.add_integer(*f.created_from);
  if (f.created_to) c.text += " AND create_time < " + c.add_integer(*f.created_to);
}

// Rows of `shop_id` after the cursor in the global order (key, shop_id, id), all in one direction.
void add_after(clause& c, backend kind, const sort_spec& spec, std::string_view shop_id, const position& p) {
  const std::string col(spec.column);
  const std::string beyond = spec.descending ? " < " : " > ";
  auto key = [&] {
    if (spec.sort == order_sort::total_desc && kind == backend::mysql)
      return "CAST(" + c.add_string(detail::money_to_column(kind, decimal::from_units(p.key))) +
             " AS DECIMAL(19,4))";
    return c.add_integer(p.key);
  };
  // A shop that sorts before the cursor's shop still has the rows with an equal key ahead of it.
  bool shop_before =
      spec.descending ? shop_id > std::string_view(p.shop_id) : shop_id < std::string_view(p.shop_id);
  if (shop_id == p.shop_id) {
    c.text += " AND (" + col + beyond + key();
    c.text += " OR (" + col + " = " + key() + " AND id" + beyond + c.add_string(p.id) + "))";
  } else if (shop_before) {
    c.text += " AND " + col + beyond + key();
  } else {
    c.text += " AND " + col + (spec.descending ? " <= " : " >= ") + key();
  }
}

// ---- rows ------------------------------------------------------------------------------------------------

struct summary_columns {
  std::string shop_id, id, status;
  long long create_time = 0, update_time = 0, shipping_due_time = 0;
  std::string buyer_user_id, recipient_name, total_amount, currency, tracking_number;
  int is_on_hold_order = 0;
};

constexpr std::string_view summary_select =
    "SELECT shop_id, id, status, create_time, update_time, shipping_due_time, buyer_user_id, recipient_name,"
    " total_amount, currency, tracking_number, is_on_hold_order ";

void bind_summary(soci::statement& st, summary_columns& r) {
  st.exchange(soci::into(r.shop_id));
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.status));
  st.exchange(soci::into(r.create_time));
  st.exchange(soci::into(r.update_time));
  st.exchange(soci::into(r.shipping_due_time));
  st.exchange(soci::into(r.buyer_user_id));
  st.exchange(soci::into(r.recipient_name));
  st.exchange(soci::into(r.total_amount));
  st.exchange(soci::into(r.currency));
  st.exchange(soci::into(r.tracking_number));
  st.exchange(soci::into(r.is_on_hold_order));
}

order_summary to_summary(backend kind, const summary_columns& r) {
  order_summary s;
  s.shop_id = r.shop_id;
  s.id = r.id;
  s.status = domain::parse_order_status(r.status);
  s.create_time = r.create_time;
  s.update_time = r.update_time;
  s.shipping_due_time = r.shipping_due_time;
  s.buyer_user_id = r.buyer_user_id;
  s.buyer_name = r.recipient_name;
  s.total = detail::money_from_column(kind, r.total_amount, "orders.total_amount");
  s.currency = r.currency;
  s.tracking_number = r.tracking_number;
  s.on_hold = r.is_on_hold_order != 0;
  return s;
}

std::int64_t key_of(const order_summary& s, order_sort sort) {
  switch (sort) {
    case order_sort::create_time_desc:
    case order_sort::create_time_asc: return s.create_time;
    case order_sort::update_time_desc: return s.update_time;
    case order_sort::total_desc: return s.total.units();
  }
  return 0;
}

// True when a comes before b in the sort's global order.
bool before(const order_summary& a, const order_summary& b, const sort_spec& spec) {
  auto ka = std::make_tuple(key_of(a, spec.sort), std::string_view(a.shop_id), std::string_view(a.id));
  auto kb = std::make_tuple(key_of(b, spec.sort), std::string_view(b.shop_id), std::string_view(b.id));
  return spec.descending ? kb < ka : ka < kb;
}

// ":i0, :i1, ..." for an IN list.
std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i ? ", :i" : ":i") + std::to_string(i);
  return out;
}

// Item count and first item of each listed order, one query per shop.
void attach_items(soci::session& sql, std::vector<order_summary>& orders) {
  std::map<std::string, std::vector<order_summary*>, std::less<>> by_shop;
  for (auto& o : orders) by_shop[o.shop_id].push_back(&o);
  for (auto& [shop, list] : by_shop) {
    std::map<std::string, order_summary*, std::less<>> by_id;
    std::vector<std::string> ids;
    for (auto* o : list) {
      by_id[o->id] = o;
      ids.push_back(o->id);
    }
    std::string order_id, product_name, sku_id, seller_sku, sku_image;
    int line_no = 0;
    soci::statement st(sql);
    st.exchange(soci::into(order_id));
    st.exchange(soci::into(line_no));
    st.exchange(soci::into(product_name));
    st.exchange(soci::into(sku_id));
    st.exchange(soci::into(seller_sku));
    st.exchange(soci::into(sku_image));
    std::string shop_id = shop;
    st.exchange(soci::use(shop_id));
    for (const auto& id : ids) st.exchange(soci::use(id));
    st.alloc();
    // No ORDER BY: sorting the lines costs more than the query; the first item is the lowest line_no.
    st.prepare("SELECT order_id, line_no, product_name, sku_id, seller_sku, sku_image FROM order_lines"
               " WHERE shop_id = :shop_id AND order_id IN (" +
               placeholders(ids.size()) + ")");
    st.define_and_bind();
    st.execute();
    std::map<order_summary*, int> first_line_no;
    while (st.fetch()) {
      auto it = by_id.find(order_id);
      if (it == by_id.end()) continue;
      auto& o = *it->second;
      ++o.items;
      auto [seen, added] = first_line_no.try_emplace(&o, line_no);
      if (!added && seen->second <= line_no) continue;
      seen->second = line_no;
      o.first_item = order_item_summary{product_name, sku_id, seller_sku, sku_image};
    }
  }
}

// One shop's rows of the page, after the cursor, at most `fetch` of them, straight off its index.
clause page_query(const order_search_request& request, backend kind, const sort_spec& spec,
                  std::string_view shop, const std::optional<position>& after, long long fetch) {
  clause c;
  c.text = std::string(summary_select);
  c.text += from_orders(c, kind, shop, request.filter);
  add_filter(c, request.filter, shop, true);
  if (after) add_after(c, kind, spec, shop, *after);
  const std::string dir = spec.descending ? " DESC" : " ASC";
  c.text += " ORDER BY " + std::string(spec.column) + dir + ", id" + dir + " LIMIT " + c.add_integer(fetch);
  return c;
}

std::optional<plugin::error> check_filter(std::string_view op, const order_filter& f) {
  if (detail::trim(f.query).size() > order_search::max_query_length)
    return detail::invalid(op, "the search text must be at most " + std::to_string(order_search::max_query_length) +
                                   " characters, got " + std::to_string(detail::trim(f.query).size()));
  for (const auto& shop : f.shop_ids)
    if (auto p = detail::length_problem("shop id", shop, 64); !p.empty()) return detail::invalid(op, p);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(order_sort s) noexcept {
  return spec_of(s).name;
}

std::optional<order_sort> parse_order_sort(std::string_view text) {
  for (const auto& spec : sorts)
    if (spec.name == text) return spec.sort;
  return std::nullopt;
}

const std::vector<std::string_view>& platform_order_statuses() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (auto s : {domain::order_status::unpaid, domain::order_status::on_hold,
                   domain::order_status::awaiting_shipment, domain::order_status::partially_shipping,
                   domain::order_status::awaiting_collection, domain::order_status::in_transit,
                   domain::order_status::delivered, domain::order_status::completed,
                   domain::order_status::cancelled})
      out.push_back(domain::to_string(s));
    return out;
  }();
  return names;
}

std::optional<domain::order_status> parse_platform_order_status(std::string_view text) {
  for (auto name : platform_order_statuses())
    if (name == text) return domain::parse_order_status(name);
  return std::nullopt;
}

result<order_search_page> order_search::find(const order_search_request& request) {
  if (request.limit == 0 || request.limit > max_limit)
    return detail::invalid(op_find, "limit must be 1 to " + std::to_string(max_limit) + ", got " +
                                        std::to_string(request.limit));
  if (auto problem = check_filter(op_find, request.filter)) return *problem;
  std::optional<position> after;
  if (!request.cursor.empty()) {
    auto read = read_cursor(request);
    if (auto* why = std::get_if<std::string>(&read)) return detail::invalid(op_find, *why);
    after = std::get<position>(read);
  }
  if (request.filter.shop_ids.empty()) return order_search_page{};

  const sort_spec& spec = spec_of(request.sort);
  const backend kind = db_.kind();
  return detail::with_session(db_, op_find, [&](soci::session& sql) -> result<order_search_page> {
    std::vector<order_summary> rows;
    const long long fetch = static_cast<long long>(request.limit) + 1;
    std::vector<std::string> shops = request.filter.shop_ids;
    std::sort(shops.begin(), shops.end());
    shops.erase(std::unique(shops.begin(), shops.end()), shops.end());
    // Each shop's first limit+1 rows after the cursor come straight off its index; the merge keeps the best.
    for (const auto& shop : shops) {
      clause c = page_query(request, kind, spec, shop, after, fetch);
      summary_columns r;
      soci::statement st(sql);
      bind_summary(st, r);
      c.bind(st);
      st.alloc();
      st.prepare(c.text);
      st.define_and_bind();
      st.execute();
      while (st.fetch()) rows.push_back(to_summary(kind, r));
    }
    std::sort(rows.begin(), rows.end(),
              [&](const order_summary& a, const order_summary& b) { return before(a, b, spec); });
    order_search_page page;
    bool more = rows.size() > request.limit;
    if (more) rows.resize(request.limit);
    page.orders = std::move(rows);
    attach_items(sql, page.orders);
    if (more) {
      const auto& last = page.orders.back();
      page.next_cursor = make_cursor(request, {key_of(last, request.sort), last.shop_id, last.id});
    }
    return page;
  });
}

result<order_status_counts> order_search::count_by_status(const order_filter& filter) {
  if (auto problem = check_filter(op_counts, filter)) return *problem;
  order_status_counts counts;
  for (auto name : platform_order_statuses()) counts.emplace(std::string(name), 0);
  counts["all"] = 0;
  if (filter.shop_ids.empty()) return counts;
  std::vector<std::string> shops = filter.shop_ids;
  std::sort(shops.begin(), shops.end());
  shops.erase(std::unique(shops.begin(), shops.end()), shops.end());
  const backend kind = db_.kind();
  // The status tabs of a plain list read the counters the repository keeps; a search or a date range
  // counts its matches.
  const bool counters = detail::trim(filter.query).empty() && !filter.created_from && !filter.created_to;
  return detail::with_session(db_, op_counts, [&](soci::session& sql) -> result<order_status_counts> {
    if (counters) {
      for (const auto& [status, n] : detail::read_status_counters(sql, shops)) {
        if (n == 0) continue;
        counts[status] += n;
        counts["all"] += n;
      }
      return counts;
    }
    for (const auto& shop : shops) {
      clause c;
      c.text = from_orders(c, kind, shop, filter);
      add_filter(c, filter, shop, false);
      std::string status;
      long long n = 0;
      soci::statement st(sql);
      st.exchange(soci::into(status));
      st.exchange(soci::into(n));
      c.bind(st);
      st.alloc();
      st.prepare("SELECT status, count(*) " + c.text + " GROUP BY status");
      st.define_and_bind();
      st.execute();
      while (st.fetch()) {
        counts[status] += n;
        counts["all"] += n;
      }
    }
    return counts;
  });
}

result<std::map<std::string, std::vector<domain::line_item>, std::less<>>> order_search::lines_of(
    std::string_view shop_id, const std::vector<std::string>& order_ids) {
  using lines_map = std::map<std::string, std::vector<domain::line_item>, std::less<>>;
  const backend kind = db_.kind();
  return detail::with_session(db_, "orders.lines_of", [&](soci::session& sql) -> result<lines_map> {
    lines_map out;
    constexpr std::size_t chunk = 500;
    for (std::size_t first = 0; first < order_ids.size(); first += chunk) {
      std::vector<std::string> ids(order_ids.begin() + static_cast<std::ptrdiff_t>(first),
                                   order_ids.begin() + static_cast<std::ptrdiff_t>(
                                                           std::min(order_ids.size(), first + chunk)));
      std::string order_id, id, sku_id, product_id, product_name, sku_name, sku_image, seller_sku;
      std::string original_price, sale_price, currency, display_status, package_id, tracking_number,
          shipping_provider_name;
      soci::statement st(sql);
      for (auto* s : {&order_id, &id, &sku_id, &product_id, &product_name, &sku_name, &sku_image, &seller_sku,
                      &original_price, &sale_price, &currency, &display_status, &package_id, &tracking_number,
                      &shipping_provider_name})
        st.exchange(soci::into(*s));
      std::string shop(shop_id);
      st.exchange(soci::use(shop));
      for (const auto& oid : ids) st.exchange(soci::use(oid));
      st.alloc();
      st.prepare(
          "SELECT order_id, id, sku_id, product_id, product_name, sku_name, sku_image, seller_sku, original_price,"
          " sale_price, currency, display_status, package_id, tracking_number, shipping_provider_name"
          " FROM order_lines WHERE shop_id = :shop_id AND order_id IN (" +
          placeholders(ids.size()) + ") ORDER BY order_id, line_no");
      st.define_and_bind();
      st.execute();
      while (st.fetch()) {
        domain::line_item l;
        l.id = id;
        l.sku_id = sku_id;
        l.product_id = product_id;
        l.product_name = product_name;
        l.sku_name = sku_name;
        l.sku_image = sku_image;
        l.seller_sku = seller_sku;
        l.original_price = detail::money_from_column(kind, original_price, "order_lines.original_price");
        l.sale_price = detail::money_from_column(kind, sale_price, "order_lines.sale_price");
        l.currency = currency;
        l.display_status = display_status;
        l.package_id = package_id;
        l.tracking_number = tracking_number;
        l.shipping_provider_name = shipping_provider_name;
        out[order_id].push_back(std::move(l));
      }
    }
    return out;
  });
}

result<std::vector<order_status_change>> order_search::timeline(std::string_view shop_id,
                                                                std::string_view order_id) {
  return detail::with_session(
      db_, "orders.timeline", [&](soci::session& sql) -> result<std::vector<order_status_change>> {
        std::string shop(shop_id), id(order_id), from, to;
        long long at = 0;
        soci::statement st = (sql.prepare << "SELECT from_status, to_status, update_time FROM order_status_history"
                                             " WHERE shop_id = :shop_id AND order_id = :order_id ORDER BY id",
                              soci::into(from), soci::into(to), soci::into(at), soci::use(shop), soci::use(id));
        st.execute();
        std::vector<order_status_change> out;
        while (st.fetch()) out.push_back({from, to, at});
        return out;
      });
}

result<std::vector<std::string>> order_search::plan(const order_search_request& request) {
  if (request.filter.shop_ids.empty()) return std::vector<std::string>{};
  const sort_spec& spec = spec_of(request.sort);
  const backend kind = db_.kind();
  return detail::with_session(db_, "orders.search_plan", [&](soci::session& sql) -> result<std::vector<std::string>> {
    clause c = page_query(request, kind, spec, request.filter.shop_ids.front(), std::nullopt,
                          static_cast<long long>(request.limit) + 1);
    soci::row row;
    soci::statement st(sql);
    st.exchange(soci::into(row));
    c.bind(st);
    st.alloc();
    st.prepare((kind == backend::sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + c.text);
    st.define_and_bind();
    st.execute();
    std::vector<std::string> out;
    auto text = [&](std::string_view name) -> std::string {
      for (std::size_t i = 0; i < row.size(); ++i) {
        const auto& p = row.get_properties(i);
        if (p.get_name() != name) continue;
        if (row.get_indicator(i) == soci::i_null) return "";
        if (p.get_data_type() == soci::dt_string) return row.get<std::string>(i);
        return "";
      }
      return "";
    };
    while (st.fetch()) {
      if (kind == backend::sqlite)
        out.push_back(text("detail"));
      else
        out.push_back("table " + text("table") + " type " + text("type") + " key " + text("key") + " extra " +
                      text("Extra"));
    }
    return out;
  });
}

}  // namespace kingkung::storage
