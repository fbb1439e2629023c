// The omit_orders fault (docs/simulator.md, "Faults"): Get Order Detail answers without some of the ids
// asked for, as the platform does for an order the caller can no longer see; the envelope stays normal.
#include <gtest/gtest.h>

#include <set>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimOrderOmission : public ::testing::Test {
 protected:
  harness h;
  connection us = h.connect("demo-us");

  // Ids of the shop's first `n` orders by Search Orders.
  std::vector<std::string> order_ids(const connection& c, std::size_t n) {
    std::vector<std::string> out;
    for (const auto& o : h.all_orders(c)) {
      if (out.size() == n) break;
      out.emplace_back(o.at("id").as_string());
    }
    EXPECT_EQ(out.size(), n) << "the demo shop has enough orders";
    return out;
  }
  response detail(const connection& c, const std::vector<std::string>& ids) {
    std::string joined;
    for (const auto& id : ids) joined += (joined.empty() ? "" : ",") + id;
    return h.api(c, "GET", "/order/202507/orders", {{"ids", joined}});
  }
  // The ids of a Get Order Detail answer.
  static std::set<std::string> ids_of(const response& r) {
    std::set<std::string> out;
    for (const auto& o : r.obj().at("orders").as_array()) out.emplace(o.at("id").as_string());
    return out;
  }
  response omit(json::object body) {
    body["kind"] = "omit_orders";
    return h.control("POST", "faults/next", body);
  }
};

TEST_F(SimOrderOmission, TheAnswerLacksTheOmittedIdsAndKeepsTheOthers) {
  auto ids = order_ids(us, 3);
  ASSERT_EQ(omit({{"order_ids", {ids[1]}}}).code, 0);
  auto r = detail(us, ids);
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_EQ(ids_of(r), (std::set<std::string>{ids[0], ids[2]}));
}

TEST_F(SimOrderOmission, TheEnvelopeIsAnOrdinarySuccess) {
  auto ids = order_ids(us, 2);
  ASSERT_EQ(omit({{"order_ids", {ids[0]}}}).code, 0);
  auto r = detail(us, ids);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.message, "Success");
  EXPECT_EQ(r.request_id.size(), 34u);
  EXPECT_EQ(r.obj().size(), 1u) << "only data.orders, as in a normal answer: " << r.body;
}

TEST_F(SimOrderOmission, TheOmittedOrderIsStillListedBySearchOrders) {
  auto ids = order_ids(us, 1);
  ASSERT_EQ(omit({{"order_ids", {ids[0]}}, {"count", 5}}).code, 0);
  std::set<std::string> listed;
  for (const auto& o : h.all_orders(us)) listed.emplace(o.at("id").as_string());
  EXPECT_TRUE(listed.contains(ids[0]));
  EXPECT_TRUE(ids_of(detail(us, ids)).empty());
}

TEST_F(SimOrderOmission, TheFaultLastsForExactlyCountCalls) {
  auto ids = order_ids(us, 2);
  ASSERT_EQ(omit({{"order_ids", {ids[0]}}, {"count", 2}}).code, 0);
  EXPECT_EQ(ids_of(detail(us, ids)), std::set<std::string>{ids[1]});
  EXPECT_EQ(ids_of(detail(us, ids)), std::set<std::string>{ids[1]});
  EXPECT_EQ(ids_of(detail(us, ids)), (std::set<std::string>{ids[0], ids[1]}));
}

TEST_F(SimOrderOmission, CallsThatAskForNoneOfTheIdsLeaveTheFaultWaiting) {
  auto ids = order_ids(us, 2);
  ASSERT_EQ(omit({{"order_ids", {ids[0]}}}).code, 0);
  EXPECT_EQ(ids_of(detail(us, {ids[1]})), std::set<std::string>{ids[1]});
  EXPECT_TRUE(ids_of(detail(us, {ids[0]})).empty());
  EXPECT_EQ(ids_of(detail(us, {ids[0]})), std::set<std::string>{ids[0]});
}

TEST_F(SimOrderOmission, WithoutOrderIdsEveryOrderAskedForIsLeftOut) {
  auto ids = order_ids(us, 3);
  ASSERT_EQ(omit({}).code, 0);
  auto r = detail(us, ids);
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_TRUE(ids_of(r).empty());
  EXPECT_EQ(ids_of(detail(us, ids)).size(), 3u);
}

TEST_F(SimOrderOmission, AFaultForOneShopLeavesOtherShopsAlone) {
  auto mx = h.connect("demo-mx");
  auto us_ids = order_ids(us, 1);
  auto mx_ids = order_ids(mx, 1);
  ASSERT_EQ(omit({{"shop", "demo-mx"}}).code, 0);
  EXPECT_EQ(ids_of(detail(us, us_ids)), std::set<std::string>{us_ids[0]});
  EXPECT_TRUE(ids_of(detail(mx, mx_ids)).empty());
}

TEST_F(SimOrderOmission, SearchOrdersDoesNotUseUpTheFault) {
  auto ids = order_ids(us, 1);
  ASSERT_EQ(omit({{"order_ids", {ids[0]}}}).code, 0);
  h.all_orders(us);
  EXPECT_TRUE(ids_of(detail(us, ids)).empty());
}

TEST_F(SimOrderOmission, TheCallLogAndTheReportNameTheFault) {
  auto ids = order_ids(us, 2);
  ASSERT_EQ(omit({{"order_ids", {ids[0]}}, {"count", 3}}).code, 0);
  auto waiting = h.control("GET", "faults").obj().at("scripted").as_array();
  ASSERT_EQ(waiting.size(), 1u);
  const auto& fault = waiting.at(0).as_object();
  EXPECT_EQ(fault.at("kind"), "omit_orders");
  EXPECT_EQ(fault.at("order_ids").as_array(), json::array({ids[0]}));
  detail(us, ids);
  auto last = h.control("GET", "calls?path_prefix=/order/").obj().at("calls").as_array().back().as_object();
  EXPECT_EQ(last.at("fault"), "omit_orders");
  EXPECT_EQ(last.at("code"), 0);
  auto report = h.control("GET", "faults").obj();
  EXPECT_EQ(report.at("injected").as_object().at("omit_orders"), 1);
  EXPECT_EQ(report.at("scripted").as_array().at(0).as_object().at("remaining"), 2);
}

TEST_F(SimOrderOmission, ClearingRemovesTheFault) {
  auto ids = order_ids(us, 1);
  ASSERT_EQ(omit({{"order_ids", {ids[0]}}}).code, 0);
  ASSERT_EQ(h.control("POST", "faults/clear").code, 0);
  EXPECT_EQ(ids_of(detail(us, ids)), std::set<std::string>{ids[0]});
}

TEST_F(SimOrderOmission, APathIsRefusedBecauseTheFaultBelongsToGetOrderDetail) {
  auto r = omit({{"path", "/order/*"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("path: omit_orders applies to Get Order Detail"), std::string::npos) << r.message;
  EXPECT_TRUE(h.control("GET", "faults").obj().at("scripted").as_array().empty());
}

TEST_F(SimOrderOmission, OrderIdsThatAreNotStringsAreRefusedNamingWhatWasFound) {
  auto r = omit({{"order_ids", {1, 2}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("order_ids: expected a non-empty array of order ids"), std::string::npos)
      << r.message;
  EXPECT_NE(r.message.find("found [1,2]"), std::string::npos) << r.message;
}

TEST_F(SimOrderOmission, AnEmptyOrderIdsListIsRefused) {
  auto r = omit({{"order_ids", json::array{}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("found []"), std::string::npos) << r.message;
}

TEST_F(SimOrderOmission, OrderIdsWithAnotherKindAreRefused) {
  auto r = h.control("POST", "faults/next", json::object{{"kind", "500"}, {"order_ids", {"1"}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("order_ids: only for kind omit_orders, found kind \"500\""), std::string::npos)
      << r.message;
}

TEST_F(SimOrderOmission, AnUnknownKindListsOmitOrdersAmongTheKinds) {
  auto r = h.control("POST", "faults/next", json::object{{"kind", "omit"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("lost_answer, omit_orders, found \"omit\""), std::string::npos) << r.message;
}

TEST_F(SimOrderOmission, ACountOutOfRangeIsRefusedNamingTheValue) {
  auto r = omit({{"count", 0}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("count: expected an integer in [1, 10000], found 0"), std::string::npos)
      << r.message;
}

}  // namespace
