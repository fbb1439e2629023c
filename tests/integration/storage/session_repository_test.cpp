// Sign-in sessions, failed sign-in counts and account changes on both backends.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <set>
#include <string>

#include "kingkung/storage/account_repository.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/session_repository.hpp"
#include "kingkung/storage/sign_in_attempt_repository.hpp"
#include "kingkung/storage/user_repository.hpp"
#include "test_databases.hpp"

namespace {

using namespace kingkung;
using storage::session_repository;

constexpr const char* a_hash = "$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaA";
constexpr std::int64_t t0 = 1'800'000'000;
constexpr std::int64_t idle = 30 * 60;
constexpr std::int64_t lifetime = 12 * 60 * 60;

class StorageSessions : public test::database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    if (HasFatalFailure()) return;
    auto seller = storage::seller_repository(db()).create("Acme");
    ASSERT_TRUE(seller.ok()) << seller.err().message;
    seller_ = seller->id;
    user_ = add_user("ana@acme.example");
  }
  std::int64_t add_user(const std::string& email) {
    domain::user u;
    u.seller_id = seller_;
    u.email = email;
    u.password_hash = a_hash;
    auto added = storage::user_repository(db()).add(u);
    EXPECT_TRUE(added.ok()) << added.err().message;
    return added.ok() ? added->id : 0;
  }
  std::int64_t stored_sessions() {
    long long n = 0;
    *db().acquire() << "SELECT count(*) FROM sessions", soci::into(n);
    return n;
  }
  std::int64_t seller_ = 0;
  std::int64_t user_ = 0;
};

TEST_P(StorageSessions, CreateGivesARandomIdAndStoresOnlyItsHash) {
  session_repository sessions(db());
  auto s = sessions.create(user_, t0, lifetime);
  ASSERT_TRUE(s.ok()) << s.err().message;
  EXPECT_GE(s->id.size() * 6, 256u);
  EXPECT_EQ(s->row.id_hash, storage::hash_session_id(s->id.reveal()));
  EXPECT_EQ(s->row.expires_at, t0 + lifetime);
  std::string stored;
  *db().acquire() << "SELECT id FROM sessions", soci::into(stored);
  EXPECT_EQ(stored, s->row.id_hash);
  EXPECT_NE(stored, s->id.reveal());
}

TEST_P(StorageSessions, IdsAndCsrfTokensDoNotRepeat) {
  session_repository sessions(db());
  std::set<std::string> ids, tokens;
  for (int i = 0; i < 20; ++i) {
    auto s = sessions.create(user_, t0, lifetime);
    ASSERT_TRUE(s.ok()) << s.err().message;
    ids.insert(s->id.reveal());
    tokens.insert(s->row.csrf_token);
  }
  EXPECT_EQ(ids.size(), 20u);
  EXPECT_EQ(tokens.size(), 20u);
}

TEST_P(StorageSessions, CreateForAnUnknownUserIsNotFound) {
  auto s = session_repository(db()).create(user_ + 1000, t0, lifetime);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.err().code, plugin::errc::not_found);
}

TEST_P(StorageSessions, FindReturnsTheLiveSessionByItsPlainId) {
  session_repository sessions(db());
  auto s = sessions.create(user_, t0, lifetime);
  ASSERT_TRUE(s.ok());
  auto found = sessions.find(s->id.reveal(), t0 + 10, idle);
  ASSERT_TRUE(found.ok()) << found.err().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->user_id, user_);
  EXPECT_EQ((*found)->csrf_token, s->row.csrf_token);
}

TEST_P(StorageSessions, FindByTheStoredHashFindsNothing) {
  session_repository sessions(db());
  auto s = sessions.create(user_, t0, lifetime);
  ASSERT_TRUE(s.ok());
  auto found = sessions.find(s->row.id_hash, t0 + 10, idle);
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

TEST_P(StorageSessions, AnIdleSessionEndsAndIsDeleted) {
  session_repository sessions(db());
  auto s = sessions.create(user_, t0, lifetime);
  ASSERT_TRUE(s.ok());
  auto found = sessions.find(s->id.reveal(), t0 + idle + 1, idle);
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  EXPECT_EQ(stored_sessions(), 0);
}

TEST_P(StorageSessions, UseKeepsASessionAliveUntilItsAbsoluteEnd) {
  session_repository sessions(db());
  auto s = sessions.create(user_, t0, lifetime);
  ASSERT_TRUE(s.ok());
  std::int64_t at = t0;
  while (at + idle - 60 < t0 + lifetime) {
    at += idle - 60;
    auto found = sessions.find(s->id.reveal(), at, idle);
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(found->has_value()) << "ended early at +" << (at - t0) << " s";
  }
  auto past_end = sessions.find(s->id.reveal(), t0 + lifetime, idle);
  ASSERT_TRUE(past_end.ok());
  EXPECT_FALSE(past_end->has_value());
}

TEST_P(StorageSessions, LastSeenMovesAtMostOnceAMinute) {
  session_repository sessions(db());
  auto s = sessions.create(user_, t0, lifetime);
  ASSERT_TRUE(s.ok());
  auto early = sessions.find(s->id.reveal(), t0 + 30, idle);
  ASSERT_TRUE(early.ok() && early->has_value());
  EXPECT_EQ((*early)->last_seen_at, t0);
  auto later = sessions.find(s->id.reveal(), t0 + 61, idle);
  ASSERT_TRUE(later.ok() && later->has_value());
  EXPECT_EQ((*later)->last_seen_at, t0 + 61);
  long long stored = 0;
  *db().acquire() << "SELECT last_seen_at FROM sessions", soci::into(stored);
  EXPECT_EQ(stored, t0 + 61);
}

TEST_P(StorageSessions, RemoveEndsOneSession) {
  session_repository sessions(db());
  auto a = sessions.create(user_, t0, lifetime);
  auto b = sessions.create(user_, t0, lifetime);
  ASSERT_TRUE(a.ok() && b.ok());
  auto removed = sessions.remove(a->id.reveal());
  ASSERT_TRUE(removed.ok());
  EXPECT_TRUE(*removed);
  EXPECT_FALSE(sessions.find(a->id.reveal(), t0 + 1, idle)->has_value());
  EXPECT_TRUE(sessions.find(b->id.reveal(), t0 + 1, idle)->has_value());
  EXPECT_FALSE(*sessions.remove(a->id.reveal()));
}

TEST_P(StorageSessions, RemoveForUserKeepsTheNamedSessionAndOtherUsers) {
  session_repository sessions(db());
  auto other_user = add_user("bo@acme.example");
  auto keep = sessions.create(user_, t0, lifetime);
  auto drop = sessions.create(user_, t0, lifetime);
  auto others = sessions.create(other_user, t0, lifetime);
  ASSERT_TRUE(keep.ok() && drop.ok() && others.ok());
  auto removed = sessions.remove_for_user(user_, keep->id.reveal());
  ASSERT_TRUE(removed.ok()) << removed.err().message;
  EXPECT_EQ(*removed, 1);
  EXPECT_TRUE(sessions.find(keep->id.reveal(), t0 + 1, idle)->has_value());
  EXPECT_FALSE(sessions.find(drop->id.reveal(), t0 + 1, idle)->has_value());
  EXPECT_TRUE(sessions.find(others->id.reveal(), t0 + 1, idle)->has_value());
  EXPECT_EQ(*sessions.remove_for_user(user_), 1);
}

TEST_P(StorageSessions, PurgeExpiredDeletesIdleAndPastEndSessionsOnly) {
  session_repository sessions(db());
  auto old = sessions.create(user_, t0, lifetime);
  auto short_lived = sessions.create(user_, t0 + idle, 60);
  auto fresh = sessions.create(user_, t0 + idle, lifetime);
  ASSERT_TRUE(old.ok() && short_lived.ok() && fresh.ok());
  auto purged = sessions.purge_expired(t0 + idle + 61, idle);
  ASSERT_TRUE(purged.ok()) << purged.err().message;
  EXPECT_EQ(*purged, 2);
  EXPECT_EQ(stored_sessions(), 1);
  EXPECT_TRUE(sessions.find(fresh->id.reveal(), t0 + idle + 62, idle)->has_value());
}

TEST_P(StorageSessions, RemovingTheUserEndsTheirSessions) {
  session_repository sessions(db());
  auto s = sessions.create(user_, t0, lifetime);
  ASSERT_TRUE(s.ok());
  auto removed = storage::account_repository(db()).remove(seller_, user_);
  ASSERT_TRUE(removed.ok()) << removed.err().message;
  EXPECT_TRUE(*removed);
  EXPECT_EQ(stored_sessions(), 0);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageSessions);

class StorageSignInAttempts : public test::database_test {};

TEST_P(StorageSignInAttempts, CountsFailuresPerEmailAndAddressWithinTheWindow) {
  storage::sign_in_attempt_repository attempts(db());
  ASSERT_TRUE(attempts.record_failure("ana@acme.example", "10.0.0.1", t0).ok());
  ASSERT_TRUE(attempts.record_failure("ANA@acme.example", "10.0.0.1", t0 + 5).ok());
  ASSERT_TRUE(attempts.record_failure("ana@acme.example", "10.0.0.2", t0 + 6).ok());
  ASSERT_TRUE(attempts.record_failure("bo@acme.example", "10.0.0.1", t0 + 7).ok());
  auto c = attempts.count_for_email("ana@acme.example", "10.0.0.1", t0);
  ASSERT_TRUE(c.ok()) << c.err().message;
  EXPECT_EQ(c->failures, 2);
  EXPECT_EQ(c->oldest_at, t0);
  auto later = attempts.count_for_email("ana@acme.example", "10.0.0.1", t0 + 1);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->failures, 1);
  EXPECT_EQ(later->oldest_at, t0 + 5);
  auto by_address = attempts.count_for_address("10.0.0.1", t0);
  ASSERT_TRUE(by_address.ok());
  EXPECT_EQ(by_address->failures, 3);
}

TEST_P(StorageSignInAttempts, NoFailuresCountAsZero) {
  auto c = storage::sign_in_attempt_repository(db()).count_for_address("10.0.0.9", t0);
  ASSERT_TRUE(c.ok()) << c.err().message;
  EXPECT_EQ(c->failures, 0);
  EXPECT_EQ(c->oldest_at, 0);
}

TEST_P(StorageSignInAttempts, ClearEmailForgetsThatEmailFromEveryAddress) {
  storage::sign_in_attempt_repository attempts(db());
  ASSERT_TRUE(attempts.record_failure("ana@acme.example", "10.0.0.1", t0).ok());
  ASSERT_TRUE(attempts.record_failure("ana@acme.example", "10.0.0.2", t0).ok());
  ASSERT_TRUE(attempts.record_failure("bo@acme.example", "10.0.0.1", t0).ok());
  ASSERT_TRUE(attempts.clear_email("Ana@Acme.example").ok());
  EXPECT_EQ(attempts.count_for_email("ana@acme.example", "10.0.0.1", t0)->failures, 0);
  EXPECT_EQ(attempts.count_for_email("ana@acme.example", "10.0.0.2", t0)->failures, 0);
  EXPECT_EQ(attempts.count_for_email("bo@acme.example", "10.0.0.1", t0)->failures, 1);
}

TEST_P(StorageSignInAttempts, EmailsAreNotStoredInPlainText) {
  ASSERT_TRUE(
      storage::sign_in_attempt_repository(db()).record_failure("ana@acme.example", "10.0.0.1", t0).ok());
  std::string stored;
  *db().acquire() << "SELECT email_hash FROM sign_in_attempts", soci::into(stored);
  EXPECT_EQ(stored.find("ana"), std::string::npos) << stored;
  EXPECT_EQ(stored.size(), 64u);
}

TEST_P(StorageSignInAttempts, PurgeBeforeDropsOldFailures) {
  storage::sign_in_attempt_repository attempts(db());
  ASSERT_TRUE(attempts.record_failure("ana@acme.example", "10.0.0.1", t0).ok());
  ASSERT_TRUE(attempts.record_failure("ana@acme.example", "10.0.0.1", t0 + 100).ok());
  auto purged = attempts.purge_before(t0 + 50);
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(*purged, 1);
  EXPECT_EQ(attempts.count_for_address("10.0.0.1", 0)->failures, 1);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageSignInAttempts);

class StorageAccounts : public test::database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    if (HasFatalFailure()) return;
    auto seller = storage::seller_repository(db()).create("Acme");
    ASSERT_TRUE(seller.ok());
    seller_ = seller->id;
    domain::user u;
    u.seller_id = seller_;
    u.email = "ana@acme.example";
    u.password_hash = a_hash;
    auto added = storage::user_repository(db()).add(u);
    ASSERT_TRUE(added.ok());
    user_ = added->id;
  }
  std::int64_t seller_ = 0;
  std::int64_t user_ = 0;
};

TEST_P(StorageAccounts, SetPasswordHashReplacesTheHash) {
  const std::string fresh = "$scrypt$ln=17,r=8,p=1$bmV3$bmV3aGFzaA";
  ASSERT_TRUE(storage::account_repository(db()).set_password_hash(user_, fresh).ok());
  EXPECT_EQ((*storage::user_repository(db()).get(user_))->password_hash, fresh);
}

TEST_P(StorageAccounts, APlainPasswordIsNeverStored) {
  auto r = storage::account_repository(db()).set_password_hash(user_, "hunter22-plain");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(r.err().message.find("hunter22"), std::string::npos) << r.err().message;
  EXPECT_EQ((*storage::user_repository(db()).get(user_))->password_hash, a_hash);
}

TEST_P(StorageAccounts, SetLocaleChangesIt) {
  ASSERT_TRUE(storage::account_repository(db()).set_locale(user_, "pt").ok());
  EXPECT_EQ((*storage::user_repository(db()).get(user_))->locale, "pt");
}

TEST_P(StorageAccounts, ChangesToAnUnknownUserAreNotFound) {
  auto r = storage::account_repository(db()).set_locale(user_ + 1000, "es");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::not_found);
}

TEST_P(StorageAccounts, RemoveOnlyRemovesTheSellersOwnUser) {
  auto other = storage::seller_repository(db()).create("Other");
  ASSERT_TRUE(other.ok());
  auto wrong_seller = storage::account_repository(db()).remove(other->id, user_);
  ASSERT_TRUE(wrong_seller.ok());
  EXPECT_FALSE(*wrong_seller);
  EXPECT_TRUE((*storage::user_repository(db()).get(user_)).has_value());
  auto removed = storage::account_repository(db()).remove(seller_, user_);
  ASSERT_TRUE(removed.ok());
  EXPECT_TRUE(*removed);
  EXPECT_FALSE((*storage::user_repository(db()).get(user_)).has_value());
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageAccounts);

}  // namespace
