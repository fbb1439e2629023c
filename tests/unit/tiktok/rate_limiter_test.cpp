// The per-(shop, API) rate limit: at most qps calls start in any one-second window. Driven through
// manual pacing clocks, never the wall clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

#include "kingkung/tiktok/rate_limiter.hpp"
#include "tiktok_fakes.hpp"

namespace kingkung::tiktok {
namespace {

using namespace std::chrono_literals;
using std::chrono::nanoseconds;

// A clock that stands still: sleeps are recorded but move nothing, so several callers can be made to
// wait at once and the order of the starts they were given can be read from their waits.
class frozen_clock final : public pacing_clock {
 public:
  std::chrono::steady_clock::time_point now() const noexcept override {
    std::lock_guard lock(mutex_);
    return std::chrono::steady_clock::time_point{} + at_;
  }
  void sleep_for(nanoseconds d) noexcept override {
    std::lock_guard lock(mutex_);
    if (d.count() > 0) sleeps_.push_back(d);
  }
  void set(nanoseconds at) {
    std::lock_guard lock(mutex_);
    at_ = at;
  }

 private:
  mutable std::mutex mutex_;
  nanoseconds at_{0};
  std::vector<nanoseconds> sleeps_;
};

// The first pair of starts, qps apart in order, that lie less than a second apart: a one-second window
// holding qps + 1 calls. Empty when every window holds at most qps.
std::string first_crowded_window(std::vector<nanoseconds> starts, unsigned qps) {
  std::sort(starts.begin(), starts.end());
  for (std::size_t i = 0; i + qps < starts.size(); ++i) {
    if (starts[i + qps] - starts[i] < 1s)
      return std::to_string(qps + 1) + " calls start within [" + std::to_string(starts[i].count()) + " ns, " +
             std::to_string(starts[i + qps].count()) + " ns]";
  }
  return {};
}

class TiktokRateLimiter : public ::testing::Test {
 protected:
  testing::manual_time time;
};

TEST_F(TiktokRateLimiter, AllowsABurstOfQpsWithoutWaiting) {
  rate_limiter limiter(5, time.pacing());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limiter.acquire("shop", "GET /a"), 0ns) << i;
  EXPECT_TRUE(time.sleeps.empty());
}

TEST_F(TiktokRateLimiter, AfterABurstTheNextCallWaitsUntilTheBurstIsASecondOld) {
  rate_limiter limiter(5, time.pacing());
  for (int i = 0; i < 5; ++i) (void)limiter.acquire("shop", "GET /a");
  EXPECT_EQ(limiter.acquire("shop", "GET /a"), 1s);
  EXPECT_EQ(time.sleeps, std::vector<nanoseconds>{1s});
}

TEST_F(TiktokRateLimiter, EachCallWaitsForTheCallQpsBeforeItToBeASecondOld) {
  rate_limiter limiter(2, time.pacing());
  (void)limiter.acquire("shop", "GET /a");  // starts at 0
  time.elapsed += 300ms;
  (void)limiter.acquire("shop", "GET /a");  // starts at 300 ms
  time.elapsed += 100ms;
  EXPECT_EQ(limiter.acquire("shop", "GET /a"), 600ms);  // at 1 s, a second after the first
  EXPECT_EQ(limiter.acquire("shop", "GET /a"), 300ms);  // at 1.3 s, a second after the second
}

TEST_F(TiktokRateLimiter, NoOneSecondWindowEverHoldsMoreThanQpsCalls) {
  constexpr unsigned qps = 7;
  rate_limiter limiter(qps, time.pacing());
  std::mt19937 pick(20240607);  // a fixed seed: the same mixed run every time
  std::vector<nanoseconds> starts;
  std::size_t waited = 0;
  for (int round = 0; round < 400; ++round) {
    switch (pick() % 4) {
      case 0:  // a quiet period, often longer than a second, then a burst
        time.elapsed += std::chrono::milliseconds{pick() % 2500};
        for (unsigned i = 0, n = 1 + pick() % (2 * qps); i < n; ++i) {
          waited += limiter.acquire("shop", "GET /a") > 0ns ? 1 : 0;
          starts.push_back(time.elapsed);
        }
        break;
      case 1:  // calls arriving spaced out, at times faster than qps
        for (unsigned i = 0, n = 1 + pick() % 20; i < n; ++i) {
          time.elapsed += std::chrono::milliseconds{pick() % 300};
          waited += limiter.acquire("shop", "GET /a") > 0ns ? 1 : 0;
          starts.push_back(time.elapsed);
        }
        break;
      case 2:  // a caller that only takes a free slot
        time.elapsed += std::chrono::milliseconds{pick() % 400};
        if (limiter.try_acquire("shop", "GET /a") == 0ns) starts.push_back(time.elapsed);
        break;
      default:  // a pause a little under or over a second
        time.elapsed += std::chrono::milliseconds{900 + pick() % 200};
        break;
    }
  }
  ASSERT_GT(starts.size(), 1500u);
  ASSERT_GT(waited, 100u);  // the run did push against the limit
  EXPECT_EQ(first_crowded_window(starts, qps), "");
}

TEST_F(TiktokRateLimiter, SteadyCallersStillGetQpsCallsEverySecond) {
  rate_limiter limiter(5, time.pacing());
  std::vector<nanoseconds> starts;
  while (time.elapsed < 10s) {
    (void)limiter.acquire("shop", "GET /a");
    if (time.elapsed < 10s) starts.push_back(time.elapsed);
  }
  EXPECT_EQ(starts.size(), 50u);
  for (int second = 0; second < 10; ++second) {
    auto in_second = std::count_if(starts.begin(), starts.end(), [second](nanoseconds t) {
      return t >= std::chrono::seconds{second} && t < std::chrono::seconds{second + 1};
    });
    EXPECT_EQ(in_second, 5) << "second " << second;
  }
}

TEST_F(TiktokRateLimiter, ShopsAndApisHaveSeparateWindows) {
  rate_limiter limiter(1, time.pacing());
  EXPECT_EQ(limiter.acquire("shop-1", "GET /a"), 0ns);
  EXPECT_EQ(limiter.acquire("shop-2", "GET /a"), 0ns);
  EXPECT_EQ(limiter.acquire("shop-1", "GET /b"), 0ns);
  EXPECT_EQ(limiter.acquire("shop-1", "GET /a"), 1s);
}

TEST_F(TiktokRateLimiter, AFullBurstIsAllowedAgainAfterAQuietSecond) {
  rate_limiter limiter(5, time.pacing());
  for (int i = 0; i < 5; ++i) (void)limiter.acquire("shop", "GET /a");
  time.elapsed += 1s;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limiter.acquire("shop", "GET /a"), 0ns) << i;
}

TEST_F(TiktokRateLimiter, AQuietPeriodDoesNotAllowMoreThanOneBurst) {
  rate_limiter limiter(2, time.pacing());
  time.elapsed += 60s;
  (void)limiter.acquire("shop", "GET /a");
  (void)limiter.acquire("shop", "GET /a");
  EXPECT_EQ(limiter.acquire("shop", "GET /a"), 1s);
}

TEST_F(TiktokRateLimiter, ReleasingIdleWindowsKeepsTheLimitOfActiveOnes) {
  rate_limiter limiter(2, time.pacing());
  for (int i = 0; i < 1000; ++i) (void)limiter.acquire("old-" + std::to_string(i), "GET /a");
  time.elapsed += 2s;  // the old windows are idle now
  (void)limiter.acquire("busy", "GET /a");
  (void)limiter.acquire("busy", "GET /a");
  for (int i = 0; i < 1100; ++i) {  // enough new windows for a sweep of the idle ones
    time.elapsed += 100us;
    (void)limiter.acquire("new-" + std::to_string(i), "GET /a");
  }
  EXPECT_EQ(limiter.try_acquire("busy", "GET /a"), 890ms);  // free at 3 s; it is 2.11 s
  EXPECT_EQ(limiter.try_acquire("new-1099", "GET /a"), 0ns);
  EXPECT_EQ(limiter.try_acquire("new-1099", "GET /a"), 1s);
}

TEST(TiktokRateLimiterOrder, WaitingCallersAreServedInTheOrderTheyCame) {
  auto clock = std::make_shared<frozen_clock>();
  rate_limiter limiter(3, clock);
  for (auto at : {0ms, 100ms, 200ms}) {
    clock->set(at);
    ASSERT_EQ(limiter.acquire("shop", "GET /a"), 0ns);
  }
  clock->set(300ms);
  // Three callers arrive while the window is full; none has started when the next arrives.
  EXPECT_EQ(limiter.acquire("shop", "GET /a"), 700ms);  // starts at 1.0 s
  EXPECT_EQ(limiter.acquire("shop", "GET /a"), 800ms);  // 1.1 s
  EXPECT_EQ(limiter.acquire("shop", "GET /a"), 900ms);  // 1.2 s
  // A later caller cannot jump ahead of them: the next free start is a second after the first waiter.
  EXPECT_EQ(limiter.try_acquire("shop", "GET /a"), 1700ms);
}

TEST(TiktokRateLimiterOrder, ConcurrentCallersEachGetTheirOwnStart) {
  constexpr unsigned qps = 5;
  auto clock = std::make_shared<frozen_clock>();
  rate_limiter limiter(qps, clock);
  std::mutex mutex;
  std::vector<nanoseconds> starts;
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t) {
    callers.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto wait = limiter.acquire("shop", "GET /a");
        std::lock_guard lock(mutex);
        starts.push_back(wait);  // the clock stands at 0, so the wait is the start
      }
    });
  }
  for (auto& c : callers) c.join();
  ASSERT_EQ(starts.size(), 200u);
  std::sort(starts.begin(), starts.end());
  for (std::size_t k = 0; k < starts.size(); ++k)
    ASSERT_EQ(starts[k], std::chrono::seconds{k / qps}) << "start " << k;
}

TEST_F(TiktokRateLimiter, TryAcquireTakesNothingWhenFullAndSaysHowLongUntilFree) {
  rate_limiter limiter(2, time.pacing());
  EXPECT_EQ(limiter.try_acquire("shop", "GET /a"), 0ns);
  time.elapsed += 400ms;
  EXPECT_EQ(limiter.try_acquire("shop", "GET /a"), 0ns);
  time.elapsed += 200ms;
  EXPECT_EQ(limiter.try_acquire("shop", "GET /a"), 400ms);
  EXPECT_EQ(limiter.try_acquire("shop", "GET /a"), 400ms);  // the refusal reserved nothing
  time.elapsed += 400ms;
  EXPECT_EQ(limiter.try_acquire("shop", "GET /a"), 0ns);
  EXPECT_EQ(limiter.try_acquire("shop", "GET /a"), 400ms);  // now the 400 ms call is the oldest
  EXPECT_TRUE(time.sleeps.empty());
}

TEST_F(TiktokRateLimiter, ZeroQpsIsTreatedAsOne) {
  rate_limiter limiter(0, time.pacing());
  EXPECT_EQ(limiter.qps(), 1u);
  (void)limiter.acquire("shop", "GET /a");
  EXPECT_EQ(limiter.acquire("shop", "GET /a"), 1s);
}

}  // namespace
}  // namespace kingkung::tiktok
