// R4, the second question: how to send many rows to the database. The same rows (shaped like order
// line items: 12 columns, a three-column primary key and one secondary index) are inserted three ways,
// in transactions of `--batch` rows:
//   row_by_row    one prepared INSERT executed per row (what order_repository does today)
//   soci_vector   the same INSERT bound to std::vector columns, executed once per transaction
//   multi_row     INSERT ... VALUES (...), (...), ... with `--rows-per-statement` rows per statement
//   kingkung_bench_insert_styles --database mysql://... [--rows 20000] [--batch 500] [--rows-per-statement
//   100]
#include <soci/soci.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/database.hpp"
#include "support/figures.hpp"

namespace {

namespace bench = kingkung::bench;
namespace storage = kingkung::storage;

struct columns {
  std::vector<std::string> shop_id, order_id, id, sku_id, product_id, product_name, seller_sku, currency,
      display_status, sale_price;
  std::vector<int> line_no;
  std::vector<long long> rts_time;
  std::size_t size() const { return id.size(); }
};

columns make_rows(std::size_t n) {
  columns c;
  for (std::size_t i = 0; i < n; ++i) {
    c.shop_id.push_back("7494883102967740417");
    c.order_id.push_back(std::to_string(576000000000000000LL + static_cast<long long>(i / 2) * 7919));
    c.id.push_back(std::to_string(577000000000000000LL + static_cast<long long>(i)));
    c.line_no.push_back(static_cast<int>(i % 2));
    c.sku_id.push_back(std::to_string(1729000000000000000LL + static_cast<long long>(i % 400)));
    c.product_id.push_back(std::to_string(1729500000000000000LL + static_cast<long long>(i % 100)));
    c.product_name.push_back("Product " + std::to_string(i % 100));
    c.seller_sku.push_back("SKU-" + std::to_string(i % 400));
    c.sale_price.push_back(std::to_string(50000 + (i * 37) % 2000000));
    c.currency.push_back("USD");
    c.display_status.push_back("AWAITING_SHIPMENT");
    c.rts_time.push_back(1760000000LL + static_cast<long long>(i));
  }
  return c;
}

constexpr const char* column_list =
    "shop_id, order_id, id, line_no, sku_id, product_id, product_name, seller_sku, sale_price, currency, "
    "display_status, rts_time";
constexpr int column_count = 12;

void create_table(soci::session& sql, storage::backend kind) {
  sql << "DROP TABLE IF EXISTS bench_insert_rows";
  if (kind == storage::backend::mysql)
    sql << "CREATE TABLE bench_insert_rows (shop_id VARCHAR(64) NOT NULL, order_id VARCHAR(64) NOT NULL,"
           " id VARCHAR(64) NOT NULL, line_no INT NOT NULL, sku_id VARCHAR(64) NOT NULL, product_id "
           "VARCHAR(64) NOT NULL,"
           " product_name VARCHAR(255) NOT NULL, seller_sku VARCHAR(64) NOT NULL, sale_price DECIMAL(19,4) "
           "NOT NULL,"
           " currency VARCHAR(8) NOT NULL, display_status VARCHAR(32) NOT NULL, rts_time BIGINT NOT NULL,"
           " PRIMARY KEY (shop_id, order_id, id), KEY bench_insert_rows_by_sku (shop_id, sku_id))"
           " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
  else {
    sql << "CREATE TABLE bench_insert_rows (shop_id TEXT NOT NULL, order_id TEXT NOT NULL, id TEXT NOT NULL,"
           " line_no INTEGER NOT NULL, sku_id TEXT NOT NULL, product_id TEXT NOT NULL, product_name TEXT NOT "
           "NULL,"
           " seller_sku TEXT NOT NULL, sale_price INTEGER NOT NULL, currency TEXT NOT NULL,"
           " display_status TEXT NOT NULL, rts_time INTEGER NOT NULL, PRIMARY KEY (shop_id, order_id, id)) "
           "STRICT";
    sql << "CREATE INDEX bench_insert_rows_by_sku ON bench_insert_rows (shop_id, sku_id)";
  }
}

std::string placeholders(std::size_t rows) {
  std::string out;
  for (std::size_t r = 0; r < rows; ++r) {
    out += r ? ", (" : "(";
    for (int c = 0; c < column_count; ++c)
      out += (c ? ", :v" : ":v") + std::to_string(r * column_count + static_cast<std::size_t>(c));
    out += ")";
  }
  return out;
}

// SQLite's STRICT INTEGER column takes the price as a number; MySQL's DECIMAL takes the text.
template <class Use>
void bind_row(const columns& c, std::size_t i, Use&& use) {
  use(c.shop_id[i]);
  use(c.order_id[i]);
  use(c.id[i]);
  use(c.line_no[i]);
  use(c.sku_id[i]);
  use(c.product_id[i]);
  use(c.product_name[i]);
  use(c.seller_sku[i]);
  use(c.sale_price[i]);
  use(c.currency[i]);
  use(c.display_status[i]);
  use(c.rts_time[i]);
}

double row_by_row(soci::session& sql, const columns& all, std::size_t batch) {
  std::size_t i = 0;
  soci::statement st(sql);
  std::string shop, order, id, sku, product, name, seller_sku, price, currency, status;
  int line = 0;
  long long rts = 0;
  st.exchange(soci::use(shop));
  st.exchange(soci::use(order));
  st.exchange(soci::use(id));
  st.exchange(soci::use(line));
  st.exchange(soci::use(sku));
  st.exchange(soci::use(product));
  st.exchange(soci::use(name));
  st.exchange(soci::use(seller_sku));
  st.exchange(soci::use(price));
  st.exchange(soci::use(currency));
  st.exchange(soci::use(status));
  st.exchange(soci::use(rts));
  st.alloc();
  st.prepare(std::string("INSERT INTO bench_insert_rows (") + column_list + ") VALUES " + placeholders(1));
  st.define_and_bind();
  auto start = std::chrono::steady_clock::now();
  while (i < all.size()) {
    soci::transaction tx(sql);
    for (std::size_t end = std::min(i + batch, all.size()); i < end; ++i) {
      shop = all.shop_id[i];
      order = all.order_id[i];
      id = all.id[i];
      line = all.line_no[i];
      sku = all.sku_id[i];
      product = all.product_id[i];
      name = all.product_name[i];
      seller_sku = all.seller_sku[i];
      price = all.sale_price[i];
      currency = all.currency[i];
      status = all.display_status[i];
      rts = all.rts_time[i];
      st.execute(true);
    }
    tx.commit();
  }
  return bench::seconds(std::chrono::steady_clock::now() - start);
}

double soci_vector(soci::session& sql, const columns& all, std::size_t batch) {
  auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < all.size(); i += batch) {
    const auto end = static_cast<std::ptrdiff_t>(std::min(i + batch, all.size()));
    const auto from = static_cast<std::ptrdiff_t>(i);
    auto slice = [&](const auto& v) { return std::vector(v.begin() + from, v.begin() + end); };
    auto shop = slice(all.shop_id), order = slice(all.order_id), id = slice(all.id), sku = slice(all.sku_id),
         product = slice(all.product_id), name = slice(all.product_name), seller_sku = slice(all.seller_sku),
         price = slice(all.sale_price), currency = slice(all.currency), status = slice(all.display_status);
    auto line = slice(all.line_no);
    auto rts = slice(all.rts_time);
    soci::transaction tx(sql);
    sql << std::string("INSERT INTO bench_insert_rows (") + column_list + ") VALUES " + placeholders(1),
        soci::use(shop), soci::use(order), soci::use(id), soci::use(line), soci::use(sku), soci::use(product),
        soci::use(name), soci::use(seller_sku), soci::use(price), soci::use(currency), soci::use(status),
        soci::use(rts);
    tx.commit();
  }
  return bench::seconds(std::chrono::steady_clock::now() - start);
}

// One statement per `rows` rows, prepared once and bound to holders that are refilled before each run.
class multi_row_statement {
 public:
  multi_row_statement(soci::session& sql, std::size_t rows)
      : st_(sql), rows_(rows), text_(rows * 10), number_(rows) {
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < 3; ++c) st_.exchange(soci::use(text_[r * 10 + c]));
      st_.exchange(soci::use(line_[r]));
      for (std::size_t c = 3; c < 10; ++c) st_.exchange(soci::use(text_[r * 10 + c]));
      st_.exchange(soci::use(number_[r]));
    }
    st_.alloc();
    st_.prepare(std::string("INSERT INTO bench_insert_rows (") + column_list + ") VALUES " +
                placeholders(rows));
    st_.define_and_bind();
  }
  void run(const columns& c, std::size_t first) {
    for (std::size_t r = 0; r < rows_; ++r) {
      const std::size_t i = first + r;
      std::string* t = &text_[r * 10];
      t[0] = c.shop_id[i];
      t[1] = c.order_id[i];
      t[2] = c.id[i];
      line_[r] = c.line_no[i];
      t[3] = c.sku_id[i];
      t[4] = c.product_id[i];
      t[5] = c.product_name[i];
      t[6] = c.seller_sku[i];
      t[7] = c.sale_price[i];
      t[8] = c.currency[i];
      t[9] = c.display_status[i];
      number_[r] = c.rts_time[i];
    }
    st_.execute(true);
  }
  std::size_t rows() const { return rows_; }

 private:
  soci::statement st_;
  std::size_t rows_;
  std::vector<std::string> text_;
  std::vector<long long> number_;
  std::vector<int> line_ = std::vector<int>(rows_);
};

double multi_row(soci::session& sql, const columns& all, std::size_t batch, std::size_t per_statement) {
  auto start = std::chrono::steady_clock::now();
  multi_row_statement full(sql, per_statement);
  std::unique_ptr<multi_row_statement> rest;
  for (std::size_t i = 0; i < all.size();) {
    soci::transaction tx(sql);
    for (std::size_t end = std::min(i + batch, all.size()); i < end;) {
      const std::size_t rows = std::min(per_statement, end - i);
      if (rows == per_statement) {
        full.run(all, i);
      } else {
        if (!rest || rest->rows() != rows) rest = std::make_unique<multi_row_statement>(sql, rows);
        rest->run(all, i);
      }
      i += rows;
    }
    tx.commit();
  }
  return bench::seconds(std::chrono::steady_clock::now() - start);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string url = bench::option(argc, argv, "--database");
    const std::size_t rows = std::stoul(bench::option(argc, argv, "--rows", "20000"));
    const std::size_t batch = std::stoul(bench::option(argc, argv, "--batch", "500"));
    const std::size_t per_statement = std::stoul(bench::option(argc, argv, "--rows-per-statement", "100"));
    const std::string label = bench::option(argc, argv, "--label", "r4.insert");
    if (url.empty() || rows == 0 || batch == 0 || per_statement == 0) {
      std::fprintf(stderr,
                   "usage: kingkung_bench_insert_styles --database URL [--rows N] [--batch N] "
                   "[--rows-per-statement N]\n");
      return 2;
    }
    kingkung::log::set_level(kingkung::log::level::warn);
    auto parsed = storage::database_url::parse(url);
    if (!parsed) throw std::runtime_error(parsed.err().message);
    auto db = storage::database::open(*parsed, 1);
    if (!db) throw std::runtime_error(db.err().message);
    auto sql = (*db)->acquire();
    const auto kind = (*db)->kind();
    auto all = make_rows(rows);
    if (kind == storage::backend::sqlite)
      for (auto& p : all.sale_price) p = std::to_string(std::stoll(p));  // ten-thousandths as an integer

    bench::note_load(label);
    struct style {
      const char* name;
      double seconds;
    };
    std::vector<style> results;
    create_table(*sql, kind);
    results.push_back({"row_by_row", row_by_row(*sql, all, batch)});
    create_table(*sql, kind);
    results.push_back({"soci_vector", soci_vector(*sql, all, batch)});
    create_table(*sql, kind);
    results.push_back({"multi_row", multi_row(*sql, all, batch, per_statement)});
    long long stored = 0;
    *sql << "SELECT count(*) FROM bench_insert_rows", soci::into(stored);
    *sql << "DROP TABLE bench_insert_rows";
    for (const auto& r : results)
      bench::figure(label + "." + r.name + ".rows_per_s", static_cast<double>(rows) / r.seconds, "rows/s");
    return stored == static_cast<long long>(rows) ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kingkung_bench_insert_styles: %s\n", e.what());
    return 1;
  }
}
