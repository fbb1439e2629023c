// oauth_states and shop_notices on SQLite and on MariaDB.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <thread>

#include "kingkung/connect/connect_service.hpp"
#include "kingkung/storage/notice_repository.hpp"
#include "kingkung/storage/oauth_state_repository.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/user_repository.hpp"
#include "test_databases.hpp"

namespace kingkung::test {
namespace {

class ConnectRepositories : public database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    auto seller = storage::seller_repository(db()).create("Seller " + random_hex(6));
    ASSERT_TRUE(seller.ok()) << seller.err().message;
    seller_id = seller->id;
    domain::user u;
    u.seller_id = seller_id;
    u.email = "owner-" + random_hex(6) + "@kingkung.test";
    u.password_hash = "$scrypt$test";
    auto user = storage::user_repository(db()).add(u);
    ASSERT_TRUE(user.ok()) << user.err().message;
    user_id = user->id;
  }

  storage::oauth_state_row state_row(std::int64_t expires_at = 1'900'000'000) {
    return {connect::hash_state(connect::random_state()), seller_id, user_id, "/shops", 1'800'000'000, expires_at};
  }

  void add_shop(const std::string& id) {
    long long seller = seller_id;
    *db().acquire() << "INSERT INTO shops (id, seller_id, name, region, seller_type, cipher_sealed, transport,"
                       " modules, granted_scopes, state, demo, connected_at, disconnected_at)"
                       " VALUES (:id, :seller, 'Shop', 'MX', 'LOCAL', '', 'tiktok-sim', '[]', '[]', 'connected',"
                       " 0, 1700000000, 0)",
        soci::use(id), soci::use(seller);
  }

  std::int64_t seller_id = 0;
  std::int64_t user_id = 0;
};

TEST_P(ConnectRepositories, StateIsTakenExactlyOnce) {
  storage::oauth_state_repository states(db());
  auto row = state_row();
  ASSERT_TRUE(states.add(row).ok());
  auto first = states.take(row.state_hash);
  ASSERT_TRUE(first.ok()) << first.err().message;
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->seller_id, seller_id);
  EXPECT_EQ((*first)->user_id, user_id);
  EXPECT_EQ((*first)->return_to, "/shops");
  EXPECT_EQ((*first)->expires_at, row.expires_at);
  auto second = states.take(row.state_hash);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());
}

TEST_P(ConnectRepositories, ConcurrentTakesGiveTheStateToOneCaller) {
  storage::oauth_state_repository states(db());
  auto row = state_row();
  ASSERT_TRUE(states.add(row).ok());
  std::atomic<int> winners{0};
  std::vector<std::thread> takers;
  for (int i = 0; i < 3; ++i)
    takers.emplace_back([&] {
      auto taken = states.take(row.state_hash);
      if (taken.ok() && taken->has_value()) ++winners;
    });
  for (auto& t : takers) t.join();
  EXPECT_EQ(winners.load(), 1);
}

TEST_P(ConnectRepositories, FindDoesNotConsumeTheState) {
  storage::oauth_state_repository states(db());
  auto row = state_row();
  ASSERT_TRUE(states.add(row).ok());
  ASSERT_TRUE(states.find(row.state_hash)->has_value());
  EXPECT_TRUE(states.take(row.state_hash)->has_value());
}

TEST_P(ConnectRepositories, StateOfAUserOfAnotherSellerIsRefused) {
  auto other = storage::seller_repository(db()).create("Other " + random_hex(6));
  ASSERT_TRUE(other.ok());
  auto row = state_row();
  row.seller_id = other->id;
  auto added = storage::oauth_state_repository(db()).add(row);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.err().code, plugin::errc::not_found);
}

TEST_P(ConnectRepositories, MalformedStateHashIsRefusedWithoutEchoingIt) {
  auto row = state_row();
  row.state_hash = "plain-state-value";
  auto added = storage::oauth_state_repository(db()).add(row);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(added.err().message.find("plain-state-value"), std::string::npos);
}

TEST_P(ConnectRepositories, ExpiredStatesAreRemoved) {
  storage::oauth_state_repository states(db());
  auto old = state_row(1'000);
  auto current = state_row(3'000);
  ASSERT_TRUE(states.add(old).ok());
  ASSERT_TRUE(states.add(current).ok());
  auto removed = states.remove_expired(2'000);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 1);
  EXPECT_FALSE(states.find(old.state_hash)->has_value());
  EXPECT_TRUE(states.find(current.state_hash)->has_value());
}

TEST_P(ConnectRepositories, NoticeIsReplacedPerShopAndKind) {
  add_shop("7001");
  storage::notice_repository notices(db());
  ASSERT_TRUE(notices.put({"7001", storage::notice_kind::authorization_expiring, "first", 100, 10}).ok());
  ASSERT_TRUE(notices.put({"7001", storage::notice_kind::authorization_expiring, "second", 200, 20}).ok());
  ASSERT_TRUE(notices.put({"7001", storage::notice_kind::needs_reauthorization, "refused", 0, 30}).ok());
  auto rows = notices.list_by_shop("7001");
  ASSERT_TRUE(rows.ok()) << rows.err().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].kind, storage::notice_kind::authorization_expiring);
  EXPECT_EQ((*rows)[0].detail, "second");
  EXPECT_EQ((*rows)[0].due_at, 200);
  EXPECT_EQ((*rows)[1].kind, storage::notice_kind::needs_reauthorization);
}

TEST_P(ConnectRepositories, NoticesOfASellerComeSoonestFirst) {
  add_shop("7001");
  add_shop("7002");
  add_shop("7003");
  storage::notice_repository notices(db());
  ASSERT_TRUE(notices.put({"7001", storage::notice_kind::authorization_expiring, "", 500, 1}).ok());
  ASSERT_TRUE(notices.put({"7002", storage::notice_kind::needs_reauthorization, "", 0, 1}).ok());
  ASSERT_TRUE(notices.put({"7003", storage::notice_kind::authorization_expiring, "", 300, 1}).ok());
  auto rows = notices.list_by_seller(seller_id);
  ASSERT_TRUE(rows.ok()) << rows.err().message;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].shop_id, "7003");
  EXPECT_EQ((*rows)[1].shop_id, "7001");
  EXPECT_EQ((*rows)[2].shop_id, "7002");
}

TEST_P(ConnectRepositories, NoticeForAnUnknownShopIsNotFound) {
  auto put = storage::notice_repository(db()).put({"7999", storage::notice_kind::authorization_expiring, "", 1, 1});
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.err().code, plugin::errc::not_found);
}

TEST_P(ConnectRepositories, NoticesGoWithTheirShop) {
  add_shop("7001");
  storage::notice_repository notices(db());
  ASSERT_TRUE(notices.put({"7001", storage::notice_kind::authorization_expiring, "", 1, 1}).ok());
  *db().acquire() << "DELETE FROM shops WHERE id = '7001'";
  EXPECT_TRUE(notices.list_by_shop("7001")->empty());
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(ConnectRepositories);

}  // namespace
}  // namespace kingkung::test
