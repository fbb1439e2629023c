#include "support/bulk_loader.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "kingkung/storage/database.hpp"
#include "support/bench_database.hpp"
#include "support/maintained_tables.hpp"
#include "support/sqlite_connection.hpp"

namespace kingkung::bench {
namespace {

using row = std::vector<sqlite_value>;

constexpr std::int64_t orders_per_transaction = 100'000;

// One table's columns as `SELECT *` returns them, and where the columns the copy replaces sit.
struct table_shape {
  std::vector<std::string> columns;
  int column(const std::string& name) const {
    auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end()) throw std::runtime_error("bulk load: the table has no column " + name);
    return static_cast<int>(it - columns.begin());
  }
};

table_shape shape_of(sqlite_connection& db, const std::string& table) {
  sqlite_statement st = db.statement("SELECT * FROM " + table + " LIMIT 0");
  table_shape shape;
  for (int i = 0; i < sqlite3_column_count(st.get()); ++i)
    shape.columns.emplace_back(sqlite3_column_name(st.get(), i));
  return shape;
}

// INSERT naming every column but `skip` (an id the new row gets anew; -1: none).
std::string insert_sql(const std::string& table, const table_shape& shape, int skip) {
  std::string names, marks;
  for (int i = 0; i < static_cast<int>(shape.columns.size()); ++i) {
    if (i == skip) continue;
    names += (names.empty() ? "" : ", ") + shape.columns[static_cast<std::size_t>(i)];
    marks += marks.empty() ? "?" : ", ?";
  }
  return "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
}

std::vector<row> rows_of(sqlite_connection& db, sqlite3_stmt* st) {
  std::vector<row> out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    row r;
    for (int i = 0; i < sqlite3_column_count(st); ++i) r.push_back(read_column(st, i));
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE)
    throw std::runtime_error(std::string("bulk load: reading templates: ") + sqlite3_errmsg(db.get()));
  sqlite3_reset(st);
  return out;
}

struct order_template {
  row order;
  std::vector<row> lines;    // by line_no
  std::vector<row> history;  // oldest first
};

struct shapes {
  table_shape orders, lines, history;
  int order_id, order_tracking, order_raw_json, order_buyer_id, order_buyer_email;
  int line_order_id, line_id;
  int history_id, history_order_id;
};

std::vector<order_template> read_templates(sqlite_connection& db, const shapes& s, const std::string& shop_id,
                                           std::int64_t period) {
  sqlite_statement order = db.statement("SELECT * FROM orders WHERE shop_id = ?1 AND id = ?2");
  sqlite_statement lines =
      db.statement("SELECT * FROM order_lines WHERE shop_id = ?1 AND order_id = ?2 ORDER BY line_no");
  sqlite_statement history =
      db.statement("SELECT * FROM order_status_history WHERE shop_id = ?1 AND order_id = ?2 ORDER BY id");
  std::vector<order_template> out;
  out.reserve(static_cast<std::size_t>(period));
  for (std::int64_t b = 0; b < period; ++b) {
    const domain::order expected = synthetic_order(shop_id, b, period);
    for (auto* st : {order.get(), lines.get(), history.get()}) {
      sqlite3_bind_text(st, 1, shop_id.data(), static_cast<int>(shop_id.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, expected.id.data(), static_cast<int>(expected.id.size()), SQLITE_TRANSIENT);
    }
    auto found = rows_of(db, order.get());
    if (found.size() != 1)
      throw std::runtime_error("bulk load: template order #" + std::to_string(b) + " (id " + expected.id +
                               ") of shop " + shop_id + " is not stored: upsert orders [0, " +
                               std::to_string(period) + ") through order_repository first");
    order_template t{std::move(found.front()), rows_of(db, lines.get()), rows_of(db, history.get())};
    // A template stored from another generator (or another period) would copy wrong content.
    if (t.order[static_cast<std::size_t>(s.order_raw_json)].text != expected.raw_json ||
        t.lines.size() != expected.lines.size())
      throw std::runtime_error("bulk load: stored order " + expected.id + " of shop " + shop_id +
                               " is not synthetic order #" + std::to_string(b) + " with period " +
                               std::to_string(period) + " (its raw_json or line count differs)");
    out.push_back(std::move(t));
  }
  return out;
}

// The secondary indexes and triggers of the order tables: dropped for the load, created again after.
struct schema_object {
  std::string type, name, sql;
};

std::vector<schema_object> detach_indexes_and_triggers(sqlite_connection& db) {
  sqlite_statement st = db.statement(
      "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
      " AND tbl_name IN ('orders', 'order_lines', 'order_status_history') ORDER BY rowid");
  std::vector<schema_object> out;
  while (sqlite3_step(st.get()) == SQLITE_ROW)
    out.push_back({reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0)),
                   reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 1)),
                   reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 2))});
  for (const auto& o : out) db.exec("DROP " + o.type + " \"" + o.name + "\"");
  return out;
}

void step_done(sqlite_connection& db, sqlite3_stmt* st, const char* table, const std::string& order_id) {
  if (sqlite3_step(st) != SQLITE_DONE) {
    std::string why = sqlite3_errmsg(db.get());
    sqlite3_reset(st);
    throw std::runtime_error(std::string("bulk load: ") + table + " row of order " + order_id + ": " + why);
  }
  sqlite3_reset(st);
}

bulk_load_report write_rows(const std::string& path, const std::string& shop_id, std::int64_t from,
                            std::int64_t to, std::int64_t period) {
  bulk_load_report report;
  sqlite_connection db(path, SQLITE_OPEN_READWRITE);
  db.exec("PRAGMA busy_timeout = 5000");
  shapes s{shape_of(db, "orders"),
           shape_of(db, "order_lines"),
           shape_of(db, "order_status_history"),
           0,
           0,
           0,
           0,
           0,
           0,
           0,
           0,
           0};
  s.order_id = s.orders.column("id");
  s.order_tracking = s.orders.column("tracking_number");
  s.order_raw_json = s.orders.column("raw_json");
  s.order_buyer_id = s.orders.column("buyer_user_id");
  s.order_buyer_email = s.orders.column("buyer_email");
  s.line_order_id = s.lines.column("order_id");
  s.line_id = s.lines.column("id");
  s.history_id = s.history.column("id");
  s.history_order_id = s.history.column("order_id");
  const auto templates = read_templates(db, s, shop_id, period);

  // Only a connection alone on the file may leave WAL: another one open makes SQLite keep "wal".
  if (db.text_of("PRAGMA journal_mode = OFF") != "off")
    throw std::runtime_error("bulk load: " + path +
                             " is open elsewhere (journal_mode stays WAL): close every other connection");
  db.exec(
      "PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA locking_mode = EXCLUSIVE;"
      " PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY; PRAGMA threads = 2");
  const auto detached = detach_indexes_and_triggers(db);

  sqlite_statement insert_order = db.statement(insert_sql("orders", s.orders, -1));
  sqlite_statement insert_line = db.statement(insert_sql("order_lines", s.lines, -1));
  sqlite_statement insert_history = db.statement(insert_sql("order_status_history", s.history, s.history_id));

  const auto start = std::chrono::steady_clock::now();
  db.exec("BEGIN");
  for (std::int64_t i = from; i < to; ++i) {
    if (i > from && (i - from) % orders_per_transaction == 0) db.exec("COMMIT; BEGIN");
    const domain::order o = synthetic_order(shop_id, i, period);
    const order_template& t = templates[static_cast<std::size_t>(i % period)];

    sqlite3_stmt* st = insert_order.get();
    for (int c = 0; c < static_cast<int>(t.order.size()); ++c) {
      const std::string* replaced = c == s.order_id            ? &o.id
                                    : c == s.order_tracking    ? &o.tracking_number
                                    : c == s.order_raw_json    ? &o.raw_json
                                    : c == s.order_buyer_id    ? &o.buyer_user_id
                                    : c == s.order_buyer_email ? &o.buyer_email
                                                               : nullptr;
      if (replaced)
        sqlite3_bind_text(st, c + 1, replaced->data(), static_cast<int>(replaced->size()), SQLITE_STATIC);
      else
        bind_value(st, c + 1, t.order[static_cast<std::size_t>(c)]);
    }
    step_done(db, st, "orders", o.id);

    st = insert_line.get();
    for (std::size_t l = 0; l < t.lines.size(); ++l) {
      for (int c = 0; c < static_cast<int>(t.lines[l].size()); ++c) {
        const std::string* replaced = c == s.line_order_id ? &o.id
                                      : c == s.line_id     ? &o.lines[l].id
                                                           : nullptr;
        if (replaced)
          sqlite3_bind_text(st, c + 1, replaced->data(), static_cast<int>(replaced->size()), SQLITE_STATIC);
        else
          bind_value(st, c + 1, t.lines[l][static_cast<std::size_t>(c)]);
      }
      step_done(db, st, "order_lines", o.id);
    }

    st = insert_history.get();
    for (const auto& h : t.history) {
      int at = 1;
      for (int c = 0; c < static_cast<int>(h.size()); ++c) {
        if (c == s.history_id) continue;
        if (c == s.history_order_id)
          sqlite3_bind_text(st, at++, o.id.data(), static_cast<int>(o.id.size()), SQLITE_STATIC);
        else
          bind_value(st, at++, h[static_cast<std::size_t>(c)]);
      }
      step_done(db, st, "order_status_history", o.id);
    }
    report.rows += 1 + static_cast<std::int64_t>(t.lines.size() + t.history.size());
  }
  db.exec("COMMIT");
  const auto inserted = std::chrono::steady_clock::now();
  report.orders = to - from;
  report.insert_seconds = std::chrono::duration<double>(inserted - start).count();

  db.exec("BEGIN");
  for (const auto& o : detached) db.exec(o.sql);
  db.exec("COMMIT");
  report.index_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - inserted).count();

  db.exec("PRAGMA locking_mode = NORMAL");
  db.text_of("SELECT count(*) FROM sqlite_master");  // releases the exclusive lock
  if (db.text_of("PRAGMA journal_mode = WAL") != "wal")
    throw std::runtime_error("bulk load: " + path + " did not go back to journal_mode=WAL");
  return report;
}

}  // namespace

bulk_load_report bulk_load_orders(const std::string& path, const std::string& shop_id, std::int64_t from,
                                  std::int64_t to, std::int64_t period) {
  if (period <= 0 || from < period || to < from)
    throw std::runtime_error("bulk load: orders [" + std::to_string(from) + ", " + std::to_string(to) +
                             ") with period " + std::to_string(period) +
                             ": the range must start at or after the templates [0, period)");
  if (to == from) return {};
  bulk_load_report report = write_rows(path, shop_id, from, to, period);  // closes its connection
  const auto start = std::chrono::steady_clock::now();
  rebuild_maintained_tables(path, shop_id);
  report.maintained_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

load_report load_orders_fast(const std::string& url, const std::string& shop_id, std::int64_t from,
                             std::int64_t to, std::int64_t period) {
  auto parsed = storage::database_url::parse(url);
  if (!parsed) throw std::runtime_error("database url: " + parsed.err().message);
  const bool bulk = parsed->kind == storage::backend::sqlite && parsed->sqlite_path != ":memory:";
  load_report report;
  const std::int64_t upsert_to = bulk ? std::min(to, std::max(from, period)) : to;
  if (from < upsert_to) {
    auto db = open_bench_database(url, shop_id, 1);
    const auto start = std::chrono::steady_clock::now();
    load_synthetic_orders(*db, shop_id, from, upsert_to, 5000, {}, period);
    report.upserted = upsert_to - from;
    report.upsert_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }  // closed: the bulk load needs the file alone
  if (bulk && to > upsert_to)
    report.bulk = bulk_load_orders(parsed->sqlite_path, shop_id, upsert_to, to, period);
  return report;
}

}  // namespace kingkung::bench
