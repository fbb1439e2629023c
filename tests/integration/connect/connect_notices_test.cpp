// The notices read model: upcoming authorisation expiry and shops needing re-authorisation.
#include <gtest/gtest.h>

#include "connect_env.hpp"
#include "kingkung/connect/notices.hpp"

namespace kingkung::connect_test {
namespace {

class ConnectNotices : public ::testing::Test {
 protected:
  connect_env env;
  std::pair<std::int64_t, std::int64_t> account = env.add_account("seller-one");
  domain::shop mx = env.connect_shop(account.first, account.second, sim::mx_shop_id);
  connect::notices notices{*env.db, *env.vault};

  std::vector<connect::shop_notice> listed() {
    auto list = notices.for_seller(account.first);
    if (!list) throw std::runtime_error(list.err().message);
    return *list;
  }
};

constexpr std::int64_t dec_24_2026 = 1'798'070'400;  // 2026-12-24T00:00:00Z

TEST_F(ConnectNotices, ExpiryNoticeShowsTheShopAndTheDate) {
  ASSERT_TRUE(notices.raise_expiry_notice(mx.id, dec_24_2026 + 3600).ok());
  auto list = listed();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].kind, storage::notice_kind::authorization_expiring);
  EXPECT_EQ(list[0].due_at, dec_24_2026 + 3600);
  EXPECT_EQ(connect::notices::headline(list[0]), "Re-authorise " + mx.name + " before 2026-12-24");
}

TEST_F(ConnectNotices, RaisingAgainUpdatesTheDate) {
  ASSERT_TRUE(notices.raise_expiry_notice(mx.id, dec_24_2026).ok());
  ASSERT_TRUE(notices.raise_expiry_notice(mx.id, dec_24_2026 + 86400).ok());
  auto list = listed();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].due_at, dec_24_2026 + 86400);
}

TEST_F(ConnectNotices, UnknownShopIsNotFound) {
  auto raised = notices.raise_expiry_notice("7000000000000000001", dec_24_2026);
  ASSERT_FALSE(raised.ok());
  EXPECT_EQ(raised.err().code, plugin::errc::not_found);
}

TEST_F(ConnectNotices, ShopNeedingReauthorizationIsListedFirst) {
  auto br = env.connect_shop(account.first, account.second, sim::br_shop_id);
  ASSERT_TRUE(notices.raise_expiry_notice(mx.id, dec_24_2026).ok());
  ASSERT_TRUE(storage::shop_repository(*env.db, *env.vault)
                  .set_state(br.id, domain::shop_state::needs_reauthorization)
                  .ok());
  auto list = listed();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].shop_id, br.id);
  EXPECT_EQ(list[0].kind, storage::notice_kind::needs_reauthorization);
  EXPECT_EQ(list[1].shop_id, mx.id);
}

TEST_F(ConnectNotices, OtherSellersShopsAreNotListed) {
  auto [other_seller, other_user] = env.add_account("seller-two");
  auto us = env.connect_shop(other_seller, other_user, sim::us_shop_id);
  ASSERT_TRUE(notices.raise_expiry_notice(us.id, dec_24_2026).ok());
  EXPECT_TRUE(listed().empty());
}

TEST_F(ConnectNotices, ReconnectingClearsTheExpiryNotice) {
  ASSERT_TRUE(notices.raise_expiry_notice(mx.id, dec_24_2026).ok());
  env.connect_shop(account.first, account.second, sim::mx_shop_id);
  EXPECT_TRUE(listed().empty());
}

TEST_F(ConnectNotices, DisconnectedShopsAreLeftOut) {
  ASSERT_TRUE(notices.raise_expiry_notice(mx.id, dec_24_2026).ok());
  ASSERT_TRUE(storage::shop_repository(*env.db, *env.vault).set_state(mx.id, domain::shop_state::disconnected).ok());
  EXPECT_TRUE(listed().empty());
}

}  // namespace
}  // namespace kingkung::connect_test
