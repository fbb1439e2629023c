// Sellers and their sign-in users on both backends.
#include <gtest/gtest.h>

#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/user_repository.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::domain::role;
using kingkung::domain::user;
using kingkung::plugin::errc;
using kingkung::storage::seller_repository;
using kingkung::storage::user_repository;

constexpr const char* a_hash = "$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaA";

class StorageSellers : public kingkung::test::database_test {};

TEST_P(StorageSellers, CreateAssignsAnIdAndTheCreationTime) {
  seller_repository sellers(db());
  auto s = sellers.create("  Acme Mexico  ");
  ASSERT_TRUE(s.ok()) << s.err().message;
  EXPECT_GT(s->id, 0);
  EXPECT_EQ(s->name, "Acme Mexico");
  EXPECT_GT(s->created_at, 1600000000);
  auto again = sellers.get(s->id);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ((*again)->name, "Acme Mexico");
}

TEST_P(StorageSellers, FindByNameKeepsUnicodeIntact) {
  seller_repository sellers(db());
  ASSERT_TRUE(sellers.create("Loja São Paulo 東京 🚚").ok());
  auto found = sellers.find_by_name("Loja São Paulo 東京 🚚");
  ASSERT_TRUE(found.ok()) << found.err().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, "Loja São Paulo 東京 🚚");
}

TEST_P(StorageSellers, ATakenNameIsRefused) {
  seller_repository sellers(db());
  ASSERT_TRUE(sellers.create("Acme").ok());
  auto twice = sellers.create("Acme");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.err().code, errc::failed_precondition);
  EXPECT_NE(twice.err().message.find("\"Acme\" already exists"), std::string::npos) << twice.err().message;
}

TEST_P(StorageSellers, NamesAreCaseSensitive) {
  seller_repository sellers(db());
  ASSERT_TRUE(sellers.create("acme").ok());
  EXPECT_TRUE(sellers.create("ACME").ok());
}

TEST_P(StorageSellers, AnEmptyNameIsRefused) {
  auto s = seller_repository(db()).create("   ");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().code, errc::invalid_argument);
}

TEST_P(StorageSellers, FindingAnUnknownNameGivesNothing) {
  auto found = seller_repository(db()).find_by_name("nobody");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageSellers);

class StorageUsers : public kingkung::test::database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    if (HasFatalFailure()) return;
    auto s = seller_repository(db()).create("Acme");
    ASSERT_TRUE(s.ok());
    seller_ = s->id;
  }
  user make(std::string email, role r = role::staff) {
    user u;
    u.seller_id = seller_;
    u.email = std::move(email);
    u.password_hash = a_hash;
    u.user_role = r;
    return u;
  }
  std::int64_t seller_ = 0;
};

TEST_P(StorageUsers, AddThenFindByEmail) {
  user_repository users(db());
  auto added = users.add(make("owner@acme.mx", role::owner));
  ASSERT_TRUE(added.ok()) << added.err().message;
  EXPECT_GT(added->id, 0);
  auto found = users.find_by_email("owner@acme.mx");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->id, added->id);
  EXPECT_EQ((*found)->seller_id, seller_);
  EXPECT_EQ((*found)->user_role, role::owner);
  EXPECT_EQ((*found)->password_hash, a_hash);
  EXPECT_EQ((*found)->locale, "en");
}

TEST_P(StorageUsers, EmailsAreStoredAndMatchedInLowerCase) {
  user_repository users(db());
  auto added = users.add(make("  Ana.Lopez@Acme.MX "));
  ASSERT_TRUE(added.ok()) << added.err().message;
  EXPECT_EQ(added->email, "ana.lopez@acme.mx");
  auto found = users.find_by_email("ANA.LOPEZ@acme.mx");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->email, "ana.lopez@acme.mx");
}

TEST_P(StorageUsers, AnEmailInUseIsRefusedWhateverItsCase) {
  user_repository users(db());
  ASSERT_TRUE(users.add(make("ana@acme.mx")).ok());
  auto twice = users.add(make("ANA@acme.mx"));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.err().code, errc::failed_precondition);
  EXPECT_NE(twice.err().message.find("ana@acme.mx already exists"), std::string::npos) << twice.err().message;
}

TEST_P(StorageUsers, AMalformedEmailIsRefused) {
  for (const char* email : {"", "ana", "ana@", "@acme.mx", "a b@acme.mx", "a@b@c"}) {
    auto added = user_repository(db()).add(make(email));
    ASSERT_FALSE(added.ok()) << email;
    EXPECT_EQ(added.err().code, errc::invalid_argument) << email;
  }
}

TEST_P(StorageUsers, APlainPasswordInsteadOfAHashIsRefused) {
  auto u = make("ana@acme.mx");
  u.password_hash = "hunter2";
  auto added = user_repository(db()).add(u);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.err().code, errc::invalid_argument);
  EXPECT_EQ(added.err().message.find("hunter2"), std::string::npos);
}

TEST_P(StorageUsers, AUserOfAnUnknownSellerIsRefused) {
  auto u = make("ana@acme.mx");
  u.seller_id = 9999;
  auto added = user_repository(db()).add(u);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.err().code, errc::not_found);
}

TEST_P(StorageUsers, ListBySellerReturnsOnlyThatSellersUsersInTheOrderAdded) {
  user_repository users(db());
  auto other = seller_repository(db()).create("Other");
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(users.add(make("b@acme.mx", role::owner)).ok());
  ASSERT_TRUE(users.add(make("a@acme.mx")).ok());
  auto stranger = make("x@other.mx");
  stranger.seller_id = other->id;
  ASSERT_TRUE(users.add(stranger).ok());
  auto list = users.list_by_seller(seller_);
  ASSERT_TRUE(list.ok()) << list.err().message;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].email, "b@acme.mx");
  EXPECT_EQ((*list)[1].email, "a@acme.mx");
}

TEST_P(StorageUsers, GetById) {
  user_repository users(db());
  auto added = users.add(make("c@acme.mx"));
  ASSERT_TRUE(added.ok());
  auto got = users.get(added->id);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->email, "c@acme.mx");
  auto missing = users.get(added->id + 100);
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageUsers);

}  // namespace
