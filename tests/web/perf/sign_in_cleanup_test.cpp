// Ended sessions and old failed sign-ins are deleted by the platform services' hourly clean-up
// (app::clean_up_sign_ins), no longer by each successful sign-in.
#include <gtest/gtest.h>

#include <soci/soci.h>

#include <chrono>

#include "kingkung/app/platform_services.hpp"
#include "kingkung/storage/session_repository.hpp"
#include "kingkung/storage/sign_in_attempt_repository.hpp"
#include "perf_host.hpp"

namespace {

using namespace kingkung;

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class WebPerfSignInCleanup : public web_test::shared_host<WebPerfSignInCleanup, web_test::light_host> {
 protected:
  void SetUp() override {
    auto& db = app().runtime().database();
    *db.acquire() << "DELETE FROM sessions";
    *db.acquire() << "DELETE FROM sign_in_attempts";
  }
  storage::database& db() { return app().runtime().database(); }
  std::int64_t a_user() {
    auto& rt = app().runtime();
    auto email = "cleanup-" + std::to_string(++users_) + "@example.com";  // unique across the suite
    return auth_test::add_user(rt, auth_test::demo_seller_id(rt), email, "a password for cleanup",
                               domain::role::staff)
        .id;
  }
  long long count(const std::string& table) {
    long long n = 0;
    *db().acquire() << "SELECT count(*) FROM " + table, soci::into(n);
    return n;
  }
  inline static int users_ = 0;
};

TEST_F(WebPerfSignInCleanup, RemovesSessionsPastEitherLimitAndKeepsLiveOnes) {
  const auto now = unix_now();
  const auto user = a_user();
  storage::session_repository sessions(db());
  const std::int64_t idle = 30 * 60;
  ASSERT_TRUE(sessions.create(user, now - idle - 120, 12 * 3600).ok());  // unused for longer than idle
  ASSERT_TRUE(sessions.create(user, now - 13 * 3600, 12 * 3600).ok());   // past its absolute limit
  auto live = sessions.create(user, now - 60, 12 * 3600);
  ASSERT_TRUE(live.ok());
  auto cleaned = app::clean_up_sign_ins(db(), app().runtime().config(), now);
  ASSERT_TRUE(cleaned.ok()) << cleaned.err().message;
  EXPECT_EQ(cleaned->sessions, 2);
  EXPECT_EQ(count("sessions"), 1);
  auto still = sessions.find(live->id.reveal(), now, idle);
  ASSERT_TRUE(still.ok());
  EXPECT_TRUE(still->has_value());
}

TEST_F(WebPerfSignInCleanup, RemovesFailedSignInsOlderThanADayAndKeepsRecentOnes) {
  const auto now = unix_now();
  storage::sign_in_attempt_repository attempts(db());
  ASSERT_TRUE(
      attempts
          .record_failure("someone@example.com", "127.0.0.1", now - app::failed_sign_in_retention_seconds - 1)
          .ok());
  ASSERT_TRUE(attempts.record_failure("someone@example.com", "127.0.0.1", now - 60).ok());
  auto cleaned = app::clean_up_sign_ins(db(), app().runtime().config(), now);
  ASSERT_TRUE(cleaned.ok()) << cleaned.err().message;
  EXPECT_EQ(cleaned->failed_sign_ins, 1);
  auto left = attempts.count_for_email("someone@example.com", "127.0.0.1", 0);
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->failures, 1);
  EXPECT_EQ(left->oldest_at, now - 60);
}

web_test::app_options five_minute_sessions() {
  auto o = web_test::light_host();
  o.extra_toml = "[web.sessions]\nidle_minutes = 5\n";
  return o;
}

class WebPerfSignInCleanupConfigured
    : public web_test::shared_host<WebPerfSignInCleanupConfigured, five_minute_sessions> {};

TEST_F(WebPerfSignInCleanupConfigured, UsesTheConfiguredIdleLimit) {
  auto& rt = app().runtime();
  const auto now = unix_now();
  const auto user = auth_test::add_user(rt, auth_test::demo_seller_id(rt), "idle@example.com",
                                        "a password for cleanup", domain::role::staff);
  storage::session_repository sessions(rt.database());
  // Unused for six minutes: ended under idle_minutes = 5, alive under the default 30.
  ASSERT_TRUE(sessions.create(user.id, now - 6 * 60, 12 * 3600).ok());
  auto cleaned = app::clean_up_sign_ins(rt.database(), rt.config(), now);
  ASSERT_TRUE(cleaned.ok()) << cleaned.err().message;
  EXPECT_EQ(cleaned->sessions, 1);
}

TEST_F(WebPerfSignInCleanup, ASuccessfulSignInNoLongerSweepsOtherEndedSessions) {
  const auto now = unix_now();
  const auto user = a_user();
  ASSERT_TRUE(storage::session_repository(db()).create(user, now - 13 * 3600, 12 * 3600).ok());
  auth_test::auth_client c(app().port());
  ASSERT_EQ(c.sign_in(web_test::demo_email, web_test::demo_password).result_int(), 200);
  EXPECT_EQ(count("sessions"), 2) << "the ended session waits for the hourly clean-up";
}

}  // namespace
