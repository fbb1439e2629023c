// The simulator's own call log (docs/simulator.md, "Call log"): every platform call with its official
// path, its query without secrets, status, code, request id and latency; filters; a bounded ring.
#include <gtest/gtest.h>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimCallLog : public ::testing::Test {
 protected:
  harness h;
  connection us = h.connect("demo-us");

  response search() {
    return h.api(us, "POST", "/order/202309/orders/search", {{"page_size", "5"}}, json::object{});
  }
  json::array calls(const std::string& query = "") {
    auto r = h.control("GET", "calls" + (query.empty() ? "" : "?" + query));
    EXPECT_EQ(r.code, 0) << r.message;
    return r.obj().at("calls").as_array();
  }
};

TEST_F(SimCallLog, RecordsTheCallWithItsOfficialPathStatusCodeAndRequestId) {
  auto answered = search();
  auto last = calls().back().as_object();
  EXPECT_EQ(last.at("method"), "POST");
  EXPECT_EQ(last.at("path"), "/order/202309/orders/search");
  EXPECT_EQ(last.at("host"), "api");
  EXPECT_EQ(last.at("status"), 200);
  EXPECT_EQ(last.at("code"), 0);
  EXPECT_EQ(last.at("request_id"), answered.request_id);
  EXPECT_EQ(last.at("shop_id"), "7495540735365777510");
  EXPECT_EQ(last.at("time"), h.engine().now());
  EXPECT_TRUE(last.at("latency_us").is_int64());
  EXPECT_GE(last.at("latency_us").as_int64(), 0);
}

TEST_F(SimCallLog, KeepsTheQueryButNeverASecret) {
  search();
  auto refreshed = h.token_refresh(us.refresh_token);
  ASSERT_EQ(refreshed.code, 0);
  std::string text = json::serialize(calls("limit=10000"));
  EXPECT_NE(text.find("page_size=5"), std::string::npos) << text;
  EXPECT_NE(text.find("grant_type=refresh_token"), std::string::npos) << text;
  EXPECT_EQ(text.find("sign="), std::string::npos) << text;
  EXPECT_EQ(text.find("app_secret"), std::string::npos) << text;
  EXPECT_EQ(text.find(std::string(app_secret)), std::string::npos) << text;
  EXPECT_EQ(text.find(us.access_token), std::string::npos) << text;
  EXPECT_EQ(text.find(us.refresh_token), std::string::npos) << text;
  EXPECT_EQ(text.find("auth_code="), std::string::npos) << text;
}

TEST_F(SimCallLog, ControlCallsAreNotRecorded) {
  auto before = calls("limit=10000").size();
  h.control("GET", "summary");
  h.control("GET", "clock");
  EXPECT_EQ(calls("limit=10000").size(), before);
}

TEST_F(SimCallLog, RecordsAFaultedCallWithItsFaultAndATimeoutWithNoStatus) {
  ASSERT_EQ(h.control("POST", "faults/next", json::object{{"kind", "429"}}).code, 0);
  search();
  ASSERT_EQ(h.control("POST", "faults/next", json::object{{"kind", "timeout"}}).code, 0);
  search();
  auto log = calls();
  auto limited = log[log.size() - 2].as_object();
  auto timed_out = log.back().as_object();
  EXPECT_EQ(limited.at("fault"), "429");
  EXPECT_EQ(limited.at("status"), 429);
  EXPECT_EQ(limited.at("code"), 36009002);
  EXPECT_EQ(timed_out.at("fault"), "timeout");
  EXPECT_EQ(timed_out.at("status"), 0);
  EXPECT_EQ(timed_out.at("request_id"), "");
}

TEST_F(SimCallLog, FiltersByShopAndPathPrefix) {
  auto mx = h.connect("demo-mx");
  search();
  h.api(mx, "GET", "/seller/202309/shops");
  auto of_us = calls("shop=demo-us&limit=10000");
  ASSERT_FALSE(of_us.empty());
  for (const auto& c : of_us) EXPECT_EQ(c.as_object().at("shop_id"), "7495540735365777510");
  auto sellers = calls("path_prefix=/seller/");
  ASSERT_EQ(sellers.size(), 1u);
  EXPECT_EQ(sellers[0].as_object().at("path"), "/seller/202309/shops");
}

TEST_F(SimCallLog, SinceKeepsCallsFromThatSimulatedSecondOn) {
  search();
  h.advance(10);
  std::int64_t later = h.engine().now();
  search();
  auto recent = calls("since=" + std::to_string(later) + "&limit=10000");
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0].as_object().at("time"), later);
}

TEST_F(SimCallLog, LimitReturnsTheNewestMatchesOldestFirst) {
  for (int i = 0; i < 5; ++i) search();
  auto all = calls("limit=10000");
  auto two = calls("limit=2");
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0], all[all.size() - 2]);
  EXPECT_EQ(two[1], all.back());
}

TEST_F(SimCallLog, ABadLimitIsRefusedNamingIt) {
  auto r = h.control("GET", "calls?limit=0");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("limit: expected an integer in [1, 10000], found \"0\""), std::string::npos)
      << r.message;
}

TEST(SimCallLogRing, KeepsOnlyTheLastCallLogSizeCalls) {
  auto s = demo_settings({});
  s.call_log_size = 3;
  harness h(s);
  auto us = h.connect("demo-us");
  for (int i = 0; i < 5; ++i) h.api(us, "GET", "/seller/202309/shops");
  auto r = h.control("GET", "calls?limit=10000");
  auto log = r.obj().at("calls").as_array();
  ASSERT_EQ(log.size(), 3u);
  auto seq = [](const json::value& c) { return c.as_object().at("seq").to_number<std::int64_t>(); };
  EXPECT_EQ(r.obj().at("dropped").to_number<std::int64_t>(), seq(log.front()) - 1);
  EXPECT_EQ(seq(log.back()) - seq(log.front()), 2);
}

}  // namespace
