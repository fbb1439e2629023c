// The audit log and the API call log on both backends.
#include <gtest/gtest.h>

#include "kingkung/storage/api_log_repository.hpp"
#include "kingkung/storage/audit_repository.hpp"
#include "storage_test_data.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::plugin::errc;
using kingkung::storage::api_call_entry;
using kingkung::storage::api_log_repository;
using kingkung::storage::audit_entry;
using kingkung::storage::audit_repository;

class StorageAudit : public kingkung::test::database_test {};

TEST_P(StorageAudit, AppendThenListNewestFirst) {
  audit_repository audit(db());
  auto first = audit.append({0, 1, 7, "user.add", "ana@acme.mx", "role=staff", 1700000000});
  auto second = audit.append({0, 1, 7, "shop.disconnect", "7000", "", 1700000100});
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_GT(*second, *first);
  auto list = audit.list_by_seller(1);
  ASSERT_TRUE(list.ok()) << list.err().message;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].action, "shop.disconnect");
  EXPECT_EQ((*list)[0].id, *second);
  EXPECT_EQ((*list)[1].action, "user.add");
  EXPECT_EQ((*list)[1].target, "ana@acme.mx");
  EXPECT_EQ((*list)[1].detail, "role=staff");
  EXPECT_EQ((*list)[1].user_id, 7);
  EXPECT_EQ((*list)[1].at, 1700000000);
}

TEST_P(StorageAudit, ListingIsPerSeller) {
  audit_repository audit(db());
  ASSERT_TRUE(audit.append({0, 1, 0, "a", "", "", 0}).ok());
  ASSERT_TRUE(audit.append({0, 2, 0, "b", "", "", 0}).ok());
  auto list = audit.list_by_seller(2);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().action, "b");
  EXPECT_GT(list->front().at, 1600000000);  // 0 means now
}

TEST_P(StorageAudit, BeforeIdPagesBackwards) {
  audit_repository audit(db());
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(*audit.append({0, 1, 0, "act" + std::to_string(i), "", "", 0}));
  auto page1 = audit.list_by_seller(1, 2);
  ASSERT_TRUE(page1.ok());
  ASSERT_EQ(page1->size(), 2u);
  auto page2 = audit.list_by_seller(1, 2, page1->back().id);
  ASSERT_TRUE(page2.ok());
  ASSERT_EQ(page2->size(), 2u);
  EXPECT_EQ((*page2)[0].action, "act2");
  EXPECT_EQ((*page2)[1].action, "act1");
}

TEST_P(StorageAudit, AnEmptyActionIsRefused) {
  auto r = audit_repository(db()).append({0, 1, 0, "", "x", "", 0});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, errc::invalid_argument);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageAudit);

class StorageApiLog : public kingkung::test::database_test {
 protected:
  static api_call_entry call(std::string shop, std::string path, std::int64_t at) {
    api_call_entry e;
    e.shop_id = std::move(shop);
    e.method = "GET";
    e.path = std::move(path);
    e.http_status = 200;
    e.code = 0;
    e.message = "Success";
    e.request_id = "2023091112345678";
    e.duration_ms = 87;
    e.at = at;
    return e;
  }
};

TEST_P(StorageApiLog, AppendThenRecentByShopNewestFirst) {
  api_log_repository log(db());
  ASSERT_TRUE(log.append(call("shop-1", "/order/202309/orders", 100)).ok());
  auto failing = call("shop-1", "/product/202309/products/search", 200);
  failing.method = "POST";
  failing.http_status = 200;
  failing.code = 105002;
  failing.message = "Expired credentials";
  ASSERT_TRUE(log.append(failing).ok());
  ASSERT_TRUE(log.append(call("shop-2", "/other", 300)).ok());
  auto recent = log.recent_by_shop("shop-1", 10);
  ASSERT_TRUE(recent.ok()) << recent.err().message;
  ASSERT_EQ(recent->size(), 2u);
  const auto& e = (*recent)[0];
  EXPECT_EQ(e.method, "POST");
  EXPECT_EQ(e.path, "/product/202309/products/search");
  EXPECT_EQ(e.code, 105002);
  EXPECT_EQ(e.message, "Expired credentials");
  EXPECT_EQ(e.request_id, "2023091112345678");
  EXPECT_EQ(e.duration_ms, 87);
  EXPECT_EQ(e.at, 200);
  EXPECT_EQ((*recent)[1].at, 100);
}

TEST_P(StorageApiLog, AQueryStringIsNeverStored) {
  api_log_repository log(db());
  ASSERT_TRUE(
      log.append(call("shop-1", "/order/202309/orders?app_key=k&sign=abc&shop_cipher=SECRET", 1)).ok());
  auto recent = log.recent_by_shop("shop-1", 1);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ(recent->front().path, "/order/202309/orders");
}

TEST_P(StorageApiLog, RecentBySellerCoversEveryShopOfThatSellerOnly) {
  auto seller = kingkung::test::add_seller(db(), "Acme");
  auto other = kingkung::test::add_seller(db(), "Other");
  kingkung::test::add_shop_row(db(), seller, "shop-1");
  kingkung::test::add_shop_row(db(), seller, "shop-2");
  kingkung::test::add_shop_row(db(), other, "shop-9");
  api_log_repository log(db());
  ASSERT_TRUE(log.append(call("shop-1", "/a", 10)).ok());
  ASSERT_TRUE(log.append(call("shop-2", "/b", 20)).ok());
  ASSERT_TRUE(log.append(call("shop-9", "/c", 30)).ok());
  auto recent = log.recent_by_seller(seller, 10);
  ASSERT_TRUE(recent.ok()) << recent.err().message;
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ((*recent)[0].path, "/b");
  EXPECT_EQ((*recent)[1].path, "/a");
}

TEST_P(StorageApiLog, LimitKeepsTheNewest) {
  api_log_repository log(db());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(log.append(call("shop-1", "/p" + std::to_string(i), 100 + i)).ok());
  auto recent = log.recent_by_shop("shop-1", 2);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ((*recent)[0].path, "/p4");
  EXPECT_EQ((*recent)[1].path, "/p3");
}

TEST_P(StorageApiLog, ALongMessageIsCutNotRefused) {
  auto e = call("shop-1", "/x", 1);
  e.message = std::string(3000, 'm');
  ASSERT_TRUE(api_log_repository(db()).append(e).ok());
  EXPECT_EQ(api_log_repository(db()).recent_by_shop("shop-1", 1)->front().message.size(), 1000u);
}

TEST_P(StorageApiLog, AnOutOfRangeLimitIsRefused) {
  EXPECT_EQ(api_log_repository(db()).recent_by_shop("shop-1", 0).err().code, errc::invalid_argument);
  EXPECT_EQ(api_log_repository(db()).recent_by_seller(1, 1001).err().code, errc::invalid_argument);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageApiLog);

}  // namespace
