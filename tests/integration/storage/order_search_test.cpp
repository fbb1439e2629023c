// order_search and order_stats on both backends: every filter narrows as the stored data says, keyset
// paging visits each order once in every sort, counts per status, harmless SQL metacharacters, cursors
// that are checked, index use, and exact daily sums.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/order_search.hpp"
#include "kingkung/storage/order_stats.hpp"
#include "storage_test_data.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::decimal;
using kingkung::domain::order;
using kingkung::domain::order_status;
using kingkung::plugin::errc;
using kingkung::storage::order_filter;
using kingkung::storage::order_search;
using kingkung::storage::order_search_request;
using kingkung::storage::order_sort;
using kingkung::storage::order_stats;
using kingkung::test::money;
using kingkung::test::sample_order;

constexpr std::int64_t base_time = 1764000000;  // 2025-11-24T16:00:00Z
constexpr std::int64_t day = 86400;

const order_status cycle[] = {order_status::awaiting_shipment, order_status::unpaid, order_status::in_transit,
                              order_status::cancelled, order_status::completed, order_status::awaiting_shipment};

class StorageOrderSearch : public kingkung::test::database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    if (HasFatalFailure()) return;
    auto seller = kingkung::test::add_seller(db(), "Acme");
    auto other = kingkung::test::add_seller(db(), "Other seller");
    kingkung::test::add_shop_row(db(), seller, "shop-a");
    kingkung::test::add_shop_row(db(), seller, "shop-b");
    kingkung::test::add_shop_row(db(), other, "shop-z");
    // 21 orders in each of the seller's shops; create times repeat across and within shops (ties), totals
    // differ in the last decimal place.
    for (const char* shop : {"shop-a", "shop-b", "shop-z"}) {
      for (int i = 0; i < 21; ++i) {
        std::string id = std::string(shop == std::string("shop-b") ? "58" : "57") + std::to_string(1000 + i);
        if (shop == std::string("shop-z")) id = "59" + std::to_string(1000 + i);
        order o = sample_order(shop, id, cycle[i % 6], base_time + (i / 2) * (day / 3), base_time + 7 * day - i * 100);
        o.pay.total_amount = decimal::from_units(1000000 + (i % 7) * 1 + (i % 3) * 10000);
        o.buyer_user_id = "buyer-" + std::to_string(i % 5);
        o.buyer_email = "Buyer" + std::to_string(i % 5) + "@Example.com";
        o.recipient.name = i == 4 ? "O'Brien 100% _x_ \\ ;-- DROP" : "Recipient " + std::to_string(i);
        o.lines[0].sku_id = "sku-" + std::to_string(i % 4);
        o.lines[0].seller_sku = "MX-TEE-" + std::to_string(i % 4);
        all_.push_back(o);
      }
    }
    auto stored = kingkung::storage::order_repository(db()).upsert(all_);
    ASSERT_TRUE(stored.ok()) << stored.err().message;
  }

  order_filter seller_filter() const {
    order_filter f;
    f.shop_ids = {"shop-a", "shop-b"};
    return f;
  }

  std::vector<order> expected(const std::function<bool(const order&)>& keep) const {
    std::vector<order> out;
    for (const auto& o : all_)
      if (o.shop_id != "shop-z" && keep(o)) out.push_back(o);
    return out;
  }

  static std::set<std::string> ids(const std::vector<order>& orders) {
    std::set<std::string> out;
    for (const auto& o : orders) out.insert(o.shop_id + "/" + o.id);
    return out;
  }

  // Every page of the search, in order; fails the test on an error or a repeated row.
  std::vector<kingkung::storage::order_summary> all_pages(order_search_request request) {
    std::vector<kingkung::storage::order_summary> out;
    std::set<std::string> seen;
    for (int pages = 0; pages < 100; ++pages) {
      auto page = order_search(db()).find(request);
      EXPECT_TRUE(page.ok()) << page.err().message;
      if (!page.ok()) return out;
      for (auto& s : page->orders) {
        EXPECT_TRUE(seen.insert(s.shop_id + "/" + s.id).second) << "visited twice: " << s.id;
        out.push_back(s);
      }
      if (page->next_cursor.empty()) return out;
      request.cursor = page->next_cursor;
    }
    ADD_FAILURE() << "paging did not end";
    return out;
  }

  std::set<std::string> found(const order_filter& f) {
    order_search_request r;
    r.filter = f;
    r.limit = 7;
    std::set<std::string> out;
    for (const auto& s : all_pages(r)) out.insert(s.shop_id + "/" + s.id);
    return out;
  }

  std::vector<order> all_;
};

TEST_P(StorageOrderSearch, PagingVisitsEveryOrderOnceInEverySortOrder) {
  auto want = ids(expected([](const order&) { return true; }));
  for (auto sort : {order_sort::create_time_desc, order_sort::create_time_asc, order_sort::update_time_desc,
                    order_sort::total_desc}) {
    order_search_request r;
    r.filter = seller_filter();
    r.sort = sort;
    r.limit = 4;
    auto rows = all_pages(r);
    std::set<std::string> got;
    for (const auto& s : rows) got.insert(s.shop_id + "/" + s.id);
    EXPECT_EQ(got, want) << to_string(sort);
    EXPECT_EQ(rows.size(), want.size()) << to_string(sort);
  }
}

TEST_P(StorageOrderSearch, EachSortOrdersByItsKeyThenShopThenId) {
  auto key = [](order_sort sort, const kingkung::storage::order_summary& s) {
    switch (sort) {
      case order_sort::create_time_desc:
      case order_sort::create_time_asc: return s.create_time;
      case order_sort::update_time_desc: return s.update_time;
      case order_sort::total_desc: return s.total.units();
    }
    return std::int64_t{0};
  };
  for (auto sort : {order_sort::create_time_desc, order_sort::create_time_asc, order_sort::update_time_desc,
                    order_sort::total_desc}) {
    order_search_request r;
    r.filter = seller_filter();
    r.sort = sort;
    r.limit = 5;
    auto rows = all_pages(r);
    ASSERT_EQ(rows.size(), 42u);
    bool ascending = sort == order_sort::create_time_asc;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      auto a = std::make_tuple(key(sort, rows[i - 1]), rows[i - 1].shop_id, rows[i - 1].id);
      auto b = std::make_tuple(key(sort, rows[i]), rows[i].shop_id, rows[i].id);
      EXPECT_TRUE(ascending ? a < b : b < a) << to_string(sort) << " at row " << i;
    }
  }
}

TEST_P(StorageOrderSearch, OnlyTheListedShopsAreSearched) {
  order_filter f;
  f.shop_ids = {"shop-b"};
  auto want = ids(expected([](const order& o) { return o.shop_id == "shop-b"; }));
  EXPECT_EQ(found(f), want);
  f.shop_ids = {};
  EXPECT_TRUE(found(f).empty());
}

TEST_P(StorageOrderSearch, StatusFilterKeepsOnlyThatStatus) {
  auto f = seller_filter();
  f.status = order_status::awaiting_shipment;
  auto want = ids(expected([](const order& o) { return o.status == order_status::awaiting_shipment; }));
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(found(f), want);
}

TEST_P(StorageOrderSearch, CreateTimeRangeIncludesFromAndExcludesTo) {
  auto f = seller_filter();
  f.created_from = base_time + day / 3;
  f.created_to = base_time + 2 * day;
  auto want = ids(expected(
      [&](const order& o) { return o.create_time >= *f.created_from && o.create_time < *f.created_to; }));
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(found(f), want);
}

TEST_P(StorageOrderSearch, QueryMatchesAnOrderIdExactlyOrByPrefix) {
  auto f = seller_filter();
  f.query = "581001";
  EXPECT_EQ(found(f), std::set<std::string>{"shop-b/581001"});
  f.query = "58100";
  auto want = ids(expected([](const order& o) { return o.id.rfind("58100", 0) == 0; }));
  EXPECT_EQ(want.size(), 10u);
  EXPECT_EQ(found(f), want);
}

TEST_P(StorageOrderSearch, QueryMatchesBuyerEmailOrRecipientNameAsSubstring) {
  auto f = seller_filter();
  f.query = "buyer3@example";  // the stored email is mixed case
  auto want = ids(expected([](const order& o) { return o.buyer_email == "Buyer3@Example.com"; }));
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(found(f), want);
  f.query = "recipient 17";
  EXPECT_EQ(found(f), ids(expected([](const order& o) { return o.recipient.name == "Recipient 17"; })));
  f.query = "Recipient 1";  // a word begun: Recipient 1, 10 to 19
  EXPECT_EQ(found(f),
            ids(expected([](const order& o) { return o.recipient.name.rfind("Recipient 1", 0) == 0; })));
}

TEST_P(StorageOrderSearch, QueryMatchesTheMiddleOfAWordOnSqliteAndWordBeginningsOnMariaDb) {
  auto f = seller_filter();
  f.query = "uyer3@exam";
  auto inside = found(f);
  if (is_sqlite())
    EXPECT_EQ(inside, ids(expected([](const order& o) { return o.buyer_email == "Buyer3@Example.com"; })));
  else
    EXPECT_TRUE(inside.empty());
}

TEST_P(StorageOrderSearch, QueryMatchesTheBuyerUserIdExactlyOnly) {
  auto f = seller_filter();
  f.query = "buyer-2";
  auto want = ids(expected([](const order& o) { return o.buyer_user_id == "buyer-2"; }));
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(found(f), want);
  f.query = "er-2";  // part of a buyer user id is not a match
  EXPECT_TRUE(found(f).empty());
}

TEST_P(StorageOrderSearch, QueryMatchesSkuIdExactlyAndSellerSkuExactlyOrByPrefix) {
  auto f = seller_filter();
  f.query = "sku-3";
  auto want = ids(expected([](const order& o) { return o.lines[0].sku_id == "sku-3"; }));
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(found(f), want);
  f.query = "sku-";  // a SKU id prefix is not a match
  EXPECT_TRUE(found(f).empty());
  f.query = "MX-TEE-1";
  EXPECT_EQ(found(f), ids(expected([](const order& o) { return o.lines[0].seller_sku == "MX-TEE-1"; })));
  f.query = "MX-TEE";
  EXPECT_EQ(found(f),
            ids(expected([](const order& o) { return o.lines[0].seller_sku.rfind("MX-TEE", 0) == 0; })));
  f.query = "TEE-1";  // the middle of a seller SKU is not a match
  EXPECT_TRUE(found(f).empty());
}

TEST_P(StorageOrderSearch, ARenamedRecipientIsFoundByTheNewNameOnly) {
  order renamed = all_[7];  // shop-a, "Recipient 7"
  renamed.recipient.name = "Zuzanna Kowalska";
  renamed.buyer_email = "zk@example.org";
  renamed.update_time += 1000;
  renamed.raw_json += " ";
  ASSERT_TRUE(kingkung::storage::order_repository(db()).upsert({renamed}).ok());
  auto f = seller_filter();
  f.query = "kowalska";
  EXPECT_EQ(found(f), std::set<std::string>{"shop-a/" + renamed.id});
  f.query = "zk@example";
  EXPECT_EQ(found(f), std::set<std::string>{"shop-a/" + renamed.id});
  f.shop_ids = {"shop-a"};  // shop-b has a "Recipient 7" of its own
  f.query = "Recipient 7";
  EXPECT_TRUE(found(f).empty());
}

TEST_P(StorageOrderSearch, CountsUnderAQueryCountWhatTheSearchFinds) {
  for (const char* q : {"buyer3@example", "MX-TEE-2", "5710", "buyer-4", "_"}) {
    auto f = seller_filter();
    f.query = q;
    auto counts = order_search(db()).count_by_status(f);
    ASSERT_TRUE(counts.ok()) << counts.err().message;
    order_search_request r;
    r.filter = f;
    r.limit = 7;
    std::map<std::string, std::int64_t> want;
    for (const auto& s : all_pages(r)) {
      ++want[std::string(kingkung::domain::to_string(s.status))];
      ++want["all"];
    }
    ASSERT_GT(want["all"], 0) << q;
    for (const auto& [name, n] : *counts) EXPECT_EQ(n, want[name]) << q << " " << name;
  }
}

TEST_P(StorageOrderSearch, SqlMetacharactersInTheQueryMatchOnlyLiterally) {
  auto with_name = ids(expected([](const order& o) { return o.recipient.name.find('\'') != std::string::npos; }));
  ASSERT_EQ(with_name.size(), 2u);
  for (const char* q : {"'", "%", "_", ";--", "\\", "100%", "_x_", "O'Brien"}) {
    auto f = seller_filter();
    f.query = q;
    EXPECT_EQ(found(f), with_name) << q;
  }
  for (const char* q : {"' OR '1'='1", "%%", "a_c", "'; DROP TABLE orders;--", "\\'"}) {
    auto f = seller_filter();
    f.query = q;
    EXPECT_TRUE(found(f).empty()) << q;
  }
  auto f = seller_filter();
  EXPECT_EQ(found(f).size(), 42u);  // the table is intact
}

TEST_P(StorageOrderSearch, MetacharactersInShopIdsAndTimesAreHarmless) {
  order_filter f;
  f.shop_ids = {"shop-a' OR '1'='1", "%", "_", ";--", "\\"};
  EXPECT_TRUE(found(f).empty());
  auto counts = order_search(db()).count_by_status(f);
  ASSERT_TRUE(counts.ok()) << counts.err().message;
  EXPECT_EQ(counts->at("all"), 0);
}

TEST_P(StorageOrderSearch, CountsPerStatusFollowTheFiltersExceptStatus) {
  auto f = seller_filter();
  f.status = order_status::completed;  // ignored by the counts
  f.created_from = base_time + day;
  auto counts = order_search(db()).count_by_status(f);
  ASSERT_TRUE(counts.ok()) << counts.err().message;
  std::map<std::string, std::int64_t> want;
  for (const auto& o : expected([&](const order& o) { return o.create_time >= *f.created_from; })) {
    ++want[std::string(kingkung::domain::to_string(o.status))];
    ++want["all"];
  }
  for (auto name : kingkung::storage::platform_order_statuses()) {
    auto it = want.find(std::string(name));
    EXPECT_EQ(counts->at(std::string(name)), it == want.end() ? 0 : it->second) << name;
  }
  EXPECT_EQ(counts->at("all"), want["all"]);
  EXPECT_EQ(counts->size(), 10u);
}

TEST_P(StorageOrderSearch, SummariesCarryTheFirstItemAndTheItemCount) {
  order_search_request r;
  r.filter = seller_filter();
  r.filter.query = "571004";
  auto page = order_search(db()).find(r);
  ASSERT_TRUE(page.ok()) << page.err().message;
  ASSERT_EQ(page->orders.size(), 1u);
  const auto& s = page->orders.front();
  const auto& o = all_[4];
  EXPECT_EQ(s.items, 2);
  ASSERT_TRUE(s.first_item.has_value());
  EXPECT_EQ(s.first_item->sku_id, o.lines[0].sku_id);
  EXPECT_EQ(s.first_item->seller_sku, o.lines[0].seller_sku);
  EXPECT_EQ(s.first_item->product_name, o.lines[0].product_name);
  EXPECT_EQ(s.buyer_name, o.recipient.name);
  EXPECT_EQ(s.total, o.pay.total_amount);
  EXPECT_EQ(s.currency, "MXN");
}

TEST_P(StorageOrderSearch, AMalformedOrAlteredCursorIsRefusedNamingTheCursor) {
  order_search_request r;
  r.filter = seller_filter();
  r.limit = 3;
  auto first = order_search(db()).find(r);
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->next_cursor.empty());
  for (std::string bad : {std::string("zz"), std::string("1234"), first->next_cursor + "00",
                          first->next_cursor.substr(0, first->next_cursor.size() - 2) + "ff"}) {
    r.cursor = bad;
    auto page = order_search(db()).find(r);
    ASSERT_FALSE(page.ok()) << bad;
    EXPECT_EQ(page.err().code, errc::invalid_argument);
    EXPECT_NE(page.err().message.find("cursor"), std::string::npos) << page.err().message;
  }
}

TEST_P(StorageOrderSearch, ACursorFromAnotherSearchIsRefused) {
  order_search_request r;
  r.filter = seller_filter();
  r.limit = 3;
  auto first = order_search(db()).find(r);
  ASSERT_TRUE(first.ok());
  r.cursor = first->next_cursor;
  r.sort = order_sort::total_desc;
  auto other_sort = order_search(db()).find(r);
  ASSERT_FALSE(other_sort.ok());
  EXPECT_NE(other_sort.err().message.find("another search"), std::string::npos) << other_sort.err().message;
  r.sort = order_sort::create_time_desc;
  r.filter.status = order_status::unpaid;
  EXPECT_FALSE(order_search(db()).find(r).ok());
}

TEST_P(StorageOrderSearch, TimelineListsStatusChangesOldestFirst) {
  order later = all_[0];
  later.status = order_status::in_transit;
  later.status_text = "IN_TRANSIT";
  later.update_time += 5000;
  later.raw_json += " ";
  ASSERT_TRUE(kingkung::storage::order_repository(db()).upsert({later}).ok());
  auto t = order_search(db()).timeline("shop-a", later.id);
  ASSERT_TRUE(t.ok()) << t.err().message;
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ((*t)[0].from_status, "");
  EXPECT_EQ((*t)[0].to_status, "AWAITING_SHIPMENT");
  EXPECT_EQ((*t)[1].from_status, "AWAITING_SHIPMENT");
  EXPECT_EQ((*t)[1].to_status, "IN_TRANSIT");
  EXPECT_EQ((*t)[1].at, later.update_time);
}

TEST_P(StorageOrderSearch, LinesOfReturnsEachOrdersLinesInOrder) {
  auto lines = order_search(db()).lines_of("shop-a", {"571000", "571001", "591000"});
  ASSERT_TRUE(lines.ok()) << lines.err().message;
  EXPECT_EQ(lines->size(), 2u);  // 591000 is shop-z's
  ASSERT_EQ(lines->at("571001").size(), 2u);
  EXPECT_EQ(lines->at("571001")[0].id, "571001-1");
  EXPECT_EQ(lines->at("571001")[0].sale_price, money("99.95"));
  EXPECT_EQ(lines->at("571001")[1].id, "571001-2");
}

TEST_P(StorageOrderSearch, DailyStatsSumTheOrdersOfEachUtcDayExactly) {
  auto now = base_time + 10 * day;
  auto stats = order_stats(db()).daily({"shop-a", "shop-b"}, 30, now);
  ASSERT_TRUE(stats.ok()) << stats.err().message;
  std::map<std::pair<std::int64_t, std::string>, std::pair<std::int64_t, decimal>> want;
  for (const auto& o : expected([](const order&) { return true; })) {
    auto& w = want[{o.create_time - o.create_time % day, o.shop_id}];
    ++w.first;
    if (o.status != order_status::unpaid && o.status != order_status::cancelled) w.second += o.pay.total_amount;
  }
  std::map<std::pair<std::int64_t, std::string>, std::pair<std::int64_t, decimal>> got;
  for (const auto& row : *stats) {
    EXPECT_EQ(row.currency, "MXN");
    got[{row.day_start, row.shop_id}] = {row.orders, row.revenue};
  }
  EXPECT_EQ(got, want);
}

TEST_P(StorageOrderSearch, DailyStatsCoverOnlyTheRequestedDays) {
  auto now = base_time + 10 * day;
  auto stats = order_stats(db()).daily({"shop-a"}, 8, now);  // days base+3 .. base+10
  ASSERT_TRUE(stats.ok()) << stats.err().message;
  auto first_day = now - now % day - 7 * day;
  std::int64_t orders = 0;
  for (const auto& row : *stats) {
    EXPECT_GE(row.day_start, first_day);
    orders += row.orders;
  }
  auto want = expected([&](const order& o) { return o.shop_id == "shop-a" && o.create_time >= first_day; });
  EXPECT_EQ(orders, static_cast<std::int64_t>(want.size()));
  EXPECT_FALSE(order_stats(db()).daily({"shop-a"}, 0, now).ok());
}

TEST_P(StorageOrderSearch, UtcDateNamesTheCalendarDay) {
  EXPECT_EQ(kingkung::storage::utc_date(base_time), "2025-11-24");
  EXPECT_EQ(kingkung::storage::utc_date(0), "1970-01-01");
}

TEST_P(StorageOrderSearch, ListingAndFiltersReadAnIndexInOrderWithoutSorting) {
  struct probe {
    order_sort sort;
    std::optional<order_status> status;
    const char* sqlite_index;
  };
  const probe probes[] = {
      {order_sort::create_time_desc, std::nullopt, "orders_by_shop_created"},
      {order_sort::create_time_asc, std::nullopt, "orders_by_shop_created"},
      {order_sort::create_time_desc, order_status::awaiting_shipment, "orders_by_shop_status_created"},
      {order_sort::update_time_desc, std::nullopt, "orders_by_shop_updated_id"},
      {order_sort::total_desc, std::nullopt, "orders_by_shop_total"},
      {order_sort::total_desc, order_status::completed, "orders_by_shop_status_total"},
  };
  for (const auto& p : probes) {
    order_search_request r;
    r.filter = seller_filter();
    r.filter.status = p.status;
    r.sort = p.sort;
    auto plan = order_search(db()).plan(r);
    ASSERT_TRUE(plan.ok()) << plan.err().message;
    std::string text;
    for (const auto& line : *plan) text += line + "\n";
    EXPECT_EQ(text.find("TEMP B-TREE"), std::string::npos) << to_string(p.sort) << ":\n" << text;
    EXPECT_EQ(text.find("filesort"), std::string::npos) << to_string(p.sort) << ":\n" << text;
    // MariaDB picks among usable indexes by cost, which on a table this small says little.
    if (is_sqlite()) {
      EXPECT_NE(text.find(p.sqlite_index), std::string::npos) << to_string(p.sort) << ":\n" << text;
    }
  }
}

TEST_P(StorageOrderSearch, EachKindOfQueryIsAnIndexLookupNotAReadOfTheShop) {
  // An order id, its prefix, a buyer user id, a SKU id, a seller SKU prefix, part of an email or name.
  for (const char* q : {"571004", "5710", "buyer-2", "sku-3", "MX-TEE", "buyer3@example", "Recipient 17"}) {
    for (auto status : {std::optional<order_status>(), std::optional<order_status>(order_status::unpaid)}) {
      order_search_request r;
      r.filter = seller_filter();
      r.filter.query = q;
      r.filter.status = status;
      auto plan = order_search(db()).plan(r);
      ASSERT_TRUE(plan.ok()) << plan.err().message;
      std::string text;
      for (const auto& line : *plan) text += line + "\n";
      for (const auto& line : *plan) {
        if (is_sqlite()) {
          // "SCAN orders" reads the table; "SEARCH orders ... (shop_id=?)" reads a whole shop.
          bool reads_orders =
              line.find(" orders") != std::string::npos || line.find(" order_lines") != std::string::npos;
          if (!reads_orders) continue;
          EXPECT_EQ(line.rfind("SEARCH", 0), 0u) << q << ":\n" << text;
          EXPECT_EQ(line.find("(shop_id=?)"), std::string::npos) << q << ":\n" << text;
        } else {
          bool reads_orders = line.rfind("table orders ", 0) == 0 || line.rfind("table order_lines ", 0) == 0;
          if (!reads_orders) continue;
          EXPECT_EQ(line.find(" type ALL "), std::string::npos) << q << ":\n" << text;
          EXPECT_EQ(line.find(" type index "), std::string::npos) << q << ":\n" << text;
          EXPECT_EQ(line.find(" key  "), std::string::npos) << q << ":\n" << text;
        }
      }
    }
  }
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageOrderSearch);

}  // namespace
