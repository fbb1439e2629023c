// The OAuth callback checks whose the state is before it uses the state up: a callback that arrives in
// another account's session is refused and leaves the owner's attempt as it was.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "../connect/connect_env.hpp"
#include "kingkung/connect/connect_service.hpp"

namespace kingkung::connect_test {
namespace {

class ConnectStateOwner : public ::testing::Test {
 protected:
  connect_env env;
  std::pair<std::int64_t, std::int64_t> owner = env.add_account("state-owner");

  long long pending_states() {
    long long n = 0;
    *env.db->acquire() << "SELECT count(*) FROM oauth_states", soci::into(n);
    return n;
  }

  // A second user (staff) of the owner's seller.
  std::int64_t colleague() {
    domain::user u;
    u.seller_id = owner.first;
    u.email = "colleague@kingkung.test";
    u.password_hash = "$scrypt$test";
    u.user_role = domain::role::staff;
    auto added = storage::user_repository(*env.db).add(u);
    if (!added) throw std::runtime_error(added.err().message);
    return added->id;
  }
};

TEST_F(ConnectStateOwner, AnotherSellersCallbackLeavesTheStatePending) {
  auto [other_seller, other_user] = env.add_account("state-intruder");
  auto cb = env.authorize(owner.first, owner.second, sim::mx_shop_id);
  auto refused = env.service->complete(other_seller, other_user, cb.state, cb.code, "198.51.100.9");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.err().code, plugin::errc::permission_denied);
  EXPECT_EQ(pending_states(), 1);
}

TEST_F(ConnectStateOwner, TheOwnerStillCompletesAfterAnotherSellersCallback) {
  auto [other_seller, other_user] = env.add_account("state-intruder");
  auto cb = env.authorize(owner.first, owner.second, sim::mx_shop_id);
  ASSERT_FALSE(env.service->complete(other_seller, other_user, cb.state, cb.code, "198.51.100.9").ok());
  auto done = env.service->complete(owner.first, owner.second, cb.state, cb.code, "203.0.113.7");
  ASSERT_TRUE(done.ok()) << done.err().message;
  ASSERT_EQ(done->shops.size(), 1u);
  EXPECT_EQ(done->shops[0].id, sim::mx_shop_id);
  EXPECT_EQ(env.stored_shop(std::string(sim::mx_shop_id)).seller_id, owner.first);
}

TEST_F(ConnectStateOwner, AColleaguesCallbackIsRefusedAndTheOwnerStillCompletes) {
  const auto staff = colleague();
  auto cb = env.authorize(owner.first, owner.second, sim::mx_shop_id);
  auto refused = env.service->complete(owner.first, staff, cb.state, cb.code, "198.51.100.9");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.err().code, plugin::errc::permission_denied);
  auto done = env.service->complete(owner.first, owner.second, cb.state, cb.code, "203.0.113.7");
  EXPECT_TRUE(done.ok()) << done.err().message;
}

TEST_F(ConnectStateOwner, TheOwnersCallbackUsesTheStateUp) {
  auto cb = env.authorize(owner.first, owner.second, sim::mx_shop_id);
  ASSERT_TRUE(env.service->complete(owner.first, owner.second, cb.state, cb.code, "203.0.113.7").ok());
  EXPECT_EQ(pending_states(), 0);
}

TEST_F(ConnectStateOwner, AnExpiredStateIsRefusedAsGoneEvenForAnotherAccount) {
  auto [other_seller, other_user] = env.add_account("state-intruder");
  auto cb = env.authorize(owner.first, owner.second, sim::mx_shop_id);
  env.advance(std::chrono::minutes{11});
  auto late = env.service->complete(other_seller, other_user, cb.state, cb.code, "198.51.100.9");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.err().code, plugin::errc::unauthenticated);
}

}  // namespace
}  // namespace kingkung::connect_test
