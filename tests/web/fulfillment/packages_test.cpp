// GET /api/v1/packages, POST /api/v1/packages/combine and .../uncombine.
#include <gtest/gtest.h>

#include "fulfil_support.hpp"

namespace kingkung::fulfil_test {
namespace {

using web_test::us_shop_id;

// One host and one signed-in demo client for the suite: each test works on orders of its own.
class WebFulfilPackages : public web_test::shared_host<WebFulfilPackages> {};

TEST_F(WebFulfilPackages, CombineTheOfferedPackagesThenUncombineThem) {
  auto& c = demo();
  auto listed = c.get("/api/v1/packages?shop_id=" + std::string(us_shop_id));
  ASSERT_EQ(listed.result_int(), 200) << listed.body();
  auto body = web_client::json(listed);
  EXPECT_FALSE(body.at("packages").as_array().empty());
  ASSERT_FALSE(body.at("combinable").as_array().empty()) << listed.body();
  auto group = body.at("combinable").as_array()[0].at("packages").as_array()[0].as_object();
  const auto orders = group.at("order_ids").as_array();
  ASSERT_EQ(orders.size(), 2u);

  auto combined = c.post(
      "/api/v1/packages/combine",
      json::serialize(json::object{{"shop_id", us_shop_id}, {"package_ids", json::array{group.at("id")}}}));
  ASSERT_EQ(combined.result_int(), 200) << combined.body();
  auto made = web_client::json(combined).at("packages").as_array();
  ASSERT_EQ(made.size(), 1u);
  const std::string package(made[0].at("id").as_string());
  const std::string first(orders[0].as_string()), second(orders[1].as_string());
  EXPECT_EQ(platform_order(app(), us_shop_id, first).package_ids, std::vector<std::string>{package});
  EXPECT_EQ(platform_order(app(), us_shop_id, second).package_ids, std::vector<std::string>{package});

  auto split = c.post("/api/v1/packages/" + std::string(us_shop_id) + "/" + package + "/uncombine",
                      json::serialize(json::object{{"order_ids", json::array{orders[1]}}}));
  ASSERT_EQ(split.result_int(), 200) << split.body();
  EXPECT_NE(platform_order(app(), us_shop_id, first).package_ids,
            platform_order(app(), us_shop_id, second).package_ids);
}

TEST_F(WebFulfilPackages, CombiningSomethingNotOfferedIsAConflictNamingTheId) {
  auto& c = demo();
  auto r = c.post("/api/v1/packages/combine",
                  json::serialize(json::object{{"shop_id", us_shop_id},
                                               {"package_ids", json::array{"1150000000000001"}}}));
  ASSERT_EQ(r.result_int(), 409) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("field"), "package_ids[0]");
}

TEST_F(WebFulfilPackages, AnotherSellersShopAndPackagesAreNotFound) {
  auto& c = demo();
  auto listed = web_client::json(c.get("/api/v1/packages?shop_id=" + std::string(us_shop_id)));
  const std::string package(listed.at("packages").as_array().at(0).at("id").as_string());
  const std::string order(
      listed.at("packages").as_array().at(0).at("order_ids").as_array().at(0).as_string());
  auto other = other_seller(app(), "owner@packages-other.example");
  EXPECT_EQ(other.get("/api/v1/packages?shop_id=" + std::string(us_shop_id)).result_int(), 404);
  auto all = other.get("/api/v1/packages");
  ASSERT_EQ(all.result_int(), 200);
  EXPECT_TRUE(web_client::json(all).at("packages").as_array().empty());
  auto r = other.post("/api/v1/packages/" + std::string(us_shop_id) + "/" + package + "/uncombine",
                      json::serialize(json::object{{"order_ids", json::array{json::value(order)}}}));
  EXPECT_EQ(r.result_int(), 404) << r.body();
}

}  // namespace
}  // namespace kingkung::fulfil_test
