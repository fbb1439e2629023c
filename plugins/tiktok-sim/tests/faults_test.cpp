// Injected faults (docs/simulator.md, "Faults"): scripted and random, decided before a call changes
// anything (except lost_answer, which changes state and then loses the answer), repeatable from the seed.
#include <gtest/gtest.h>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimFaults : public ::testing::Test {
 protected:
  harness h;
  connection us = h.connect("demo-us");

  request_spec search() const {
    request_spec spec;
    spec.method = "POST";
    spec.path = "/order/202309/orders/search";
    spec.query = {{"page_size", "10"}};
    spec.as = &us;
    spec.body = "{}";
    return spec;
  }
  std::string awaiting_package() {
    auto made = h.control("POST", "orders", json::object{{"shop", "demo-us"}});
    std::string id(made.obj().at("order_ids").as_array().at(0).as_string());
    return std::string(h.order(us, id).at("packages").as_array().at(0).as_object().at("id").as_string());
  }
  std::string ship_path(const std::string& package) {
    return "/fulfillment/202309/packages/" + package + "/ship";
  }
  std::string package_status(const std::string& package) {
    return std::string(h.package(us, package).at("package_status").as_string());
  }
  void script(json::object fault) { ASSERT_EQ(h.control("POST", "faults/next", fault).code, 0); }
};

TEST_F(SimFaults, AScripted429AnswersLikeTheRealRateLimit) {
  script({{"kind", "429"}, {"path", "/order/*"}});
  auto r = h.send(search());
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.code, 36009002);
  EXPECT_EQ(r.request_id.size(), 34u);
}

TEST_F(SimFaults, AScriptedFaultHitsExactlyTheNextCountCalls) {
  script({{"kind", "500"}, {"count", 2}, {"path", "/order/*"}});
  EXPECT_EQ(h.send(search()).status, 500);
  EXPECT_EQ(h.send(search()).status, 500);
  EXPECT_EQ(h.send(search()).code, 0);
}

TEST_F(SimFaults, A500And503CarryTheInternalErrorCode) {
  script({{"kind", "500"}});
  script({{"kind", "503"}});
  auto first = h.send(search());
  auto second = h.send(search());
  EXPECT_EQ(first.status, 500);
  EXPECT_EQ(first.code, 36009003);
  EXPECT_EQ(second.status, 503);
  EXPECT_EQ(second.code, 36009003);
}

TEST_F(SimFaults, AScriptedFaultLeavesCallsOfOtherPathsAlone) {
  script({{"kind", "500"}, {"path", "/fulfillment/*"}});
  EXPECT_EQ(h.send(search()).code, 0);
  auto faults = h.control("GET", "faults");
  EXPECT_EQ(faults.obj().at("scripted").as_array().size(), 1u);
}

TEST_F(SimFaults, AScriptedFaultForOneShopLeavesOtherShopsAlone) {
  auto mx = h.connect("demo-mx");
  script({{"kind", "503"}, {"shop", "demo-mx"}});
  EXPECT_EQ(h.send(search()).code, 0);
  EXPECT_EQ(h.api(mx, "POST", "/order/202309/orders/search", {{"page_size", "10"}}, json::object{}).status,
            503);
}

TEST_F(SimFaults, A500OnShipLeavesThePackageUnshipped) {
  auto pkg = awaiting_package();
  script({{"kind", "500"}, {"method", "POST"}, {"path", "/fulfillment/*/packages/*/ship"}});
  EXPECT_EQ(h.api(us, "POST", ship_path(pkg), {}, json::object{}).status, 500);
  EXPECT_EQ(package_status(pkg), "PROCESSING");
}

TEST_F(SimFaults, ATimeoutIsReportedByTheTransportAndShipsNothing) {
  auto pkg = awaiting_package();
  script({{"kind", "timeout"}, {"path", "/fulfillment/*/ship"}});
  request_spec spec;
  spec.method = "POST";
  spec.path = ship_path(pkg);
  spec.as = &us;
  spec.body = "{}";
  auto sent = h.engine().send(h.build(spec));
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.err().code, kingkung::plugin::errc::timeout);
  EXPECT_EQ(package_status(pkg), "PROCESSING");
}

TEST_F(SimFaults, ALostAnswerShipsThePackageButTheCallerSeesATimeout) {
  auto pkg = awaiting_package();
  script({{"kind", "lost_answer"}, {"path", "/fulfillment/*/ship"}});
  request_spec spec;
  spec.method = "POST";
  spec.path = ship_path(pkg);
  spec.as = &us;
  spec.body = "{}";
  auto sent = h.engine().send(h.build(spec));
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.err().code, kingkung::plugin::errc::timeout);
  EXPECT_EQ(package_status(pkg), "FULFILLING");
}

TEST_F(SimFaults, HandleShowsATimeoutFaultAsTheRequestTimeoutCode) {
  script({{"kind", "timeout"}});
  auto r = h.send(search());
  EXPECT_EQ(r.status, 504);
  EXPECT_EQ(r.code, 36009007);
}

TEST_F(SimFaults, ControlCallsAreNeverFaulted) {
  script({{"kind", "500"}, {"count", 5}});
  EXPECT_EQ(h.control("GET", "summary").code, 0);
  EXPECT_EQ(h.control("GET", "faults").obj().at("scripted").as_array().at(0).as_object().at("remaining"), 5);
}

TEST_F(SimFaults, TokenHostCallsCanBeFaulted) {
  script({{"kind", "503"}, {"path", "/api/v2/token/refresh"}});
  auto r = h.token_refresh(us.refresh_token);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.code, 36009003);
  EXPECT_EQ(h.token_refresh(us.refresh_token).code, 0);  // the refresh token was not used up
}

// The sequence of random faults over 80 calls, as "F" (faulted) and "." (answered).
std::string fault_pattern(harness& h, const request_spec& spec) {
  std::string out;
  for (int i = 0; i < 80; ++i) {
    if (i % 40 == 39) h.advance(1);  // stay under the real rate limit
    out += h.send(spec).status == 500 ? 'F' : '.';
  }
  return out;
}

TEST_F(SimFaults, RandomFaultsRepeatFromTheSeed) {
  ASSERT_EQ(h.control("POST", "faults", json::object{{"rates", {{"500", 0.3}}}, {"seed", 7}}).code, 0);
  auto first = fault_pattern(h, search());
  ASSERT_EQ(h.control("POST", "faults", json::object{{"rates", {{"500", 0.3}}}, {"seed", 7}}).code, 0);
  auto second = fault_pattern(h, search());
  EXPECT_EQ(first, second);
  auto faulted = std::count(first.begin(), first.end(), 'F');
  EXPECT_GT(faulted, 8);  // about 24 expected
  EXPECT_LT(faulted, 40);
}

TEST_F(SimFaults, RandomFaultsApplyOnlyToTheirPaths) {
  ASSERT_EQ(
      h.control("POST", "faults", json::object{{"rates", {{"500", 1}}}, {"paths", {"/product/*"}}}).code, 0);
  EXPECT_EQ(h.send(search()).code, 0);
}

TEST_F(SimFaults, ClearingRemovesScriptedFaultsAndRates) {
  script({{"kind", "500"}, {"count", 3}});
  ASSERT_EQ(h.control("POST", "faults", json::object{{"rates", {{"429", 1}}}}).code, 0);
  ASSERT_EQ(h.control("POST", "faults/clear").code, 0);
  EXPECT_EQ(h.send(search()).code, 0);
}

TEST_F(SimFaults, TheReportCountsInjectedFaultsByKind) {
  script({{"kind", "429"}, {"count", 2}});
  h.send(search());
  h.send(search());
  auto injected = h.control("GET", "faults").obj().at("injected").as_object();
  EXPECT_EQ(injected.at("429"), 2);
  EXPECT_EQ(injected.at("500"), 0);
}

TEST_F(SimFaults, AnUnknownKindIsRefusedWithTheKnownKinds) {
  auto r = h.control("POST", "faults/next", json::object{{"kind", "502"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("429, 500, 503, timeout, lost_answer"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("found \"502\""), std::string::npos) << r.message;
}

TEST_F(SimFaults, ARateOutOfRangeIsRefusedNamingIt) {
  auto r = h.control("POST", "faults", json::object{{"rates", {{"timeout", 2}}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("rates.timeout: expected a number in [0, 1], found 2"), std::string::npos)
      << r.message;
}

}  // namespace
