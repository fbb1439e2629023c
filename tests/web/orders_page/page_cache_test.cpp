// The first-page cache of the orders list: bounded, keyed by seller and query, served only under the same
// fingerprint; and through the API, never stale after a write from this host or another connection pool
// (another process), a shop renamed or removed, and never shared between sellers.
#include <gtest/gtest.h>

#include "../orders/orders_fixture.hpp"
#include "api/orders/order_page_cache.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/shop_lifecycle_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"

namespace {

using kingkung::web::orders::order_page_cache;

TEST(WebOrdersPageCache, ServesABodyOnlyUnderTheFingerprintItWasStoredWith) {
  order_page_cache cache;
  cache.store(1, "q", "marks-1", "body-1");
  EXPECT_EQ(cache.find(1, "q", "marks-1"), std::optional<std::string>("body-1"));
  EXPECT_EQ(cache.find(1, "q", "marks-2"), std::nullopt);
}

TEST(WebOrdersPageCache, KeepsSellersApartForTheSameQuery) {
  order_page_cache cache;
  cache.store(1, "q", "f", "seller one");
  EXPECT_EQ(cache.find(2, "q", "f"), std::nullopt);
  cache.store(2, "q", "f", "seller two");
  EXPECT_EQ(cache.find(1, "q", "f"), std::optional<std::string>("seller one"));
  EXPECT_EQ(cache.find(2, "q", "f"), std::optional<std::string>("seller two"));
}

TEST(WebOrdersPageCache, DropsTheLeastRecentlyUsedBeyondItsEntryLimit) {
  order_page_cache cache({.max_entries = 2, .max_bytes = 1 << 20});
  cache.store(1, "a", "f", "A");
  cache.store(1, "b", "f", "B");
  ASSERT_TRUE(cache.find(1, "a", "f"));  // a is now the most recent
  cache.store(1, "c", "f", "C");
  EXPECT_EQ(cache.entries(), 2u);
  EXPECT_TRUE(cache.find(1, "a", "f"));
  EXPECT_FALSE(cache.find(1, "b", "f"));
  EXPECT_TRUE(cache.find(1, "c", "f"));
}

TEST(WebOrdersPageCache, StaysWithinItsByteLimit) {
  order_page_cache cache({.max_entries = 100, .max_bytes = 1000});
  for (int i = 0; i < 20; ++i) cache.store(1, "q" + std::to_string(i), "f", std::string(300, 'x'));
  EXPECT_LE(cache.bytes(), 1000u);
  EXPECT_GE(cache.entries(), 1u);
  cache.store(1, "huge", "f", std::string(2000, 'x'));
  EXPECT_FALSE(cache.find(1, "huge", "f"));
  EXPECT_LE(cache.bytes(), 1000u);
}

TEST(WebOrdersPageCache, ReplacesAnEntryStoredAgain) {
  order_page_cache cache;
  cache.store(1, "q", "f1", "old");
  cache.store(1, "q", "f2", "new");
  EXPECT_EQ(cache.entries(), 1u);
  EXPECT_EQ(cache.find(1, "q", "f2"), std::optional<std::string>("new"));
  EXPECT_EQ(cache.bytes(), std::string("1\nq").size() + 2 + 3);
}

TEST(WebOrdersPageCache, PagesAfterTheFirstHaveNoCacheQuery) {
  kingkung::storage::order_search_request r;
  r.filter.shop_ids = {"b", "a"};
  EXPECT_FALSE(kingkung::web::orders::first_page_query(r).empty());
  auto same = r;
  same.filter.shop_ids = {"a", "b"};
  EXPECT_EQ(kingkung::web::orders::first_page_query(r), kingkung::web::orders::first_page_query(same));
  auto other = r;
  other.limit = 20;
  EXPECT_NE(kingkung::web::orders::first_page_query(r), kingkung::web::orders::first_page_query(other));
  r.cursor = "abc";
  EXPECT_TRUE(kingkung::web::orders::first_page_query(r).empty());
}

}  // namespace

namespace kingkung::web_test {
namespace {

class WebOrdersPageCacheApi : public orders_suite {
 protected:
  // The MX shop's first order as listed, changed so that the list must show the change.
  static domain::order changed_order(std::string_view shop_id, std::string_view id, const std::string& name) {
    auto stored = storage::order_repository(app().runtime().database()).get(shop_id, id);
    if (!stored || !*stored) throw std::runtime_error("the order is not stored");
    auto o = **stored;
    o.recipient.name = name;
    o.update_time += 1;  // the platform's newer version of the order
    return o;
  }

  static std::string first_buyer_name(const boost::json::value& body, std::string_view id) {
    for (const auto& o : body.at("orders").as_array())
      if (o.at("id").as_string() == id) return std::string(o.at("buyer").at("name").as_string());
    return "(not listed)";
  }

  std::string first_id(const std::string& target) {
    auto body = web_client::json(client().get(target));
    return std::string(body.at("orders").at(0).at("id").as_string());
  }
};

TEST_F(WebOrdersPageCacheApi, RepeatedFirstPageIsByteIdentical) {
  auto first = client().get("/api/v1/orders?page_size=10");
  auto again = client().get("/api/v1/orders?page_size=10");
  ASSERT_EQ(first.result_int(), 200);
  EXPECT_EQ(first.body(), again.body());
}

TEST_F(WebOrdersPageCacheApi, AnOrderWrittenByThisHostShowsOnTheNextRequest) {
  const std::string target = "/api/v1/orders?shop_id=" + std::string(mx_shop_id) + "&page_size=5";
  auto id = first_id(target);
  (void)client().get(target);  // stored
  auto o = changed_order(mx_shop_id, id, "Renamed Buyer One");
  ASSERT_TRUE(storage::order_repository(app().runtime().database()).upsert({o}).ok());
  auto body = web_client::json(client().get(target));
  EXPECT_EQ(first_buyer_name(body, id), "Renamed Buyer One");
}

TEST_F(WebOrdersPageCacheApi, AnOrderWrittenThroughAnotherConnectionPoolShowsOnTheNextRequest) {
  const std::string target = "/api/v1/orders?shop_id=" + std::string(mx_shop_id) + "&page_size=5";
  auto id = first_id(target);
  (void)client().get(target);
  // Another process: its own pool of connections to the same database file.
  auto url = storage::database_url::parse("sqlite3:" + (app().dir() / "data" / "kingkung.db").string());
  ASSERT_TRUE(url.ok()) << url.err().message;
  auto other = storage::database::open(*url, 1);
  ASSERT_TRUE(other.ok()) << other.err().message;
  auto o = changed_order(mx_shop_id, id, "Written Elsewhere");
  auto stored = storage::order_repository(**other).upsert({o});
  ASSERT_TRUE(stored.ok()) << stored.err().message;
  auto body = web_client::json(client().get(target));
  EXPECT_EQ(first_buyer_name(body, id), "Written Elsewhere");
}

TEST_F(WebOrdersPageCacheApi, ARenamedShopShowsItsNewName) {
  const std::string target = "/api/v1/orders?shop_id=" + std::string(br_shop_id) + "&page_size=3";
  (void)client().get(target);
  storage::shop_repository shops(app().runtime().database(), app().runtime().vault());
  auto shop = shops.get(br_shop_id);
  ASSERT_TRUE(shop.ok() && *shop);
  auto renamed = **shop;
  renamed.name = "Loja Renomeada";
  ASSERT_TRUE(shops.upsert(renamed).ok());
  auto body = web_client::json(client().get(target));
  ASSERT_FALSE(body.at("orders").as_array().empty());
  EXPECT_EQ(body.at("orders").at(0).at("shop_name").as_string(), "Loja Renomeada");
}

TEST_F(WebOrdersPageCacheApi, AnotherSellerAskingTheSameQueryGetsOnlyItsOwnOrders) {
  auto mine = web_client::json(client().get("/api/v1/orders?page_size=50"));
  ASSERT_FALSE(mine.at("orders").as_array().empty());
  auto other = second_seller_client();
  auto r = other->get("/api/v1/orders?page_size=50");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto theirs = web_client::json(r);
  EXPECT_TRUE(theirs.at("orders").as_array().empty()) << r.body();
  EXPECT_EQ(theirs.at("counts").at("all").as_int64(), 0);
}

// Defined last, so it runs last: it removes the US shop from the suite's host.
TEST_F(WebOrdersPageCacheApi, APurgedShopLeavesTheList) {
  auto before = web_client::json(client().get("/api/v1/orders?page_size=200"));
  auto listed_us = [](const boost::json::value& body) {
    int n = 0;
    for (const auto& o : body.at("orders").as_array()) n += o.at("shop_id").as_string() == us_shop_id ? 1 : 0;
    return n;
  };
  ASSERT_GT(listed_us(before), 0);
  auto& db = app().runtime().database();
  ASSERT_TRUE(storage::shop_repository(db, app().runtime().vault()).mark_disconnected(us_shop_id, 1).ok());
  auto purged = storage::shop_lifecycle_repository(db).purge_shop(us_shop_id, 2);
  ASSERT_TRUE(purged.ok()) << purged.err().message;
  ASSERT_EQ(purged->shops, 1u);
  auto after = web_client::json(client().get("/api/v1/orders?page_size=200"));
  EXPECT_EQ(listed_us(after), 0);
  EXPECT_EQ(after.at("counts").at("all").as_int64(),
            before.at("counts").at("all").as_int64() - listed_us(before));
}

}  // namespace
}  // namespace kingkung::web_test
