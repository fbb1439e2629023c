// The simulator-only control API (docs/simulator.md): clock, new orders, status changes, summary.
#include <gtest/gtest.h>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimControl : public ::testing::Test {
 protected:
  harness h;
};

TEST_F(SimControl, AdvancingTheClockMovesSimulatedTimeOnly) {
  auto r = h.control("POST", "clock/advance", json::object{{"seconds", 90}});
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.obj().at("now").as_int64(), start_time + 90);
  EXPECT_EQ(h.clock().seconds(), start_time);
  EXPECT_EQ(h.engine().now(), start_time + 90);
}

TEST_F(SimControl, NewOrdersAppearInSearchAndAwaitShipmentWithAPackage) {
  auto c = h.connect("demo-us");
  auto before = h.all_orders(c).size();
  auto r = h.control("POST", "orders", json::object{{"shop", "demo-us"}, {"count", 3}});
  ASSERT_EQ(r.code, 0) << r.message;
  ASSERT_EQ(r.obj().at("order_ids").as_array().size(), 3u);
  EXPECT_EQ(h.all_orders(c).size(), before + 3);
  auto o = h.order(c, std::string(r.obj().at("order_ids").as_array().at(0).as_string()));
  EXPECT_EQ(o.at("status"), "AWAITING_SHIPMENT");
  EXPECT_EQ(o.at("create_time").as_int64(), h.engine().now());
  EXPECT_EQ(o.at("packages").as_array().size(), 1u);
}

TEST_F(SimControl, MustSplitOrdersExistOnlyForMexicanCrossBorderShops) {
  auto r =
      h.control("POST", "orders", json::object{{"shop", "demo-us"}, {"scenario", "must_split_category"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("MX cross-border"), std::string::npos) << r.message;
}

TEST_F(SimControl, StatusMovesForwardThroughTheLifeCycle) {
  auto c = h.connect("demo-us");
  auto r = h.control("POST", "orders", json::object{{"shop", "demo-us"}, {"status", "UNPAID"}});
  std::string id(r.obj().at("order_ids").as_array().at(0).as_string());
  EXPECT_TRUE(h.order(c, id).at("packages").as_array().empty());
  for (std::string s : {"AWAITING_SHIPMENT", "IN_TRANSIT", "DELIVERED", "COMPLETED"}) {
    auto step = h.control("POST", "orders/" + id + "/status", json::object{{"status", s}});
    ASSERT_EQ(step.code, 0) << s << ": " << step.message;
    EXPECT_EQ(h.order(c, id).at("status"), s);
  }
  auto pkg = h.package(
      c, std::string(h.order(c, id).at("packages").as_array().at(0).as_object().at("id").as_string()));
  EXPECT_EQ(pkg.at("package_status"), "COMPLETED");
}

TEST_F(SimControl, StatusNeverMovesBackward) {
  auto r = h.control("POST", "orders", json::object{{"shop", "demo-us"}});
  std::string id(r.obj().at("order_ids").as_array().at(0).as_string());
  auto back = h.control("POST", "orders/" + id + "/status", json::object{{"status", "UNPAID"}});
  EXPECT_EQ(back.status, 409);
}

TEST_F(SimControl, SummaryCountsOrdersPerShop) {
  auto r = h.control("GET", "summary");
  ASSERT_EQ(r.code, 0);
  const auto& shops = r.obj().at("shops").as_array();
  ASSERT_EQ(shops.size(), 4u);
  EXPECT_EQ(shops[0].as_object().at("key"), "demo-mx");
  EXPECT_EQ(shops[0].as_object().at("orders").to_number<std::uint64_t>(), 60u);
  EXPECT_GE(shops[0].as_object().at("orders_that_must_split").as_int64(), 1);
}

TEST_F(SimControl, UnknownControlPathsAre404) {
  auto r = h.control("POST", "launch");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.message.find("/__sim/launch"), std::string::npos);
}

}  // namespace
