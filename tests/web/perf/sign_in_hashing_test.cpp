// Password hashing on a bounded pool: however many sign-ins arrive at once, at most two scrypt hashes
// (128 MiB each) run; one that waits too long is answered 503 with Retry-After.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "kingkung/auth/hashing_gate.hpp"
#include "kingkung/storage/sign_in_attempt_repository.hpp"
#include "perf_host.hpp"

namespace {

using namespace kingkung;
using namespace std::chrono_literals;

class WebPerfSignInHashing : public web_test::shared_host<WebPerfSignInHashing, web_test::light_host> {};

TEST_F(WebPerfSignInHashing, ConcurrentSignInsNeverRunMoreThanTwoHashesAtOnce) {
  constexpr unsigned sign_ins = 6;
  perf_test::hashing_gate_scope restore;
  auto& gate = auth::password_hashing_gate();
  // The cap is what is under test, not the wait: nobody is refused here, however slow the machine.
  gate.configure(2, std::chrono::minutes(2));
  // Wrong passwords against light hashes: one cheap verification per sign-in, no re-hash.
  auto& rt = app().runtime();
  std::vector<std::string> emails;
  for (unsigned i = 0; i < sign_ins; ++i) {
    emails.push_back("concurrent-" + std::to_string(i) + "@example.com");
    auth_test::add_user(rt, auth_test::demo_seller_id(rt), emails.back(), "the right password",
                        domain::role::staff);
  }
  perf_test::threaded_host host(app(), sign_ins);
  std::atomic<unsigned> most_running{0};
  std::atomic<unsigned> entered{0};
  gate.reset_peak();
  gate.on_enter([&](unsigned running) {
    unsigned seen = most_running.load();
    while (running > seen && !most_running.compare_exchange_weak(seen, running)) {
    }
    // The first two hashes wait (bounded) until the other sign-ins are queued behind them, so that all
    // six really contend for the gate.
    if (entered.fetch_add(1) < 2) {
      const auto give_up = std::chrono::steady_clock::now() + 30s;
      while (gate.waiting() < sign_ins - 2 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(1ms);
    }
  });
  std::vector<std::thread> clients;
  std::atomic<unsigned> refused{0};
  for (unsigned i = 0; i < sign_ins; ++i)
    clients.emplace_back([&, i] {
      auth_test::auth_client c(host.port());
      if (c.sign_in(emails[i], "a wrong password").result_int() == 401) ++refused;
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(refused.load(), sign_ins) << "every sign-in was checked, none turned away as busy";
  EXPECT_EQ(entered.load(), sign_ins) << "one hash per sign-in";
  EXPECT_EQ(most_running.load(), 2u);
  EXPECT_EQ(gate.peak(), 2u);
}

TEST_F(WebPerfSignInHashing, ASignInThatCannotGetAHashingSlotIsAnswered503WithRetryAfter) {
  perf_test::hashing_gate_scope restore;
  auto& gate = auth::password_hashing_gate();
  gate.configure(2, 0ms);
  auto first = gate.enter();
  auto second = gate.enter();
  ASSERT_TRUE(first && second);
  auth_test::auth_client c(app().port());
  auto r = c.sign_in(web_test::demo_email, web_test::demo_password);
  EXPECT_EQ(r.result_int(), 503) << r.body();
  EXPECT_EQ(auth_test::error_code(r), "busy");
  auto retry = r.find("Retry-After");
  ASSERT_NE(retry, r.end());
  EXPECT_GE(std::stoi(std::string(retry->value())), 1);
  EXPECT_NE(r.body().find("try again in"), std::string::npos) << r.body();
}

TEST_F(WebPerfSignInHashing, ABusyRefusalIsNotCountedAsAFailedSignIn) {
  perf_test::hashing_gate_scope restore;
  auto& gate = auth::password_hashing_gate();
  gate.configure(1, 0ms);
  {
    auto held = gate.enter();
    ASSERT_TRUE(held.has_value());
    auth_test::auth_client c(app().port());
    ASSERT_EQ(c.sign_in(web_test::demo_email, "a wrong password").result_int(), 503);
  }
  auto counted = storage::sign_in_attempt_repository(app().runtime().database())
                     .count_for_email(web_test::demo_email, "127.0.0.1", 0);
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(counted->failures, 0);
}

TEST_F(WebPerfSignInHashing, OnceASlotIsFreeTheSameSignInSucceeds) {
  perf_test::hashing_gate_scope restore;
  auto& gate = auth::password_hashing_gate();
  gate.configure(1, 0ms);
  {
    auto held = gate.enter();
    auth_test::auth_client refused(app().port());
    ASSERT_EQ(refused.sign_in(web_test::demo_email, web_test::demo_password).result_int(), 503);
  }
  auth_test::auth_client c(app().port());
  EXPECT_EQ(c.sign_in(web_test::demo_email, web_test::demo_password).result_int(), 200);
}

}  // namespace
