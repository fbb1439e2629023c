// R1's physical reference: the rows the sync pipeline stored (orders, order_lines,
// order_status_history), inserted again through the SQLite C API alone into a fresh database with the
// same schema and indexes (copied from the pipeline's database), the same settings the product uses
// (WAL, synchronous=NORMAL, foreign keys on) and the same transactions (one per page of orders with
// their lines and history). No decoding, no JSON, no platform: the floor the pipeline is measured
// against.
//   kingkung_bench_sqlite_reference --source /tmp/x/pipeline.db --target /tmp/x/reference.db [--batch 50]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "support/figures.hpp"
#include "support/sqlite_connection.hpp"

namespace {

namespace bench = kingkung::bench;

using row = std::vector<bench::sqlite_value>;
using connection = bench::sqlite_connection;

struct table_rows {
  std::string insert_sql;
  std::vector<row> rows;
  std::vector<std::vector<std::size_t>> by_order;  // row indexes per order (child tables)
};

// Every row of `table`, and the INSERT statement that writes one back.
table_rows load(connection& source, const std::string& table) {
  table_rows out;
  sqlite3_stmt* st = source.prepare("SELECT * FROM " + table + " ORDER BY rowid");
  int columns = sqlite3_column_count(st);
  std::string names, marks;
  for (int i = 0; i < columns; ++i) {
    names += (i ? ", " : "") + std::string(sqlite3_column_name(st, i));
    marks += i ? ", ?" : "?";
  }
  out.insert_sql = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
  while (sqlite3_step(st) == SQLITE_ROW) {
    row r;
    for (int i = 0; i < columns; ++i) r.push_back(bench::read_column(st, i));
    out.rows.push_back(std::move(r));
  }
  sqlite3_finalize(st);
  return out;
}

int column_index(connection& source, const std::string& table, const std::string& column) {
  sqlite3_stmt* st = source.prepare("SELECT * FROM " + table + " LIMIT 0");
  int found = -1;
  for (int i = 0; i < sqlite3_column_count(st); ++i)
    if (column == sqlite3_column_name(st, i)) found = i;
  sqlite3_finalize(st);
  if (found < 0) throw std::runtime_error(table + " has no column " + column);
  return found;
}

void insert(connection& target, sqlite3_stmt* st, const row& r) {
  for (std::size_t i = 0; i < r.size(); ++i) bench::bind_value(st, static_cast<int>(i) + 1, r[i]);
  if (sqlite3_step(st) != SQLITE_DONE)
    throw std::runtime_error(std::string("insert: ") + sqlite3_errmsg(target.get()));
  sqlite3_reset(st);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string source_path = bench::option(argc, argv, "--source");
    const std::string target_path = bench::option(argc, argv, "--target");
    const std::size_t batch = std::stoul(bench::option(argc, argv, "--batch", "50"));
    const std::string label = bench::option(argc, argv, "--label", "r1.reference");
    if (source_path.empty() || target_path.empty() || batch == 0) {
      std::fprintf(stderr, "usage: kingkung_bench_sqlite_reference --source DB --target DB [--batch N]\n");
      return 2;
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(target_path + suffix);

    connection source(source_path, SQLITE_OPEN_READONLY);
    connection target(target_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    target.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON");

    // The same schema and indexes, then the parents the orders need (not timed).
    // Shadow tables of a virtual table (FTS5's <name>_data, ...) are made by its CREATE VIRTUAL TABLE.
    sqlite3_stmt* schema = source.prepare(
        "SELECT sql FROM sqlite_master m WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND NOT EXISTS ("
        " SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' AND m.type = 'table'"
        " AND m.name LIKE v.name || '\\_%' ESCAPE '\\') ORDER BY rowid");
    while (sqlite3_step(schema) == SQLITE_ROW)
      target.exec(reinterpret_cast<const char*>(sqlite3_column_text(schema, 0)));
    sqlite3_finalize(schema);
    target.exec("ATTACH DATABASE '" + source_path + "' AS src");
    target.exec(
        "INSERT INTO main.sellers SELECT * FROM src.sellers; INSERT INTO main.shops SELECT * FROM src.shops");
    target.exec("DETACH DATABASE src");

    auto orders = load(source, "orders");
    std::map<std::pair<std::string, std::string>, std::size_t> order_at;
    const int order_shop = column_index(source, "orders", "shop_id");
    const int order_id = column_index(source, "orders", "id");
    for (std::size_t i = 0; i < orders.rows.size(); ++i)
      order_at[{orders.rows[i][static_cast<std::size_t>(order_shop)].text,
                orders.rows[i][static_cast<std::size_t>(order_id)].text}] = i;
    std::vector<table_rows> children;
    // The rows the product writes per order: lines, status history and (schema 6, SQLite) the search
    // text row.
    std::vector<std::string> child_tables{"order_lines", "order_status_history"};
    if (!source.text_of("SELECT name FROM sqlite_master WHERE name = 'order_search_text'").empty())
      child_tables.emplace_back("order_search_text");
    for (const auto& table : child_tables) {
      auto t = load(source, table);
      const auto shop = static_cast<std::size_t>(column_index(source, table, "shop_id"));
      const auto id = static_cast<std::size_t>(column_index(source, table, "order_id"));
      t.by_order.resize(orders.rows.size());
      for (std::size_t i = 0; i < t.rows.size(); ++i)
        t.by_order[order_at.at({t.rows[i][shop].text, t.rows[i][id].text})].push_back(i);
      children.push_back(std::move(t));
    }
    std::size_t rows = orders.rows.size();
    for (const auto& t : children) rows += t.rows.size();

    sqlite3_stmt* insert_order = target.prepare(orders.insert_sql);
    std::vector<sqlite3_stmt*> insert_child;
    for (const auto& t : children) insert_child.push_back(target.prepare(t.insert_sql));

    bench::note_load(label);
    const double cpu_start = bench::process_cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t first = 0; first < orders.rows.size(); first += batch) {
      target.exec("BEGIN");
      for (std::size_t o = first; o < std::min(first + batch, orders.rows.size()); ++o) {
        insert(target, insert_order, orders.rows[o]);
        for (std::size_t c = 0; c < children.size(); ++c)
          for (auto i : children[c].by_order[o]) insert(target, insert_child[c], children[c].rows[i]);
      }
      target.exec("COMMIT");
    }
    const double total = bench::seconds(std::chrono::steady_clock::now() - start);
    const double cpu = bench::process_cpu_seconds() - cpu_start;
    sqlite3_finalize(insert_order);
    for (auto* st : insert_child) sqlite3_finalize(st);

    bench::figure(label + ".orders", static_cast<double>(orders.rows.size()), "orders");
    bench::figure(label + ".rows", static_cast<double>(rows), "rows");
    bench::figure(label + ".seconds", total, "s");
    bench::figure(label + ".orders_per_s", static_cast<double>(orders.rows.size()) / total, "orders/s");
    bench::figure(label + ".cpu_seconds", cpu, "s");
    bench::figure(label + ".orders_per_cpu_s", static_cast<double>(orders.rows.size()) / cpu, "orders/s");
    return orders.rows.empty() ? 1 : 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kingkung_bench_sqlite_reference: %s\n", e.what());
    return 1;
  }
}
