// POST /api/v1/orders/{shop_id}/{order_id}/ship: through the market modules' gate, then the platform.
#include <gtest/gtest.h>

#include "../../../plugins/br-invoice/tests/nfe_builder.hpp"
#include "fulfil_support.hpp"

namespace kingkung::fulfil_test {
namespace {

using web_test::br_shop_id;
using web_test::us_shop_id;

// One host and one signed-in demo client for the suite: each test works on orders of its own.
class WebFulfilShip : public web_test::shared_host<WebFulfilShip> {};

TEST_F(WebFulfilShip, ShippingAnUsOrderMovesItOnAtThePlatform) {
  auto& c = demo();
  auto id = new_orders(app(), us_shop_id, 1).front();
  auto r = c.post(order_path(us_shop_id, id) + "/ship", R"({"handover_method":"DROP_OFF"})");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto body = web_client::json(r);
  EXPECT_EQ(body.at("result"), "shipped");
  EXPECT_EQ(body.at("order").at("status"), "AWAITING_COLLECTION");
  EXPECT_EQ(platform_order(app(), us_shop_id, id).status_text, "AWAITING_COLLECTION");
  auto package = body.at("order").at("packages").as_array().at(0);
  EXPECT_EQ(package.at("status"), "FULFILLING");
  EXPECT_TRUE(package.at("tracking_number").is_string());
}

TEST_F(WebFulfilShip, AShippedOrderCannotShipAgain) {
  auto& c = demo();
  auto id = new_orders(app(), us_shop_id, 1).front();
  ASSERT_EQ(c.post(order_path(us_shop_id, id) + "/ship").result_int(), 200);
  auto again = c.post(order_path(us_shop_id, id) + "/ship");
  EXPECT_EQ(again.result_int(), 409) << again.body();
  EXPECT_EQ(web_client::json(again).at("error").at("code"), "not_shippable");
}

TEST_F(WebFulfilShip, BrazilianOrderWithoutAnInvoiceIsBlockedWithoutAPlatformCall) {
  auto& c = demo();
  auto id = new_orders(app(), br_shop_id, 1).front();
  const auto before = ship_calls(app(), br_shop_id);
  auto r = c.post(order_path(br_shop_id, id) + "/ship");
  ASSERT_EQ(r.result_int(), 409) << r.body();
  auto error = web_client::json(r).at("error");
  EXPECT_EQ(error.at("code"), "ship_blocked");
  EXPECT_NE(std::string(error.at("message").as_string()).find("NF-e"), std::string::npos) << error;
  ASSERT_FALSE(error.at("reasons").as_array().empty());
  EXPECT_EQ(std::string(error.at("reasons").as_array().at(0).as_string()).rfind("br-invoice: ", 0), 0u);
  EXPECT_EQ(ship_calls(app(), br_shop_id), before);
  EXPECT_EQ(platform_order(app(), br_shop_id, id).status_text, "AWAITING_SHIPMENT");
}

TEST_F(WebFulfilShip, BrazilianOrderShipsOnceItsUploadedInvoiceIsAccepted) {
  auto& c = demo();
  auto id = new_orders(app(), br_shop_id, 1).front();
  auto order = platform_order(app(), br_shop_id, id);
  br::test::nfe_builder nfe;
  nfe.recipient_cpf = order.cpf;
  nfe.total = order.pay.total_amount.to_string();
  nfe.order_reference = id;
  nfe.number = "00000" + id.substr(id.size() - 4);
  json::object upload{
      {"package_id", order.package_ids.empty() ? order.lines.at(0).package_id : order.package_ids.at(0)},
      {"file", nfe.xml()}};
  auto uploaded = c.post(order_path(br_shop_id, id) + "/actions/invoice.upload", json::serialize(upload));
  ASSERT_EQ(uploaded.result_int(), 200) << uploaded.body();
  EXPECT_EQ(web_client::json(uploaded).at("result").at("detail").at("status"), "PROCESSING");

  sim(app(), "POST", "/__sim/clock/advance", json::object{{"seconds", 5}});
  sim(app(), "POST", "/__sim/settle", json::object{});
  auto status = c.post(order_path(br_shop_id, id) + "/actions/invoice.status");
  ASSERT_EQ(status.result_int(), 200) << status.body();
  EXPECT_TRUE(web_client::json(status).at("ship").at("allowed").as_bool()) << status.body();

  auto shipped = c.post(order_path(br_shop_id, id) + "/ship");
  ASSERT_EQ(shipped.result_int(), 200) << shipped.body();
  EXPECT_EQ(platform_order(app(), br_shop_id, id).status_text, "AWAITING_COLLECTION");
}

TEST_F(WebFulfilShip, TrackingNumberWithoutACarrierIsRefusedNamingTheField) {
  auto& c = demo();
  auto r =
      c.post(order_path(us_shop_id, "576000000000000000") + "/ship", R"({"tracking_number":"TRK12345"})");
  ASSERT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("field"), "shipping_provider_id");
}

TEST_F(WebFulfilShip, UnknownOrderIsNotFound) {
  auto& c = demo();
  auto r = c.post(order_path(us_shop_id, "576999999999999999") + "/ship");
  EXPECT_EQ(r.result_int(), 404) << r.body();
}

TEST_F(WebFulfilShip, AnotherSellersOrderIsNotFoundAndNotShipped) {
  auto id = new_orders(app(), us_shop_id, 1).front();
  auto other = other_seller(app(), "owner@ship-other.example");
  const auto before = ship_calls(app(), us_shop_id);
  auto r = other.post(order_path(us_shop_id, id) + "/ship");
  EXPECT_EQ(r.result_int(), 404) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("code"), "not_found");
  EXPECT_EQ(ship_calls(app(), us_shop_id), before);
}

TEST_F(WebFulfilShip, ShipWithoutTheCsrfTokenIsRefusedAndShipsNothing) {
  web_client c = demo();  // a copy: same session, its own token
  auto id = new_orders(app(), us_shop_id, 1).front();
  c.set_csrf_token("not-the-session-token");
  auto r = c.post(order_path(us_shop_id, id) + "/ship");
  EXPECT_EQ(r.result_int(), 403) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("code"), "csrf_failed");
  EXPECT_EQ(platform_order(app(), us_shop_id, id).status_text, "AWAITING_SHIPMENT");
}

}  // namespace
}  // namespace kingkung::fulfil_test
