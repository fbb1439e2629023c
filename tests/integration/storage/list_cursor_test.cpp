// The keyset cursors the lists share (orders, products, API call log): paging with them visits every row
// once, and a cursor that was altered or is reused with other filters is refused naming the cursor.
// Shown here on the API call log; the orders search has its own cases in order_search_test.cpp.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "kingkung/storage/api_log_reader.hpp"
#include "kingkung/storage/api_log_repository.hpp"
#include "storage_test_data.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::plugin::errc;
using kingkung::storage::api_call_entry;
using kingkung::storage::api_log_page_request;
using kingkung::storage::api_log_reader;

class StorageListCursors : public kingkung::test::database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    if (HasFatalFailure()) return;
    seller_ = kingkung::test::add_seller(db(), "Acme");
    kingkung::test::add_shop_row(db(), seller_, "shop-a");
    kingkung::test::add_shop_row(db(), seller_, "shop-b");
    kingkung::storage::api_log_repository log(db());
    for (int i = 0; i < 9; ++i) {
      api_call_entry e;
      e.shop_id = i % 3 == 0 ? "shop-b" : "shop-a";
      e.method = "GET";
      e.path = "/order/202309/orders/search";
      e.http_status = 200;
      e.at = 1764000000 + (i / 2) * 10;  // times repeat: the id breaks ties
      ASSERT_TRUE(log.append(e).ok());
    }
  }

  api_log_page_request first_page() const {
    api_log_page_request r;
    r.seller_id = seller_;
    r.limit = 2;
    return r;
  }

  std::int64_t seller_ = 0;
};

TEST_P(StorageListCursors, PagingVisitsEveryCallOnce) {
  auto r = first_page();
  std::set<std::int64_t> seen;
  for (int pages = 0; pages < 20; ++pages) {
    auto page = api_log_reader(db()).page_by_seller(r);
    ASSERT_TRUE(page.ok()) << page.err().message;
    for (const auto& c : page->calls) EXPECT_TRUE(seen.insert(c.id).second) << "visited twice: " << c.id;
    if (page->next_cursor.empty()) break;
    r.cursor = page->next_cursor;
  }
  EXPECT_EQ(seen.size(), 9u);
}

TEST_P(StorageListCursors, AnAlteredCursorIsRefusedNamingTheCursor) {
  auto r = first_page();
  auto page = api_log_reader(db()).page_by_seller(r);
  ASSERT_TRUE(page.ok());
  ASSERT_FALSE(page->next_cursor.empty());
  const auto& good = page->next_cursor;
  for (std::string bad : {std::string("1764000000:5"), std::string("zz"), good + "00",
                          good.substr(0, good.size() - 2) + "ff"}) {
    r.cursor = bad;
    auto refused = api_log_reader(db()).page_by_seller(r);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.err().code, errc::invalid_argument);
    EXPECT_NE(refused.err().message.find("cursor"), std::string::npos) << refused.err().message;
  }
}

TEST_P(StorageListCursors, ACursorReusedWithAnotherShopFilterIsRefused) {
  auto r = first_page();
  auto page = api_log_reader(db()).page_by_seller(r);
  ASSERT_TRUE(page.ok());
  r.cursor = page->next_cursor;
  r.shop_id = "shop-a";
  auto refused = api_log_reader(db()).page_by_seller(r);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.err().message.find("another search"), std::string::npos) << refused.err().message;
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageListCursors);

}  // namespace
