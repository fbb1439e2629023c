// Capped exponential backoff with full jitter.
#include <gtest/gtest.h>

#include "kingkung/tiktok/backoff.hpp"

namespace kingkung::tiktok {
namespace {

using namespace std::chrono_literals;

TEST(TiktokBackoff, CeilingDoublesUntilTheCap) {
  backoff_policy p{200ms, 1000ms, 5};
  EXPECT_EQ(p.ceiling(0), 200ms);
  EXPECT_EQ(p.ceiling(1), 400ms);
  EXPECT_EQ(p.ceiling(2), 800ms);
  EXPECT_EQ(p.ceiling(3), 1000ms);
  EXPECT_EQ(p.ceiling(4), 1000ms);
}

TEST(TiktokBackoff, HugeRetryNumberStaysAtTheCap) {
  backoff_policy p{200ms, 10000ms, 5};
  EXPECT_EQ(p.ceiling(1000), 10000ms);
}

TEST(TiktokBackoff, DelayIsTheJitterDrawBelowTheCeiling) {
  backoff_policy p{200ms, 10000ms, 5};
  std::int64_t asked = -1;
  auto half = [&](std::int64_t max) {
    asked = max;
    return max / 2;
  };
  EXPECT_EQ(backoff_delay(p, 2, half), 400ms);
  EXPECT_EQ(asked, 800);
}

TEST(TiktokBackoff, JitterOutsideTheRangeIsClamped) {
  backoff_policy p{200ms, 10000ms, 5};
  EXPECT_EQ(backoff_delay(p, 0, [](std::int64_t) { return std::int64_t{99999}; }), 200ms);
  EXPECT_EQ(backoff_delay(p, 0, [](std::int64_t) { return std::int64_t{-5}; }), 0ms);
}

TEST(TiktokBackoff, RetryAfterRaisesTheDelay) {
  backoff_policy p{200ms, 10000ms, 5};
  EXPECT_EQ(backoff_delay(
                p, 0, [](std::int64_t) { return std::int64_t{0}; }, 3000ms),
            3000ms);
}

TEST(TiktokBackoff, RandomJitterStaysWithinZeroAndMax) {
  auto jitter = random_jitter();
  bool saw_low = false;
  bool saw_high = false;
  for (int i = 0; i < 2000; ++i) {
    auto v = jitter(10);
    ASSERT_GE(v, 0);
    ASSERT_LE(v, 10);
    saw_low = saw_low || v <= 2;
    saw_high = saw_high || v >= 8;
  }
  EXPECT_TRUE(saw_low && saw_high);  // full jitter spreads over the whole range
  EXPECT_EQ(jitter(0), 0);
}

}  // namespace
}  // namespace kingkung::tiktok
