// Statements kept prepared per pooled connection (the session lookup, the orders page's shop listing) on
// both backends: a kept statement read on one connection never pins that connection to an old snapshot,
// so a change committed on another connection is seen by its next read; and on MariaDB a lost
// connection is reconnected with its kept statements prepared anew.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>

#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/session_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/storage/user_repository.hpp"
#include "kingkung/vault/token_vault.hpp"
#include "storage_test_data.hpp"
#include "test_databases.hpp"

namespace {

using namespace kingkung;
using kingkung::storage::database;

constexpr std::int64_t t0 = 1'800'000'000;
constexpr std::int64_t idle = 30 * 60;

class StorageKeptStatements : public test::database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    if (HasFatalFailure()) return;
    seller_ = test::add_seller(db(), "Acme");
    domain::user u;
    u.seller_id = seller_;
    u.email = "ana@acme.example";
    u.password_hash = "$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaA";
    u.user_role = domain::role::owner;
    auto added = storage::user_repository(db()).add(u);
    ASSERT_TRUE(added.ok()) << added.err().message;
    user_ = added->id;
  }

  // Runs `read` on the pool's last connection: the pool lends its lowest free slot, so the others are
  // held meanwhile.
  template <class F>
  auto on_last_connection(F&& read) {
    database::lease first = db().acquire();
    database::lease second = db().acquire();
    return read();
  }
  // A plain query run on the pool's last connection.
  long long number_on_last_connection(const std::string& query) {
    database::lease first = db().acquire();
    database::lease second = db().acquire();
    database::lease last = db().acquire();
    long long n = -1;
    *last << query, soci::into(n);
    return n;
  }

  vault::token_vault vault_{vault::keyring({vault::master_key::generate()})};
  std::int64_t seller_ = 0;
  std::int64_t user_ = 0;
};

TEST_P(StorageKeptStatements, ASessionReadLeavesNoOldSnapshotOnItsConnection) {
  storage::session_repository sessions(db());
  auto created = sessions.create(user_, t0, 3600);
  ASSERT_TRUE(created.ok()) << created.err().message;
  const std::string id = created->id.reveal();

  auto before = on_last_connection([&] { return sessions.find_with_user(id, t0 + 1, idle); });
  ASSERT_TRUE(before.ok()) << before.err().message;
  ASSERT_TRUE(before->has_value());
  EXPECT_EQ((*before)->user.id, user_);
  EXPECT_EQ((*before)->user.email, "ana@acme.example");
  EXPECT_EQ((*before)->session.csrf_token, created->row.csrf_token);

  // Signed out on the first connection (another request, or another process).
  *db().acquire() << "DELETE FROM sessions";

  EXPECT_EQ(number_on_last_connection("SELECT count(*) FROM sessions"), 0)
      << "the kept statement left its connection reading an old snapshot";
  auto after = on_last_connection([&] { return sessions.find_with_user(id, t0 + 2, idle); });
  ASSERT_TRUE(after.ok()) << after.err().message;
  EXPECT_FALSE(after->has_value());
}

TEST_P(StorageKeptStatements, AUserRoleChangedOnAnotherConnectionIsSeenByTheNextLookup) {
  storage::session_repository sessions(db());
  auto created = sessions.create(user_, t0, 3600);
  ASSERT_TRUE(created.ok()) << created.err().message;
  const std::string id = created->id.reveal();
  auto before = on_last_connection([&] { return sessions.find_with_user(id, t0 + 1, idle); });
  ASSERT_TRUE(before.ok() && before->has_value());
  EXPECT_EQ((*before)->user.user_role, domain::role::owner);

  long long user = user_;
  *db().acquire() << "UPDATE users SET role = 'staff' WHERE id = :id", soci::use(user);

  // Another statement on the same connection first, then the kept one again.
  auto read = on_last_connection([&] { return storage::user_repository(db()).get(user_); });
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_EQ((*read)->user_role, domain::role::staff);
  auto after = on_last_connection([&] { return sessions.find_with_user(id, t0 + 2, idle); });
  ASSERT_TRUE(after.ok() && after->has_value());
  EXPECT_EQ((*after)->user.user_role, domain::role::staff);
}

TEST_P(StorageKeptStatements, AShopsOrdersWrittenOnAnotherConnectionRaiseTheMarkTheNextListingReads) {
  test::add_shop_row(db(), seller_, "shop-a");
  storage::shop_repository shops(db(), vault_);
  auto before = on_last_connection([&] { return shops.list_by_seller_marked(seller_); });
  ASSERT_TRUE(before.ok()) << before.err().message;
  ASSERT_EQ(before->size(), 1u);

  // The upsert takes the pool's first connection.
  auto o = test::sample_order("shop-a", "order-1", domain::order_status::awaiting_shipment, t0, t0);
  auto stored = storage::order_repository(db()).upsert({o});
  ASSERT_TRUE(stored.ok()) << stored.err().message;

  EXPECT_EQ(number_on_last_connection("SELECT count(*) FROM orders"), 1);
  auto after = on_last_connection([&] { return shops.list_by_seller_marked(seller_); });
  ASSERT_TRUE(after.ok()) << after.err().message;
  ASSERT_EQ(after->size(), 1u);
  EXPECT_GT((*after)[0].orders_mark, (*before)[0].orders_mark);
}

TEST_P(StorageKeptStatements, AKeptLookupThatFindsNothingLeavesTheConnectionUsable) {
  storage::session_repository sessions(db());
  for (int i = 0; i < 3; ++i) {
    auto missing = sessions.find_with_user("no-such-session-" + std::to_string(i), t0, idle);
    ASSERT_TRUE(missing.ok()) << missing.err().message;
    EXPECT_FALSE(missing->has_value());
  }
  auto created = sessions.create(user_, t0, 3600);
  ASSERT_TRUE(created.ok()) << created.err().message;
  auto found = sessions.find_with_user(created->id.reveal(), t0 + 1, idle);
  ASSERT_TRUE(found.ok() && found->has_value());
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageKeptStatements);

// MariaDB closes the connection under a kept statement (a server restart, wait_timeout).
class StorageKeptStatementsReconnect : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    scratch_ = test::scratch_database::create(test::test_backend::mysql, why, 1);
    ASSERT_TRUE(scratch_) << why;
    ASSERT_TRUE(storage::migrate(scratch_->db()).ok());
  }
  std::unique_ptr<test::scratch_database> scratch_;
};

TEST_F(StorageKeptStatementsReconnect, TheLookupFailsOnceClearlyThenWorksOnTheNewConnection) {
  auto& db = scratch_->db();
  auto seller = test::add_seller(db, "Acme");
  domain::user u;
  u.seller_id = seller;
  u.email = "ana@acme.example";
  u.password_hash = "$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaA";
  auto added = storage::user_repository(db).add(u);
  ASSERT_TRUE(added.ok()) << added.err().message;
  storage::session_repository sessions(db);
  auto created = sessions.create(added->id, t0, 3600);
  ASSERT_TRUE(created.ok()) << created.err().message;
  const std::string id = created->id.reveal();
  ASSERT_TRUE(sessions.find_with_user(id, t0 + 1, idle).ok());

  long long connection = 0;
  *db.acquire() << "SELECT CONNECTION_ID()", soci::into(connection);
  auto killer = storage::database::open(scratch_->url(), 1);
  ASSERT_TRUE(killer.ok()) << killer.err().message;
  *(*killer)->acquire() << "KILL CONNECTION " + std::to_string(connection);

  auto lost = sessions.find_with_user(id, t0 + 2, idle);
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.err().code, plugin::errc::unavailable);
  EXPECT_EQ(lost.err().message.rfind("sessions.find_with_user: database unavailable", 0), 0u)
      << lost.err().message;

  auto again = sessions.find_with_user(id, t0 + 3, idle);
  ASSERT_TRUE(again.ok()) << again.err().message;
  ASSERT_TRUE(again->has_value());
  EXPECT_EQ((*again)->user.id, added->id);
}

}  // namespace
