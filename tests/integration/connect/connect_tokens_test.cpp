// Tokens of connected shops against the real simulator: refresh on 105002, refresh ahead of expiry, and a
// refused refresh that parks the shop without a retry loop.
#include <gtest/gtest.h>

#include <thread>

#include "connect_env.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/notice_repository.hpp"
#include "kingkung/tiktok/shops.hpp"

namespace kingkung::connect_test {
namespace {

using namespace std::chrono_literals;

class ConnectTokens : public ::testing::Test {
 protected:
  connect_env env;
  std::pair<std::int64_t, std::int64_t> account = env.add_account("seller-one");
  domain::shop shop = env.connect_shop(account.first, account.second, sim::mx_shop_id);

  tiktok::result<std::vector<domain::shop>> call() {
    auto link = env.links->link_for(shop);  // the shop as connected, even when it is parked since
    if (!link) throw std::runtime_error("no link");
    return tiktok::get_active_shops(*link->api, link->shop);
  }
  void expire(bool refresh_too) {
    env.sim.control_data("POST", "/__sim/tokens/expire",
                         sim::json::object{{"shop", shop.id}, {"refresh", refresh_too}});
  }
};

TEST_F(ConnectTokens, ExpiredTokenIsRefreshedOnceAndTheCallSucceeds) {
  const auto before = env.token_row(shop.id, "access");
  expire(false);
  auto answer = call();
  ASSERT_TRUE(answer.ok()) << answer.err().to_string();
  EXPECT_EQ(env.token_refreshes(), 1u);
  EXPECT_EQ(env.answers_with_code(105002), 1u);
  EXPECT_NE(env.token_row(shop.id, "access").sealed, before.sealed);
}

TEST_F(ConnectTokens, RefreshedTokenIsStoredSealed) {
  expire(false);
  ASSERT_TRUE(call().ok());
  const auto row = env.token_row(shop.id, "access");
  EXPECT_EQ(row.sealed.rfind("v1.", 0), 0u);
  const std::string bytes = env.database_bytes();
  EXPECT_EQ(bytes.find(env.plain_token(shop.id, "access")), std::string::npos);
  EXPECT_EQ(bytes.find(env.plain_token(shop.id, "refresh")), std::string::npos);
}

TEST_F(ConnectTokens, ConcurrentCallsWithAnExpiredTokenRefreshOnce) {
  expire(false);
  std::atomic<int> succeeded{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 6; ++i)
    callers.emplace_back([&] {
      if (call().ok()) ++succeeded;
    });
  for (auto& t : callers) t.join();
  EXPECT_EQ(succeeded.load(), 6);
  EXPECT_EQ(env.token_refreshes(), 1u);
}

TEST_F(ConnectTokens, RefusedRefreshMarksTheShopNeedsReauthorization) {
  expire(true);
  auto answer = call();
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.err().kind, tiktok::error_class::unauthenticated);
  EXPECT_EQ(env.stored_shop(shop.id).state, domain::shop_state::needs_reauthorization);
  auto notices = storage::notice_repository(*env.db).list_by_shop(shop.id);
  ASSERT_TRUE(notices.ok());
  ASSERT_EQ(notices->size(), 1u);
  EXPECT_EQ(notices->front().kind, storage::notice_kind::needs_reauthorization);
  EXPECT_NE(notices->front().detail.find("refresh"), std::string::npos) << notices->front().detail;
}

TEST_F(ConnectTokens, ShopNeedingReauthorizationMakesNoFurtherRequests) {
  expire(true);
  ASSERT_FALSE(call().ok());
  const auto requests = env.sim.observer->records.size();
  for (int i = 0; i < 5; ++i) {
    auto answer = call();
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.err().kind, tiktok::error_class::unauthenticated);
  }
  EXPECT_EQ(env.sim.observer->records.size(), requests);
  EXPECT_EQ(env.token_refreshes(), 1u);
}

TEST_F(ConnectTokens, ShopNeedingReauthorizationHasNoLink) {
  expire(true);
  ASSERT_FALSE(call().ok());
  EXPECT_FALSE(env.links->link_for(std::string_view(shop.id)).has_value());
}

TEST_F(ConnectTokens, ReconnectingClearsReauthorization) {
  expire(true);
  ASSERT_FALSE(call().ok());
  env.connect_shop(account.first, account.second, sim::mx_shop_id);
  EXPECT_EQ(env.stored_shop(shop.id).state, domain::shop_state::connected);
  EXPECT_TRUE(storage::notice_repository(*env.db).list_by_shop(shop.id)->empty());
  EXPECT_TRUE(call().ok());
}

TEST_F(ConnectTokens, TokenIsRefreshedAheadOfExpiryBeforeItExpires) {
  const auto expires_at = env.token_row(shop.id, "access").expires_at;
  env.advance(std::chrono::seconds{expires_at - env.sim.time.unix_now()} - 30min);
  auto answer = call();
  ASSERT_TRUE(answer.ok()) << answer.err().to_string();
  EXPECT_EQ(env.token_refreshes(), 1u);
  EXPECT_EQ(env.answers_with_code(105002), 0u);
  EXPECT_GT(env.token_row(shop.id, "access").expires_at, expires_at);
}

TEST_F(ConnectTokens, TokenFarFromExpiryIsNotRefreshed) {
  const auto expires_at = env.token_row(shop.id, "access").expires_at;
  env.advance(std::chrono::seconds{expires_at - env.sim.time.unix_now()} - 2h);
  ASSERT_TRUE(call().ok());
  EXPECT_EQ(env.token_refreshes(), 0u);
}

TEST_F(ConnectTokens, DeauthorizedShopIsMarkedWhenItsRefreshIsRefused) {
  env.sim.control_data("POST", "/__sim/deauthorize", sim::json::object{{"shop", shop.id}});
  const auto expires_at = env.token_row(shop.id, "access").expires_at;
  env.advance(std::chrono::seconds{expires_at - env.sim.time.unix_now()} - 10min);
  ASSERT_FALSE(call().ok());
  EXPECT_EQ(env.stored_shop(shop.id).state, domain::shop_state::needs_reauthorization);
}

TEST_F(ConnectTokens, DisconnectedShopFailsFastWithoutARequest) {
  ASSERT_TRUE(storage::shop_repository(*env.db, *env.vault).set_state(shop.id, domain::shop_state::disconnected).ok());
  const auto requests = env.sim.observer->records.size();
  auto token = env.links->tokens().current(shop.id);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.err().kind, tiktok::error_class::unauthenticated);
  EXPECT_EQ(env.sim.observer->records.size(), requests);
}

TEST_F(ConnectTokens, ShopWithoutTokensFailsFast) {
  ASSERT_TRUE(storage::token_repository(*env.db).remove_shop(shop.id).ok());
  auto token = env.links->tokens().current(shop.id);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.err().kind, tiktok::error_class::unauthenticated);
  EXPECT_NE(token.err().message.find("no access token"), std::string::npos);
}

TEST_F(ConnectTokens, ErrorsAndLogsNeverHoldATokenWhenARefreshIsRefused) {
  std::vector<std::string> lines;
  std::mutex mu;
  kingkung::log::set_sink([&](std::string_view line) {
    std::lock_guard g(mu);
    lines.emplace_back(line);
  });
  const std::string access = env.plain_token(shop.id, "access");
  const std::string refresh = env.plain_token(shop.id, "refresh");
  expire(true);
  auto answer = call();
  kingkung::log::set_sink(nullptr);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.err().message.find(refresh), std::string::npos);
  EXPECT_EQ(answer.err().message.find(access), std::string::npos);
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines) {
    EXPECT_EQ(line.find(refresh), std::string::npos) << line;
    EXPECT_EQ(line.find(access), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace kingkung::connect_test

namespace kingkung::connect_test {
namespace {

// The token source alone, with a refresh function that counts and answers as told.
class ConnectTokenSource : public ::testing::Test {
 protected:
  connect_env env;
  std::pair<std::int64_t, std::int64_t> account = env.add_account("seller-one");
  domain::shop shop = env.connect_shop(account.first, account.second, sim::us_shop_id);
  std::atomic<int> refreshes{0};
  std::optional<tiktok::api_error> fail_with;

  std::unique_ptr<connect::vault_token_source> source() {
    return std::make_unique<connect::vault_token_source>(
        *env.db, *env.vault,
        [this](std::string_view, const secret&) -> tiktok::result<tiktok::token_grant> {
          ++refreshes;
          std::this_thread::sleep_for(std::chrono::milliseconds{20});  // let the other callers pile up
          if (fail_with) return *fail_with;
          tiktok::token_grant g;
          g.access_token = secret("TTP_new_access_" + std::to_string(refreshes.load()));
          g.refresh_token = secret("TTP_new_refresh_" + std::to_string(refreshes.load()));
          g.access_token_expire_in = env.sim.time.unix_now() + 7 * 86400;
          g.refresh_token_expire_in = env.sim.time.unix_now() + 300 * 86400;
          return g;
        },
        env.clock);
  }
  void to_minutes_before_expiry(int minutes) {
    const auto expires_at = env.token_row(shop.id, "access").expires_at;
    env.advance(std::chrono::seconds{expires_at - env.sim.time.unix_now() - minutes * 60});
  }
};

TEST_F(ConnectTokenSource, ConcurrentCallsNearExpiryRefreshOnce) {
  auto tokens = source();
  to_minutes_before_expiry(30);
  std::vector<std::string> got(8);
  std::vector<std::thread> callers;
  for (std::size_t i = 0; i < got.size(); ++i)
    callers.emplace_back([&, i] {
      auto t = tokens->current(shop.id);
      if (t) got[i] = t->reveal();
    });
  for (auto& t : callers) t.join();
  EXPECT_EQ(refreshes.load(), 1);
  for (const auto& token : got) EXPECT_EQ(token, "TTP_new_access_1");
}

TEST_F(ConnectTokenSource, PassingRefreshFailureKeepsTheStillValidToken) {
  auto tokens = source();
  const std::string old = env.plain_token(shop.id, "access");
  to_minutes_before_expiry(30);
  fail_with = tiktok::api_error{};
  fail_with->kind = tiktok::error_class::retryable;
  auto t = tokens->current(shop.id);
  ASSERT_TRUE(t.ok()) << t.err().message;
  EXPECT_EQ(t->reveal(), old);
  EXPECT_EQ(env.stored_shop(shop.id).state, domain::shop_state::connected);
}

TEST_F(ConnectTokenSource, RefreshAfterAnExpiredAnswerSharesARefreshJustMade) {
  auto tokens = source();
  auto first = tokens->refresh(shop.id);
  auto second = tokens->refresh(shop.id);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(refreshes.load(), 1);
  EXPECT_EQ(second->reveal(), first->reveal());
}

TEST_F(ConnectTokenSource, ExpiredRefreshTokenMarksTheShopWithoutAsking) {
  auto tokens = source();
  const auto refresh_expires = env.token_row(shop.id, "refresh").expires_at;
  env.advance(std::chrono::seconds{refresh_expires - env.sim.time.unix_now() + 1});
  auto t = tokens->current(shop.id);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(refreshes.load(), 0);
  EXPECT_EQ(env.stored_shop(shop.id).state, domain::shop_state::needs_reauthorization);
}

}  // namespace
}  // namespace kingkung::connect_test
