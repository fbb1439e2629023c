// Retries after a 429: the first waits out the platform's one-second window (plus the jitter draw),
// Retry-After still decides when the platform sends it, and 5xx keep the plain exponential backoff.
#include <gtest/gtest.h>

#include "kingkung/tiktok/backoff.hpp"
#include "kingkung/tiktok/orders.hpp"
#include "tiktok_fakes.hpp"

namespace kingkung::tiktok {
namespace {

using namespace std::chrono_literals;
using std::chrono::nanoseconds;
using testing::error_body;

std::int64_t no_jitter(std::int64_t) {
  return 0;
}

TEST(TiktokBackoffRateLimited, WithoutRetryAfterTheWaitIsTheWindowPlusTheDrawA5xxWouldGet) {
  backoff_policy p{200ms, 10000ms, 5};
  auto half = [](std::int64_t max) { return max / 2; };
  for (unsigned retry = 0; retry < 8; ++retry)
    EXPECT_EQ(rate_limited_delay(p, retry, half), 1000ms + backoff_delay(p, retry, half)) << retry;
  EXPECT_EQ(rate_limited_delay(p, 2, half), 1400ms);  // half of the 800 ms ceiling, after the window
}

TEST(TiktokBackoffRateLimited, ALowDrawStillWaitsTheWholeWindow) {
  backoff_policy p{200ms, 10000ms, 5};
  EXPECT_EQ(rate_limited_delay(p, 0, no_jitter), 1000ms);
  EXPECT_EQ(backoff_delay(p, 0, no_jitter), 0ms);  // what a 5xx gets with the same draw
}

TEST(TiktokBackoffRateLimited, TheCapBoundsTheDrawNotTheWindow) {
  backoff_policy p{200ms, 300ms, 5};
  auto full = [](std::int64_t max) { return max; };
  EXPECT_EQ(rate_limited_delay(p, 4, full), 1300ms);
}

TEST(TiktokBackoffRateLimited, RetryAfterDecidesWhenGiven) {
  backoff_policy p{200ms, 10000ms, 5};
  EXPECT_EQ(rate_limited_delay(p, 0, no_jitter, 3000ms), 3000ms);
  EXPECT_EQ(rate_limited_delay(p, 0, no_jitter, 1000ms), 1000ms);  // not window + Retry-After
}

TEST(TiktokBackoffRateLimited, TheWindowComesFromThePolicy) {
  backoff_policy p{200ms, 10000ms, 5, 2500ms};
  EXPECT_EQ(rate_limited_delay(p, 0, no_jitter), 2500ms);
}

// A client on a manual clock whose jitter draws `draw` of the ceiling (0: none, 1: all of it).
struct rate_limited_client {
  explicit rate_limited_client(double draw) {
    transport = std::make_shared<testing::scripted_transport>();
    client_options options;
    options.app_key = std::string(testing::test_app_key);
    options.app_secret = secret(std::string(testing::test_app_secret));
    options.qps_per_api = 1000;
    options.backoff.base = 200ms;
    options.backoff.cap = 10000ms;
    options.backoff.max_retries = 4;
    client_services services;
    services.transport = transport;
    services.tokens = std::make_shared<testing::counting_tokens>();
    services.clock = time.wall_clock();
    services.pacing = time.pacing();
    services.jitter = [draw](std::int64_t max) {
      return static_cast<std::int64_t>(static_cast<double>(max) * draw);
    };
    api = std::make_unique<client>(std::move(options), std::move(services));
  }
  // The waits of one search that ends in success after the scripted answers.
  std::vector<nanoseconds> waits_of_a_search() {
    transport->reply_ok(R"({"orders":[],"next_page_token":"","total_count":0})");
    auto r = search_orders(*api, shop, {});
    EXPECT_TRUE(r.ok()) << r.err().to_string();
    return time.sleeps;
  }
  void answer_429(std::vector<plugin::http_header> headers = {}) {
    transport->reply(429, error_body(36009002, "Too many requests."), std::move(headers));
  }

  testing::manual_time time;
  std::shared_ptr<testing::scripted_transport> transport;
  std::unique_ptr<client> api;
  shop_ref shop{"7495540735365777507", "ROW_cipher_mx_1"};
};

TEST(TiktokClientRateLimitedRetry, TheFirstRetryAfterA429WaitsAFullSecondEvenWithoutJitter) {
  rate_limited_client c(0.0);
  c.answer_429();
  EXPECT_EQ(c.waits_of_a_search(), std::vector<nanoseconds>{1000ms});
  ASSERT_EQ(c.transport->requests.size(), 2u);
  EXPECT_NE(testing::param(c.transport->requests[0], "timestamp"),
            testing::param(c.transport->requests[1], "timestamp"));  // a new platform second
}

TEST(TiktokClientRateLimitedRetry, EachRetryWaitsTheWindowPlusTheGrowingDraw) {
  rate_limited_client c(1.0);
  for (int i = 0; i < 3; ++i) c.answer_429();
  EXPECT_EQ(c.waits_of_a_search(), (std::vector<nanoseconds>{1200ms, 1400ms, 1800ms}));
}

TEST(TiktokClientRateLimitedRetry, ServerErrorsKeepThePlainExponentialBackoff) {
  rate_limited_client c(0.0);
  c.transport->reply(503, "Service Unavailable");
  c.transport->reply(200, error_body(36009003, "Internal error. Please try again"));
  EXPECT_TRUE(c.waits_of_a_search().empty());  // zero draws: retried at once, as before
  EXPECT_EQ(c.transport->requests.size(), 3u);
}

TEST(TiktokClientRateLimitedRetry, RetryAfterIsWaitedExactlyWhenLongerThanTheDraw) {
  rate_limited_client c(0.0);
  c.answer_429({{"Retry-After", "3"}});
  EXPECT_EQ(c.waits_of_a_search(), std::vector<nanoseconds>{3000ms});
}

TEST(TiktokClientRateLimitedRetry, A429AfterA5xxStillWaitsTheWindow) {
  rate_limited_client c(0.5);
  c.transport->reply(503, "Service Unavailable");
  c.answer_429();
  EXPECT_EQ(c.waits_of_a_search(), (std::vector<nanoseconds>{100ms, 1200ms}));
}

}  // namespace
}  // namespace kingkung::tiktok
