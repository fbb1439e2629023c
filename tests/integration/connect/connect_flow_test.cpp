// Connecting a shop through OAuth against the real simulator: begin, consent, complete.
#include <gtest/gtest.h>

#include "connect_env.hpp"
#include "kingkung/connect/connect_service.hpp"
#include "kingkung/storage/audit_repository.hpp"
#include "kingkung/tiktok/shops.hpp"

namespace kingkung::connect_test {
namespace {

class ConnectFlow : public ::testing::Test {
 protected:
  connect_env env;
  std::pair<std::int64_t, std::int64_t> account = env.add_account("seller-one");
  std::int64_t seller() const { return account.first; }
  std::int64_t user() const { return account.second; }
};

TEST_F(ConnectFlow, CompleteStoresTheShopWithThePlatformCipher) {
  auto cb = env.authorize(seller(), user(), sim::mx_shop_id);
  auto done = env.service->complete(seller(), user(), cb.state, cb.code, "203.0.113.7");
  ASSERT_TRUE(done.ok()) << done.err().message;

  auto platform = env.sim.connect(sim::mx_shop_id);  // the simulator's own view of the shop
  auto shop = env.stored_shop(std::string(sim::mx_shop_id));
  EXPECT_EQ(shop.seller_id, seller());
  EXPECT_EQ(shop.cipher, platform.cipher);
  EXPECT_EQ(shop.region, "MX");
  EXPECT_EQ(shop.seller_type, "CROSS_BORDER");
  EXPECT_EQ(shop.state, domain::shop_state::connected);
  EXPECT_FALSE(shop.granted_scopes.empty());
  EXPECT_EQ(done->return_to, "/shops");
}

TEST_F(ConnectFlow, ShopGetsTransportAndModulesOfItsConfigEntry) {
  auto mx = env.connect_shop(seller(), user(), sim::mx_shop_id);
  EXPECT_EQ(mx.transport, "tiktok-sim");
  EXPECT_EQ(mx.modules, std::vector<std::string>{"mx-split"});
}

TEST_F(ConnectFlow, ShopWithoutOwnModulesGetsItsMarketDefaults) {
  auto br = env.connect_shop(seller(), user(), sim::br_shop_id);
  EXPECT_EQ(br.modules, std::vector<std::string>{"br-invoice"});
  auto us = env.connect_shop(seller(), user(), sim::us_shop_id);
  EXPECT_TRUE(us.modules.empty());
}

TEST_F(ConnectFlow, CipherAndTokensAreOnlySealedInTheDatabaseFile) {
  auto shop = env.connect_shop(seller(), user(), sim::mx_shop_id);
  const std::string bytes = env.database_bytes();
  ASSERT_FALSE(shop.cipher.empty());
  EXPECT_EQ(bytes.find(shop.cipher), std::string::npos);
  const std::string access = env.plain_token(shop.id, "access");
  const std::string refresh = env.plain_token(shop.id, "refresh");
  ASSERT_EQ(access.rfind("TTP_", 0), 0u);
  EXPECT_EQ(bytes.find(access), std::string::npos);
  EXPECT_EQ(bytes.find(refresh), std::string::npos);
  EXPECT_EQ(env.token_row(shop.id, "access").sealed.rfind("v1.", 0), 0u);
}

TEST_F(ConnectFlow, StoredTokensWorkForShopCalls) {
  auto shop = env.connect_shop(seller(), user(), sim::br_shop_id);
  auto link = env.links->link_for(shop);
  ASSERT_TRUE(link.has_value());
  auto active = tiktok::get_active_shops(*link->api, link->shop);
  ASSERT_TRUE(active.ok()) << active.err().to_string();
  EXPECT_FALSE(active->empty());
}

TEST_F(ConnectFlow, BeginSendsSimulatorDeploymentsToTheHostsConsentPage) {
  auto start = env.service->begin(seller(), user(), "/shops");
  ASSERT_TRUE(start.ok()) << start.err().message;
  EXPECT_TRUE(start->simulator);
  EXPECT_EQ(start->url, std::string(public_url) + "/sim/authorize?state=" + start->state);
  EXPECT_EQ(start->state.size(), 43u);
}

TEST_F(ConnectFlow, BeginSendsLiveDeploymentsToTheOfficialAuthorizationPage) {
  auto cfg = simulator_config();
  cfg.default_transport = "tiktok-live";
  connect_env live(cfg);
  auto [s, u] = live.add_account("live-seller");
  auto start = live.service->begin(s, u, "");
  ASSERT_TRUE(start.ok()) << start.err().message;
  EXPECT_FALSE(start->simulator);
  EXPECT_EQ(start->url, "https://services.tiktokshop.com/open/authorize?service_id=kk-test-service&state=" +
                            start->state);
}

TEST_F(ConnectFlow, StateIsStoredOnlyAsItsHash) {
  auto start = env.service->begin(seller(), user(), "/shops");
  ASSERT_TRUE(start.ok());
  std::string stored;
  *env.db->acquire() << "SELECT state FROM oauth_states", soci::into(stored);
  EXPECT_EQ(stored, connect::hash_state(start->state));
  EXPECT_EQ(env.database_bytes().find(start->state), std::string::npos);
}

TEST_F(ConnectFlow, ReplayedStateFailsWithoutNamingStateOrCode) {
  auto cb = env.authorize(seller(), user(), sim::mx_shop_id);
  ASSERT_TRUE(env.service->complete(seller(), user(), cb.state, cb.code, "203.0.113.7").ok());
  auto fresh_code = env.sim.issue_auth_code(sim::mx_shop_id);
  auto replay = env.service->complete(seller(), user(), cb.state, fresh_code, "203.0.113.7");
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.err().code, plugin::errc::unauthenticated);
  EXPECT_EQ(replay.err().message.find(cb.state), std::string::npos);
  EXPECT_EQ(replay.err().message.find(fresh_code), std::string::npos);
}

TEST_F(ConnectFlow, ExpiredStateFails) {
  auto cb = env.authorize(seller(), user(), sim::mx_shop_id);
  env.advance(std::chrono::minutes{11});
  auto late = env.service->complete(seller(), user(), cb.state, cb.code, "203.0.113.7");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.err().code, plugin::errc::unauthenticated);
  EXPECT_NE(late.err().message.find("expired"), std::string::npos);
  auto stored = storage::shop_repository(*env.db, *env.vault).get(sim::mx_shop_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_FALSE(stored->has_value());
}

TEST_F(ConnectFlow, AnotherSellersStateFailsAndStoresNothing) {
  auto [other_seller, other_user] = env.add_account("seller-two");
  auto cb = env.authorize(seller(), user(), sim::mx_shop_id);
  auto stolen = env.service->complete(other_seller, other_user, cb.state, cb.code, "198.51.100.9");
  ASSERT_FALSE(stolen.ok());
  EXPECT_EQ(stolen.err().code, plugin::errc::permission_denied);
  auto stored = storage::shop_repository(*env.db, *env.vault).get(sim::mx_shop_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_FALSE(stored->has_value());
  EXPECT_FALSE(storage::token_repository(*env.db).get(sim::mx_shop_id, "access")->has_value());
}

TEST_F(ConnectFlow, UnknownStateFails) {
  auto code = env.sim.issue_auth_code(sim::mx_shop_id);
  auto forged = env.service->complete(seller(), user(), connect::random_state(), code, "203.0.113.7");
  ASSERT_FALSE(forged.ok());
  EXPECT_EQ(forged.err().code, plugin::errc::unauthenticated);
}

TEST_F(ConnectFlow, InvalidCodeFailsWithThePlatformsReasonAndNoCode) {
  auto start = env.service->begin(seller(), user(), "/shops");
  ASSERT_TRUE(start.ok());
  const std::string bogus = "sim-code-that-was-never-issued";
  auto done = env.service->complete(seller(), user(), start->state, bogus, "203.0.113.7");
  ASSERT_FALSE(done.ok());
  EXPECT_NE(done.err().message.find("36004004"), std::string::npos) << done.err().message;
  EXPECT_EQ(done.err().message.find(bogus), std::string::npos);
}

TEST_F(ConnectFlow, CompleteWritesAnAuditEntryWithTheCallersAddress) {
  env.connect_shop(seller(), user(), sim::mx_shop_id);
  auto entries = storage::audit_repository(*env.db).list_by_seller(seller());
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  const auto& e = entries->front();
  EXPECT_EQ(e.action, "shop.connect");
  EXPECT_EQ(e.user_id, user());
  EXPECT_EQ(e.target, std::string(sim::mx_shop_id));
  EXPECT_NE(e.detail.find("203.0.113.7"), std::string::npos);
  EXPECT_EQ(e.at, env.sim.time.unix_now());
}

TEST_F(ConnectFlow, ReturnToMustBeALocalPath) {
  for (std::string_view to : {"https://elsewhere.example/", "//elsewhere.example", "shops"}) {
    auto start = env.service->begin(seller(), user(), to);
    ASSERT_FALSE(start.ok()) << to;
    EXPECT_EQ(start.err().code, plugin::errc::invalid_argument);
  }
}

TEST_F(ConnectFlow, BeginRefusesAUserOfAnotherSeller) {
  auto [other_seller, other_user] = env.add_account("seller-two");
  (void)other_seller;
  auto start = env.service->begin(seller(), other_user, "/shops");
  ASSERT_FALSE(start.ok());
  EXPECT_EQ(start.err().code, plugin::errc::permission_denied);
}

TEST_F(ConnectFlow, SimulatorConsentNeedsAPendingState) {
  auto consent = env.service->simulator_consent(connect::random_state(), sim::mx_shop_id);
  ASSERT_FALSE(consent.ok());
  EXPECT_EQ(consent.err().code, plugin::errc::unauthenticated);
}

TEST_F(ConnectFlow, SimulatorConsentRedirectsToTheCallback) {
  auto start = env.service->begin(seller(), user(), "/shops");
  ASSERT_TRUE(start.ok());
  auto redirect = env.service->simulator_consent(start->state, "demo-br");
  ASSERT_TRUE(redirect.ok()) << redirect.err().message;
  EXPECT_EQ(redirect->rfind(std::string(public_url) + "/oauth/tiktok/callback?code=", 0), 0u);
  EXPECT_EQ(query_value(*redirect, "state"), start->state);
}

}  // namespace
}  // namespace kingkung::connect_test
