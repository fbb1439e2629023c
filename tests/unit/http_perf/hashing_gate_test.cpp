// auth::hashing_gate: at most `capacity` password hashes at once; the rest wait, for a bounded time.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "kingkung/auth/hashing_gate.hpp"
#include "kingkung/auth/password.hpp"

namespace kingkung::auth {
namespace {

using namespace std::chrono_literals;

// Waits (bounded) until `done` holds; the bound only keeps a broken gate from hanging the test.
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 5000 && !done(); ++i) std::this_thread::sleep_for(1ms);
  return done();
}

// Restores the process gate after a test changed it.
class ProcessGateScope {
 public:
  ProcessGateScope()
      : capacity_(password_hashing_gate().capacity()), max_wait_(password_hashing_gate().max_wait()) {}
  ~ProcessGateScope() {
    password_hashing_gate().on_enter({});
    password_hashing_gate().configure(capacity_, max_wait_);
  }

 private:
  unsigned capacity_;
  std::chrono::milliseconds max_wait_;
};

constexpr scrypt_params light{10, 8, 1};

TEST(HttpPerfHashingGate, ManyConcurrentEntrantsNeverRunMoreThanTheCapacity) {
  constexpr unsigned entrants = 6;
  hashing_gate gate(2, 30s);
  std::atomic<unsigned> most_seen{0};
  std::atomic<unsigned> entered{0};
  gate.on_enter([&](unsigned running) {
    unsigned seen = most_seen.load();
    while (running > seen && !most_seen.compare_exchange_weak(seen, running)) {
    }
    // The first two hold their slots until every other entrant is queued, so all six contend at once.
    if (entered.fetch_add(1) < 2) eventually([&] { return gate.waiting() >= entrants - 2; });
  });
  std::vector<std::thread> threads;
  std::atomic<unsigned> served{0};
  for (unsigned i = 0; i < entrants; ++i)
    threads.emplace_back([&] {
      if (auto t = gate.enter()) ++served;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(served.load(), entrants);
  EXPECT_EQ(most_seen.load(), 2u);
  EXPECT_EQ(gate.peak(), 2u);
  EXPECT_EQ(gate.running(), 0u);
}

TEST(HttpPerfHashingGate, AFullGateRefusesAfterItsMaximumWait) {
  hashing_gate gate(1, 20ms);
  auto held = gate.enter();
  ASSERT_TRUE(held.has_value());
  EXPECT_FALSE(gate.enter().has_value());
  EXPECT_EQ(gate.waiting(), 0u);
}

TEST(HttpPerfHashingGate, RefusalThrowsHashingBusyWithARetryAfter) {
  hashing_gate gate(1, 0ms);
  auto held = gate.enter();
  ASSERT_TRUE(held.has_value());
  try {
    (void)gate.enter_or_throw();
    FAIL() << "a full gate let a second hash in";
  } catch (const hashing_busy& e) {
    EXPECT_GE(e.retry_after_seconds(), 1);
    EXPECT_NE(std::string(e.what()).find("try again in"), std::string::npos);
  }
}

TEST(HttpPerfHashingGate, AWaiterTakesTheSlotThatIsFreed) {
  hashing_gate gate(1, 30s);
  auto held = gate.enter();
  ASSERT_TRUE(held.has_value());
  std::atomic<bool> got{false};
  std::thread waiter([&] { got = gate.enter().has_value(); });
  ASSERT_TRUE(eventually([&] { return gate.waiting() == 1; }));
  EXPECT_FALSE(got.load());
  held.reset();
  waiter.join();
  EXPECT_TRUE(got.load());
}

TEST(HttpPerfPasswordHashing, EveryHashAndVerificationPassesThroughTheProcessGate) {
  ProcessGateScope restore;
  std::atomic<int> entries{0};
  password_hashing_gate().on_enter([&](unsigned) { ++entries; });
  auto hash = hash_password("correct horse battery", light);
  EXPECT_EQ(entries.load(), 1);
  EXPECT_TRUE(verify_password("correct horse battery", hash));
  EXPECT_EQ(entries.load(), 2);
}

TEST(HttpPerfPasswordHashing, TheProcessGateAllowsTwoAtATime) {
  EXPECT_EQ(password_hashing_gate().capacity(), 2u);
}

TEST(HttpPerfPasswordHashing, VerificationThatCannotGetASlotThrowsInsteadOfSayingWrongPassword) {
  ProcessGateScope restore;
  auto hash = hash_password("correct horse battery", light);
  password_hashing_gate().configure(1, 0ms);
  auto held = password_hashing_gate().enter();
  ASSERT_TRUE(held.has_value());
  EXPECT_THROW((void)verify_password("correct horse battery", hash), hashing_busy);
  EXPECT_THROW((void)hash_password("another password", light), hashing_busy);
  held.reset();
  EXPECT_TRUE(verify_password("correct horse battery", hash));
}

}  // namespace
}  // namespace kingkung::auth
