// The bulk loader's promise: the product serves a loaded database exactly as one it filled itself.
// The same synthetic orders go into two databases, once through order_repository::upsert and once
// through load_orders_fast (templates upserted, the rest copied in two steps, so the second step
// appends to a table that already has rows), and the product's own reads are compared.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/order_search.hpp"
#include "support/bench_database.hpp"
#include "support/bulk_loader.hpp"
#include "support/maintained_tables.hpp"
#include "support/sim_platform.hpp"
#include "support/sqlite_connection.hpp"
#include "support/synthetic_orders.hpp"

namespace {

namespace bench = kingkung::bench;
namespace storage = kingkung::storage;
namespace domain = kingkung::domain;

constexpr std::int64_t orders_count = 1000;
constexpr std::int64_t period = 100;
const std::string shop = bench::bench_shop_id;

std::filesystem::path scratch_folder(const std::string& test) {
  auto dir = std::filesystem::temp_directory_path() /
             ("kingkung-bench-loader-" + std::to_string(::getpid()) + "-" + test);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string describe(const storage::order_summary& o) {
  std::string out = o.shop_id + "/" + o.id + " " + std::string(domain::to_string(o.status)) + " c" +
                    std::to_string(o.create_time) + " u" + std::to_string(o.update_time) + " b" +
                    o.buyer_user_id + " n" + o.buyer_name + " t" + o.total.to_string() + o.currency + " i" +
                    std::to_string(o.items) + " k" + o.tracking_number + " d" +
                    std::to_string(o.shipping_due_time) + (o.on_hold ? " hold" : "");
  if (o.first_item)
    out += " f" + o.first_item->product_name + "|" + o.first_item->sku_id + "|" + o.first_item->seller_sku +
           "|" + o.first_item->image_url;
  return out;
}

std::string describe(const domain::order& o) {
  std::string out = o.shop_id + "/" + o.id + " " + o.status_text + " " + std::to_string(o.create_time) + " " +
                    std::to_string(o.update_time) + " " + std::to_string(o.paid_time) + " " +
                    o.buyer_user_id + " " + o.buyer_email + " " + o.recipient.name + " " +
                    o.recipient.full_address + " " + o.tracking_number + " " +
                    o.pay.total_amount.to_string() + " " + o.pay.sub_total.to_string() + " " + o.raw_json;
  for (const auto& l : o.lines)
    out += " [" + l.id + " " + l.sku_id + " " + l.seller_sku + " " + l.sale_price.to_string() + " " +
           l.display_status + "]";
  return out;
}

// Every page of a search, following next_cursor: one line per order, and the cursors handed out.
std::vector<std::string> walk(storage::order_search& search, storage::order_search_request request) {
  std::vector<std::string> out;
  for (int pages = 0; pages < 1000; ++pages) {
    auto page = search.find(request);
    if (!page) return {"error: " + page.err().message};
    for (const auto& o : page->orders) out.push_back(describe(o));
    if (page->next_cursor.empty()) return out;
    out.push_back("cursor " + page->next_cursor);
    request.cursor = page->next_cursor;
  }
  return {"error: more than 1000 pages"};
}

class BenchBulkLoad : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    kingkung::log::set_level(kingkung::log::level::warn);
    folder_ = new std::filesystem::path(scratch_folder("compare"));
    upserted_url_ = new std::string("sqlite3:" + (*folder_ / "upserted.db").string());
    loaded_url_ = new std::string("sqlite3:" + (*folder_ / "loaded.db").string());
    bench::load_synthetic_orders(*bench::open_bench_database(*upserted_url_, shop, 1), shop, 0, orders_count,
                                 250, {}, period);
    bench::load_orders_fast(*loaded_url_, shop, 0, 400, period);
    bench::load_orders_fast(*loaded_url_, shop, 400, orders_count, period);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*folder_);
    delete folder_;
    delete upserted_url_;
    delete loaded_url_;
  }
  void SetUp() override {
    upserted_ = bench::open_bench_database(*upserted_url_, shop, 1);
    loaded_ = bench::open_bench_database(*loaded_url_, shop, 1);
  }

  storage::order_search_request request() const {
    storage::order_search_request r;
    r.filter.shop_ids = {shop};
    r.limit = 97;  // pages that do not line up with the period
    return r;
  }

  static std::filesystem::path* folder_;
  static std::string* upserted_url_;
  static std::string* loaded_url_;
  std::unique_ptr<storage::database> upserted_, loaded_;
};

std::filesystem::path* BenchBulkLoad::folder_ = nullptr;
std::string* BenchBulkLoad::upserted_url_ = nullptr;
std::string* BenchBulkLoad::loaded_url_ = nullptr;

TEST_F(BenchBulkLoad, ListsEveryOrderInTheSameOrderUnderEverySort) {
  storage::order_search upserted(*upserted_), loaded(*loaded_);
  for (auto sort : {storage::order_sort::create_time_desc, storage::order_sort::create_time_asc,
                    storage::order_sort::update_time_desc, storage::order_sort::total_desc}) {
    auto r = request();
    r.sort = sort;
    auto expected = walk(upserted, r);
    ASSERT_GE(expected.size(), static_cast<std::size_t>(orders_count)) << storage::to_string(sort);
    EXPECT_EQ(walk(loaded, r), expected) << storage::to_string(sort);
  }
}

TEST_F(BenchBulkLoad, StatusFilteredPagesMatch) {
  storage::order_search upserted(*upserted_), loaded(*loaded_);
  std::size_t seen = 0;
  for (auto name : storage::platform_order_statuses()) {
    auto r = request();
    r.filter.status = storage::parse_platform_order_status(name);
    auto expected = walk(upserted, r);
    seen += expected.size();
    EXPECT_EQ(walk(loaded, r), expected) << name;
  }
  EXPECT_GE(seen, static_cast<std::size_t>(orders_count));
}

TEST_F(BenchBulkLoad, StatusCountsMatchWithAndWithoutFilters) {
  storage::order_search upserted(*upserted_), loaded(*loaded_);
  storage::order_filter all;
  all.shop_ids = {shop};
  auto expected = upserted.count_by_status(all);
  ASSERT_TRUE(expected) << expected.err().message;
  EXPECT_EQ(expected->at("all"), orders_count);
  auto counted = loaded.count_by_status(all);
  ASSERT_TRUE(counted) << counted.err().message;
  EXPECT_EQ(*counted, *expected);

  storage::order_filter narrowed = all;
  narrowed.created_from = bench::synthetic_now - 200 * 86400;
  narrowed.created_to = bench::synthetic_now - 100 * 86400;
  narrowed.query = "garcia";
  auto expected_narrowed = upserted.count_by_status(narrowed);
  ASSERT_TRUE(expected_narrowed) << expected_narrowed.err().message;
  EXPECT_GT(expected_narrowed->at("all"), 0);
  EXPECT_LT(expected_narrowed->at("all"), orders_count);
  auto counted_narrowed = loaded.count_by_status(narrowed);
  ASSERT_TRUE(counted_narrowed) << counted_narrowed.err().message;
  EXPECT_EQ(*counted_narrowed, *expected_narrowed);
}

TEST_F(BenchBulkLoad, FreeTextSearchFindsTheSameOrders) {
  storage::order_search upserted(*upserted_), loaded(*loaded_);
  const auto copied = bench::synthetic_order(shop, 777, period);  // a copy, not a template
  const std::vector<std::string> queries{copied.id,
                                         copied.id.substr(0, 14),
                                         copied.buyer_user_id,
                                         copied.buyer_email.substr(3, 10),
                                         copied.recipient.name,
                                         "ELENA",
                                         copied.lines.front().sku_id,
                                         copied.lines.front().seller_sku,
                                         "no-such-order"};
  for (const auto& q : queries) {
    auto r = request();
    r.filter.query = q;
    auto expected = walk(upserted, r);
    if (q != "no-such-order") {
      EXPECT_FALSE(expected.empty()) << q;
    }
    EXPECT_EQ(walk(loaded, r), expected) << q;
  }
}

TEST_F(BenchBulkLoad, CopiesOfOneTemplateHaveBuyersOfTheirOwn) {
  storage::order_search loaded(*loaded_);
  // Orders 77, 177, ... 977 share their content; each copy's buyer must find that copy alone.
  std::vector<std::string> buyers;
  for (std::int64_t i = 77; i < orders_count; i += period) {
    const auto copy = bench::synthetic_order(shop, i, period);
    buyers.push_back(copy.buyer_user_id);
    auto r = request();
    r.filter.query = copy.buyer_user_id;
    auto page = loaded.find(r);
    ASSERT_TRUE(page) << page.err().message;
    ASSERT_EQ(page->orders.size(), 1u) << copy.buyer_user_id;
    EXPECT_EQ(page->orders.front().id, copy.id);
    EXPECT_EQ(page->orders.front().buyer_user_id, copy.buyer_user_id);
  }
  std::sort(buyers.begin(), buyers.end());
  EXPECT_EQ(std::unique(buyers.begin(), buyers.end()), buyers.end());
}

TEST_F(BenchBulkLoad, OrderDetailTimelineAndRepositoryPagesMatch) {
  storage::order_repository upserted(*upserted_), loaded(*loaded_);
  storage::order_search upserted_search(*upserted_), loaded_search(*loaded_);
  for (std::int64_t i : {0, 99, 100, 399, 400, 401, 777, 999}) {
    const auto id = bench::synthetic_order_id(i);
    auto expected = upserted.get(shop, id);
    ASSERT_TRUE(expected && expected->has_value()) << id;
    auto found = loaded.get(shop, id);
    ASSERT_TRUE(found && found->has_value()) << id;
    EXPECT_EQ(describe(**found), describe(**expected)) << id;

    auto expected_timeline = upserted_search.timeline(shop, id);
    auto timeline = loaded_search.timeline(shop, id);
    ASSERT_TRUE(expected_timeline && timeline) << id;
    ASSERT_FALSE(expected_timeline->empty()) << id;
    ASSERT_EQ(timeline->size(), expected_timeline->size()) << id;
    for (std::size_t k = 0; k < timeline->size(); ++k) {
      EXPECT_EQ((*timeline)[k].from_status, (*expected_timeline)[k].from_status) << id;
      EXPECT_EQ((*timeline)[k].to_status, (*expected_timeline)[k].to_status) << id;
      EXPECT_EQ((*timeline)[k].at, (*expected_timeline)[k].at) << id;
    }
  }

  storage::order_page_request page;
  page.shop_id = shop;
  page.limit = 500;
  std::vector<std::string> expected_ids, ids;
  for (auto* repository : {&upserted, &loaded}) {
    auto& out = repository == &upserted ? expected_ids : ids;
    page.cursor.clear();
    do {
      auto listed = repository->list(page);
      ASSERT_TRUE(listed) << listed.err().message;
      for (const auto& o : listed->orders) out.push_back(describe(o));
      page.cursor = listed->next_cursor;
    } while (!page.cursor.empty());
  }
  EXPECT_EQ(expected_ids.size(), static_cast<std::size_t>(orders_count));
  EXPECT_EQ(ids, expected_ids);
}

// Every row of the order tables and of the tables maintained from them, storage times and the history
// rows' own ids left out (they say when and in which order rows were written, not what they hold).
std::vector<std::string> stored_rows(const std::string& url) {
  bench::sqlite_connection db(url.substr(std::string("sqlite3:").size()), SQLITE_OPEN_READONLY);
  std::vector<std::string> queries{
      "SELECT * FROM orders ORDER BY shop_id, id", "SELECT * FROM order_lines ORDER BY shop_id, order_id, id",
      "SELECT shop_id, order_id, from_status, to_status, update_time FROM order_status_history"
      " ORDER BY shop_id, order_id, id"};
  for (const auto& q : bench::maintained_table_queries()) queries.push_back(q);
  std::vector<std::string> out;
  for (const auto& q : queries) {
    bench::sqlite_statement st = db.statement(q);
    out.push_back("-- " + q);
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
      std::string line;
      for (int c = 0; c < sqlite3_column_count(st.get()); ++c) {
        const std::string name = sqlite3_column_name(st.get(), c);
        if (name == "stored_at" || name == "recorded_at") continue;
        auto v = bench::read_column(st.get(), c);
        line += name + "=" + std::to_string(v.type) + ":" +
                (v.type == SQLITE_INTEGER ? std::to_string(v.integer) : v.text) + " ";
      }
      out.push_back(line);
    }
  }
  return out;
}

TEST_F(BenchBulkLoad, StoresTheSameRowsApartFromStorageTimes) {
  auto expected = stored_rows(*upserted_url_);
  EXPECT_GT(expected.size(), static_cast<std::size_t>(3 * orders_count));
  auto rows = stored_rows(*loaded_url_);
  ASSERT_EQ(rows.size(), expected.size());
  for (std::size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(rows[i], expected[i]) << "row " << i;
}

std::vector<std::string> schema_of(const std::string& url) {
  bench::sqlite_connection db(url.substr(std::string("sqlite3:").size()), SQLITE_OPEN_READONLY);
  bench::sqlite_statement st = db.statement(
      "SELECT type || ' ' || name || ': ' || ifnull(sql, '') FROM sqlite_master ORDER BY type, name");
  std::vector<std::string> out;
  while (sqlite3_step(st.get()) == SQLITE_ROW)
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0)));
  out.push_back("journal_mode " + db.text_of("PRAGMA journal_mode"));
  return out;
}

TEST_F(BenchBulkLoad, LeavesTheProductsSchemaIndexesAndJournalMode) {
  auto expected = schema_of(*upserted_url_);
  EXPECT_NE(std::find(expected.begin(), expected.end(), "journal_mode wal"), expected.end());
  EXPECT_EQ(schema_of(*loaded_url_), expected);
}

TEST(BenchBulkLoadRefusal, RefusesWhileTheDatabaseIsOpenElsewhere) {
  kingkung::log::set_level(kingkung::log::level::warn);
  const auto path = scratch_folder("open-elsewhere") / "bench.db";
  const std::string url = "sqlite3:" + path.string();
  bench::load_orders_fast(url, shop, 0, 10, 10);
  auto held = bench::open_bench_database(url, shop, 1);
  try {
    bench::bulk_load_orders(path.string(), shop, 10, 30, 10);
    ADD_FAILURE() << "the load ran beside another connection";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("open elsewhere"), std::string::npos) << e.what();
  }
  EXPECT_EQ(bench::stored_orders(*held, shop), 10);
  held.reset();
  std::filesystem::remove_all(path.parent_path());
}

TEST(BenchBulkLoadRefusal, RefusesWithoutItsTemplatesAndSaysWhichIsMissing) {
  kingkung::log::set_level(kingkung::log::level::warn);
  const auto path = scratch_folder("no-templates") / "bench.db";
  const std::string url = "sqlite3:" + path.string();
  bench::load_orders_fast(url, shop, 0, 5, 10);  // half the templates
  try {
    bench::bulk_load_orders(path.string(), shop, 10, 30, 10);
    ADD_FAILURE() << "the load ran without its templates";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("template order #5 (id " + bench::synthetic_order_id(5) + ")"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(bench::stored_orders(*bench::open_bench_database(url, shop, 1), shop), 5);
  std::filesystem::remove_all(path.parent_path());
}

}  // namespace
