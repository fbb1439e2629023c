// The per-(shop, API) token bucket, on a manual clock.
#include <gtest/gtest.h>

#include "kingkung/tiktok/rate_limiter.hpp"
#include "tiktok_fakes.hpp"

namespace kingkung::tiktok {
namespace {

using namespace std::chrono_literals;

class TiktokRateLimiter : public ::testing::Test {
 protected:
  testing::manual_time time;
};

TEST_F(TiktokRateLimiter, AllowsABurstOfQpsWithoutWaiting) {
  rate_limiter limiter(5, time.pacing());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limiter.acquire("shop", "GET /a"), 0ns) << i;
  EXPECT_TRUE(time.sleeps.empty());
}

TEST_F(TiktokRateLimiter, WaitsOneIntervalOnceTheBucketIsEmpty) {
  rate_limiter limiter(5, time.pacing());
  for (int i = 0; i < 5; ++i) (void)limiter.acquire("shop", "GET /a");
  EXPECT_EQ(limiter.acquire("shop", "GET /a"), 200ms);
  EXPECT_EQ(time.sleeps, std::vector<std::chrono::nanoseconds>{200ms});
}

TEST_F(TiktokRateLimiter, SustainedCallsAreSpacedByOneOverQps) {
  rate_limiter limiter(5, time.pacing());
  for (int i = 0; i < 8; ++i) (void)limiter.acquire("shop", "GET /a");
  EXPECT_EQ(time.sleeps, (std::vector<std::chrono::nanoseconds>{200ms, 200ms, 200ms}));
  EXPECT_EQ(time.elapsed, 600ms);
}

TEST_F(TiktokRateLimiter, ShopsAndApisHaveSeparateBuckets) {
  rate_limiter limiter(1, time.pacing());
  EXPECT_EQ(limiter.acquire("shop-1", "GET /a"), 0ns);
  EXPECT_EQ(limiter.acquire("shop-2", "GET /a"), 0ns);
  EXPECT_EQ(limiter.acquire("shop-1", "GET /b"), 0ns);
  EXPECT_EQ(limiter.acquire("shop-1", "GET /a"), 1s);
}

TEST_F(TiktokRateLimiter, RefillsAfterAQuietPeriod) {
  rate_limiter limiter(5, time.pacing());
  for (int i = 0; i < 5; ++i) (void)limiter.acquire("shop", "GET /a");
  time.elapsed += 1s;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limiter.acquire("shop", "GET /a"), 0ns) << i;
}

TEST_F(TiktokRateLimiter, QuietPeriodDoesNotAccumulateMoreThanOneBurst) {
  rate_limiter limiter(2, time.pacing());
  time.elapsed += 60s;
  (void)limiter.acquire("shop", "GET /a");
  (void)limiter.acquire("shop", "GET /a");
  EXPECT_EQ(limiter.acquire("shop", "GET /a"), 500ms);
}

TEST_F(TiktokRateLimiter, TryAcquireTakesNothingWhenEmpty) {
  rate_limiter limiter(1, time.pacing());
  EXPECT_EQ(limiter.try_acquire("shop", "GET /a"), 0ns);
  EXPECT_EQ(limiter.try_acquire("shop", "GET /a"), 1s);
  EXPECT_EQ(limiter.try_acquire("shop", "GET /a"), 1s);  // the refusal reserved nothing
  time.elapsed += 1s;
  EXPECT_EQ(limiter.try_acquire("shop", "GET /a"), 0ns);
}

TEST_F(TiktokRateLimiter, ZeroQpsIsTreatedAsOne) {
  rate_limiter limiter(0, time.pacing());
  EXPECT_EQ(limiter.qps(), 1u);
  (void)limiter.acquire("shop", "GET /a");
  EXPECT_EQ(limiter.acquire("shop", "GET /a"), 1s);
}

}  // namespace
}  // namespace kingkung::tiktok
