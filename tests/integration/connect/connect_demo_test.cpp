// Demo set-up: the demo seller, its sign-in and every demo shop connected through the simulator's OAuth.
#include <gtest/gtest.h>

#include "connect_env.hpp"
#include "kingkung/auth/password.hpp"
#include "kingkung/connect/demo_shops.hpp"
#include "kingkung/storage/audit_repository.hpp"

namespace kingkung::connect_test {
namespace {

class ConnectDemo : public ::testing::Test {
 protected:
  connect_env env;

  connect::demo_report run() {
    auto report = connect::connect_demo_shops(env.config, *env.db, *env.vault, *env.links);
    if (!report) throw std::runtime_error(report.err().message);
    return *report;
  }
  std::int64_t demo_seller_id() {
    auto seller = storage::seller_repository(*env.db).find_by_name("Demo Seller");
    if (!seller || !*seller) throw std::runtime_error("no demo seller");
    return (*seller)->id;
  }
};

TEST_F(ConnectDemo, CreatesTheDemoSellerAndASignInThatWorks) {
  auto report = run();
  EXPECT_TRUE(report.seller_created);
  EXPECT_TRUE(report.user_created);
  auto user = storage::user_repository(*env.db).find_by_email("demo@kingkung.example");
  ASSERT_TRUE(user.ok());
  ASSERT_TRUE(user->has_value());
  EXPECT_EQ((*user)->seller_id, demo_seller_id());
  EXPECT_EQ((*user)->user_role, domain::role::owner);
  EXPECT_TRUE(auth::verify_password("kingkung-demo", (*user)->password_hash));
}

TEST_F(ConnectDemo, ConnectsEveryDemoShopWithTokensInTheVault) {
  auto report = run();
  EXPECT_EQ(report.connected.size(), 3u);
  auto shops = storage::shop_repository(*env.db, *env.vault).list_by_seller(demo_seller_id());
  ASSERT_TRUE(shops.ok());
  ASSERT_EQ(shops->size(), 3u);
  for (const auto& shop : *shops) {
    EXPECT_TRUE(shop.demo) << shop.id;
    EXPECT_EQ(shop.state, domain::shop_state::connected) << shop.id;
    EXPECT_FALSE(shop.cipher.empty()) << shop.id;
    EXPECT_EQ(env.plain_token(shop.id, "access").rfind("TTP_", 0), 0u) << shop.id;
    EXPECT_TRUE(env.links->link_for(shop).has_value()) << shop.id;
  }
  EXPECT_EQ(env.stored_shop(std::string(sim::mx_shop_id)).modules, std::vector<std::string>{"mx-split"});
  EXPECT_EQ(env.stored_shop(std::string(sim::br_shop_id)).modules, std::vector<std::string>{"br-invoice"});
}

TEST_F(ConnectDemo, RunningItTwiceChangesNothing) {
  run();
  const auto seller = demo_seller_id();
  const auto tokens_before = storage::token_repository(*env.db).all();
  const auto audit_before = storage::audit_repository(*env.db).list_by_seller(seller);
  const auto requests_before = env.sim.observer->records.size();

  auto second = run();
  EXPECT_FALSE(second.seller_created);
  EXPECT_FALSE(second.user_created);
  EXPECT_TRUE(second.connected.empty());
  EXPECT_EQ(second.unchanged.size(), 3u);

  const auto tokens_after = storage::token_repository(*env.db).all();
  ASSERT_TRUE(tokens_before.ok() && tokens_after.ok());
  ASSERT_EQ(tokens_after->size(), tokens_before->size());
  for (std::size_t i = 0; i < tokens_after->size(); ++i)
    EXPECT_EQ((*tokens_after)[i].sealed, (*tokens_before)[i].sealed);
  EXPECT_EQ(storage::audit_repository(*env.db).list_by_seller(seller)->size(), audit_before->size());
  EXPECT_EQ(env.sim.observer->records.size(), requests_before);
  EXPECT_EQ(storage::user_repository(*env.db).list_by_seller(seller)->size(), 1u);
}

TEST_F(ConnectDemo, ReconnectsADemoShopThatLostItsTokens) {
  run();
  ASSERT_TRUE(storage::token_repository(*env.db).remove_shop(std::string(sim::us_shop_id)).ok());
  auto again = run();
  EXPECT_EQ(again.connected, std::vector<std::string>{std::string(sim::us_shop_id)});
  EXPECT_EQ(env.plain_token(std::string(sim::us_shop_id), "access").rfind("TTP_", 0), 0u);
}

TEST_F(ConnectDemo, DoesNothingWhenDemoIsDisabled) {
  env.config.demo.enabled = false;
  auto report = run();
  EXPECT_FALSE(report.seller_created);
  EXPECT_TRUE(report.connected.empty());
  EXPECT_FALSE(storage::seller_repository(*env.db).find_by_name("Demo Seller")->has_value());
}

TEST_F(ConnectDemo, RefusesADemoShopOffTheSimulator) {
  env.config.shops[2].transport = "tiktok-live";
  auto report = connect::connect_demo_shops(env.config, *env.db, *env.vault, *env.links);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.err().message.find("demo-us"), std::string::npos) << report.err().message;
  EXPECT_NE(report.err().message.find("tiktok-live"), std::string::npos);
}

}  // namespace
}  // namespace kingkung::connect_test
