// A search text of digits only is an id: it finds order ids (exactly or by their beginning) and buyer
// user ids, but not digits inside emails or names (docs/api/orders.md), on both backends.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/order_search.hpp"
#include "storage_test_data.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::domain::order_status;

class StorageOrderPageSearch : public kingkung::test::database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    if (HasFatalFailure()) return;
    auto seller = kingkung::test::add_seller(db(), "Acme");
    kingkung::test::add_shop_row(db(), seller, "shop-a");
    auto by_id = kingkung::test::sample_order("shop-a", "5767012345", order_status::awaiting_shipment, 1764000000,
                                              1764000100);
    by_id.buyer_email = "plain@example.com";
    by_id.recipient.name = "Ana Lima";
    auto by_text = kingkung::test::sample_order("shop-a", "5800000001", order_status::awaiting_shipment,
                                                1764000000, 1764000100);
    by_text.buyer_email = "buyer5767@example.com";
    by_text.recipient.name = "Room 5767 Desk";
    by_text.buyer_user_id = "777000";
    auto stored = kingkung::storage::order_repository(db()).upsert({by_id, by_text});
    ASSERT_TRUE(stored.ok()) << stored.err().message;
  }

  std::set<std::string> found(const std::string& q) {
    kingkung::storage::order_search_request r;
    r.filter.shop_ids = {"shop-a"};
    r.filter.query = q;
    auto page = kingkung::storage::order_search(db()).find(r);
    EXPECT_TRUE(page.ok()) << page.err().message;
    std::set<std::string> out;
    if (page.ok())
      for (const auto& o : page->orders) out.insert(o.id);
    return out;
  }
};

TEST_P(StorageOrderPageSearch, DigitsOnlyFindOrderIdsByTheirBeginningButNotDigitsInEmailsOrNames) {
  EXPECT_EQ(found("5767"), (std::set<std::string>{"5767012345"}));
  EXPECT_EQ(found("5767012345"), (std::set<std::string>{"5767012345"}));
}

TEST_P(StorageOrderPageSearch, DigitsOnlyFindABuyerUserIdExactly) {
  EXPECT_EQ(found("777000"), (std::set<std::string>{"5800000001"}));
}

TEST_P(StorageOrderPageSearch, TextWithLettersStillSearchesEmails) {
  EXPECT_EQ(found("buyer5767"), (std::set<std::string>{"5800000001"}));
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageOrderPageSearch);

}  // namespace
