#include <gtest/gtest.h>
#include <soci/soci.h>

#include "kingkung/privacy/disconnect.hpp"
#include "kingkung/privacy/purge.hpp"
#include "kingkung/storage/audit_repository.hpp"
#include "kingkung/storage/token_repository.hpp"
#include "privacy_test_data.hpp"

namespace kingkung::privacy {
namespace {

using namespace privacy_test;

class PrivacyLifecycle : public test::database_test {
 protected:
  void SetUp() override {
    test::database_test::SetUp();
    if (HasFatalFailure()) return;
    seller_ = test::add_seller(db(), "Loja Um");
    other_seller_ = test::add_seller(db(), "Loja Dois");
    add_shop_with_buyer_data(db(), seller_, "shop-a", "A1");
    add_shop_with_buyer_data(db(), other_seller_, "shop-b", "B2");
  }

  std::string shop_state(const std::string& id) {
    std::string state;
    *db().acquire() << "SELECT state FROM shops WHERE id = :id", soci::into(state), soci::use(id);
    return state;
  }

  std::int64_t seller_ = 0;
  std::int64_t other_seller_ = 0;
  actor seller_user_{7, "owner@loja.example", "203.0.113.9"};
};

TEST_P(PrivacyLifecycle, DisconnectDeletesEveryTokenOfTheShopAtOnce) {
  auto r = disconnect(db(), "shop-a", seller_user_, t0);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->tokens_deleted, 2u);
  EXPECT_EQ(count_where(db(), "shop_tokens", "shop-a"), 0);
  EXPECT_EQ(count_where(db(), "shop_tokens", "shop-b"), 2);
}

TEST_P(PrivacyLifecycle, DisconnectMarksTheShopDisconnectedNow) {
  ASSERT_TRUE(disconnect(db(), "shop-a", seller_user_, t0).ok());
  EXPECT_EQ(shop_state("shop-a"), "disconnected");
  long long at = 0;
  *db().acquire() << "SELECT disconnected_at FROM shops WHERE id = 'shop-a'", soci::into(at);
  EXPECT_EQ(at, t0);
  EXPECT_EQ(shop_state("shop-b"), "connected");
}

TEST_P(PrivacyLifecycle, DisconnectCancelsPendingWriteBacks) {
  auto r = disconnect(db(), "shop-a", seller_user_, t0);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->write_backs_cancelled, 1u);
  std::string status, error;
  *db().acquire() << "SELECT status, last_error FROM write_back_queue WHERE shop_id = 'shop-a'", soci::into(status),
      soci::into(error);
  EXPECT_EQ(status, "failed");
  EXPECT_NE(error.find("disconnected"), std::string::npos) << error;
  *db().acquire() << "SELECT status FROM write_back_queue WHERE shop_id = 'shop-b'", soci::into(status);
  EXPECT_EQ(status, "pending");
}

TEST_P(PrivacyLifecycle, DisconnectAgainKeepsTheFirstDisconnectTime) {
  ASSERT_TRUE(disconnect(db(), "shop-a", seller_user_, t0).ok());
  auto again = disconnect(db(), "shop-a", seller_user_, t0 + 5 * day);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_disconnected);
  EXPECT_EQ(again->disconnected_at, t0);
}

TEST_P(PrivacyLifecycle, DisconnectIsAuditedWithWhoAndFromWhere) {
  ASSERT_TRUE(disconnect(db(), "shop-a", seller_user_, t0).ok());
  auto entries = storage::audit_repository(db()).list_by_seller(seller_);
  ASSERT_TRUE(entries.ok());
  ASSERT_FALSE(entries->empty());
  const auto& e = entries->front();
  EXPECT_EQ(e.action, "shop.disconnect");
  EXPECT_EQ(e.target, "shop-a");
  EXPECT_EQ(e.user_id, 7);
  EXPECT_EQ(e.at, t0);
  EXPECT_NE(e.detail.find("owner@loja.example"), std::string::npos) << e.detail;
  EXPECT_NE(e.detail.find("203.0.113.9"), std::string::npos) << e.detail;
}

TEST_P(PrivacyLifecycle, DisconnectOfAnUnknownShopStillDeletesStrayTokens) {
  ASSERT_TRUE(storage::token_repository(db()).put({"ghost", "access", sealed_token_marker, t0, t0}).ok());
  auto r = disconnect(db(), "ghost", actor::cli(), t0);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->shop_known);
  EXPECT_EQ(r->tokens_deleted, 1u);
}

TEST_P(PrivacyLifecycle, PurgeBeforeTheRetentionPeriodDeletesNothing) {
  ASSERT_TRUE(disconnect(db(), "shop-a", seller_user_, t0).ok());
  auto r = purge(db(), t0 + 30 * day - 1, 30);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_TRUE(r->shops.empty());
  EXPECT_EQ(count_where(db(), "orders", "shop-a"), 2);
  EXPECT_EQ(where_text_appears(db(), markers_for("A1").name).empty(), false);
}

TEST_P(PrivacyLifecycle, PurgeAfterTheRetentionPeriodRemovesEveryTraceOfTheBuyers) {
  ASSERT_TRUE(disconnect(db(), "shop-a", seller_user_, t0).ok());
  auto r = purge(db(), t0 + 30 * day, 30);
  ASSERT_TRUE(r.ok()) << r.err().message;
  ASSERT_EQ(r->shops.size(), 1u);
  EXPECT_EQ(r->shops[0].shop_id, "shop-a");
  for (const auto& text : markers_for("A1").all())
    EXPECT_EQ(where_text_appears(db(), text), std::vector<std::string>{}) << text;
  for (const char* table : {"orders", "order_lines", "order_status_history", "packages", "package_orders",
                            "products", "skus", "inventory", "invoices", "webhook_events", "module_state",
                            "sync_state", "write_back_queue", "shop_tokens"})
    EXPECT_EQ(count_where(db(), table, "shop-a"), 0) << table;
  EXPECT_EQ(where_text_appears(db(), "shop-a-order-1"), std::vector<std::string>{});
}

TEST_P(PrivacyLifecycle, PurgeReportsWhatItDeleted) {
  ASSERT_TRUE(disconnect(db(), "shop-a", seller_user_, t0).ok());
  auto r = purge(db(), t0 + 31 * day, 30);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->totals.orders, 2u);
  EXPECT_EQ(r->totals.order_lines, 4u);
  EXPECT_EQ(r->totals.products, 1u);
  EXPECT_EQ(r->totals.packages, 1u);
  EXPECT_EQ(r->totals.invoices, 1u);
  EXPECT_EQ(r->totals.webhook_events, 1u);
  EXPECT_EQ(r->totals.shops, 1u);
}

TEST_P(PrivacyLifecycle, PurgeLeavesOtherShopsUntouched) {
  ASSERT_TRUE(disconnect(db(), "shop-a", seller_user_, t0).ok());
  ASSERT_TRUE(purge(db(), t0 + 60 * day, 30).ok());
  EXPECT_EQ(count_where(db(), "orders", "shop-b"), 2);
  EXPECT_EQ(count_where(db(), "order_lines", "shop-b"), 4);
  EXPECT_EQ(count_where(db(), "shop_tokens", "shop-b"), 2);
  EXPECT_EQ(count_where(db(), "products", "shop-b"), 1);
  EXPECT_FALSE(where_text_appears(db(), markers_for("B2").cpf).empty());
}

TEST_P(PrivacyLifecycle, PurgeNeverTouchesAConnectedShopHoweverOld) {
  auto r = purge(db(), t0 + 3650 * day, 1);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->shops.empty());
  EXPECT_EQ(count_where(db(), "orders", "shop-a"), 2);
}

TEST_P(PrivacyLifecycle, PurgeRunTwiceIsANoOp) {
  ASSERT_TRUE(disconnect(db(), "shop-a", seller_user_, t0).ok());
  ASSERT_TRUE(purge(db(), t0 + 31 * day, 30).ok());
  auto audit_before = storage::audit_repository(db()).list_by_seller(seller_);
  auto second = purge(db(), t0 + 32 * day, 30);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->shops.empty());
  EXPECT_EQ(second->totals.total(), 0u);
  auto audit_after = storage::audit_repository(db()).list_by_seller(seller_);
  EXPECT_EQ(audit_after->size(), audit_before->size());
}

TEST_P(PrivacyLifecycle, PurgeLeavesAnAuditRecordWithoutBuyerData) {
  ASSERT_TRUE(disconnect(db(), "shop-a", seller_user_, t0).ok());
  ASSERT_TRUE(purge(db(), t0 + 31 * day, 30).ok());
  auto entries = storage::audit_repository(db()).list_by_seller(seller_);
  ASSERT_TRUE(entries.ok());
  ASSERT_FALSE(entries->empty());
  EXPECT_EQ(entries->front().action, "shop.purge");
  EXPECT_EQ(entries->front().target, "shop-a");
  EXPECT_NE(entries->front().detail.find("2 order(s)"), std::string::npos) << entries->front().detail;
}

TEST_P(PrivacyLifecycle, APurgedShopCanBeConnectedByAnotherSellerAfterwards) {
  ASSERT_TRUE(disconnect(db(), "shop-a", seller_user_, t0).ok());
  ASSERT_TRUE(purge(db(), t0 + 31 * day, 30).ok());
  test::add_shop_row(db(), other_seller_, "shop-a");
  EXPECT_EQ(shop_state("shop-a"), "connected");
}

TEST_P(PrivacyLifecycle, ZeroRetentionDaysIsRefused) {
  auto r = purge(db(), t0, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::invalid_argument);
}

TEST_P(PrivacyLifecycle, ScheduledPurgeRunsAtMostOncePerDay) {
  ASSERT_TRUE(disconnect(db(), "shop-a", seller_user_, t0).ok());
  purge_schedule schedule(30);
  auto first = schedule.tick(db(), t0 + day);
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE((*first)->shops.empty());
  EXPECT_FALSE(schedule.tick(db(), t0 + day + 3600).has_value());
  auto later = schedule.tick(db(), t0 + 31 * day);
  ASSERT_TRUE(later.has_value() && later->ok());
  EXPECT_EQ((*later)->shops.size(), 1u);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(PrivacyLifecycle);

}  // namespace
}  // namespace kingkung::privacy
