// POST /api/v1/orders/{shop_id}/{order_id}/actions/{action_id}: the market modules' actions, rendered
// generically by the host.
#include <gtest/gtest.h>

#include "../../../plugins/br-invoice/tests/nfe_builder.hpp"
#include "fulfil_support.hpp"

namespace kingkung::fulfil_test {
namespace {

using web_test::br_shop_id;
using web_test::mx_shop_id;
using web_test::us_shop_id;

// One host and one signed-in demo client for the suite: each test works on orders of its own.
class WebFulfilActions : public web_test::shared_host<WebFulfilActions> {};

TEST_F(WebFulfilActions, MexicanOrderIsSplitByPlanningThenConfirming) {
  auto& c = demo();
  auto id = new_orders(app(), mx_shop_id, 1, "must_split_total").front();
  const auto path = order_path(mx_shop_id, id);

  auto blocked = c.post(path + "/ship");
  ASSERT_EQ(blocked.result_int(), 409) << blocked.body();
  EXPECT_EQ(web_client::json(blocked).at("error").at("code"), "ship_blocked");

  auto planned = c.post(path + "/actions/split.preview");
  ASSERT_EQ(planned.result_int(), 200) << planned.body();
  auto plan = web_client::json(planned);
  EXPECT_GE(plan.at("result").at("detail").at("packages").as_array().size(), 2u);

  auto confirmed = c.post(path + "/actions/split.confirm");
  ASSERT_EQ(confirmed.result_int(), 200) << confirmed.body();
  auto answer = web_client::json(confirmed);
  EXPECT_GE(answer.at("order").at("packages").as_array().size(), 2u);
  EXPECT_TRUE(answer.at("ship").at("allowed").as_bool()) << confirmed.body();
  EXPECT_GE(platform_order(app(), mx_shop_id, id).package_ids.size(), 2u);
}

TEST_F(WebFulfilActions, AnActionTheOrderDoesNotOfferIsNotFound) {
  auto& c = demo();
  auto id = new_orders(app(), us_shop_id, 1).front();
  auto r = c.post(order_path(us_shop_id, id) + "/actions/split.confirm");
  EXPECT_EQ(r.result_int(), 404) << r.body();
}

TEST_F(WebFulfilActions, InvoiceTheModuleRefusesIs422NamingTheFileField) {
  auto& c = demo();
  auto id = new_orders(app(), br_shop_id, 1).front();
  auto order = platform_order(app(), br_shop_id, id);
  br::test::nfe_builder nfe;
  nfe.recipient_cpf = order.cpf;
  nfe.total = "99999.00";  // not the order's total
  nfe.number = "00000" + id.substr(id.size() - 4);
  json::object body{{"file", nfe.xml()}};
  auto r = c.post(order_path(br_shop_id, id) + "/actions/invoice.upload", json::serialize(body));
  ASSERT_EQ(r.result_int(), 422) << r.body();
  auto error = web_client::json(r).at("error");
  EXPECT_EQ(error.at("code"), "action_refused");
  EXPECT_EQ(error.at("field"), "file") << error;
  EXPECT_NE(std::string(error.at("message").as_string()).find("vNF"), std::string::npos) << error;
}

TEST_F(WebFulfilActions, AnInputTheActionDoesNotDeclareIsRefusedNamingIt) {
  auto& c = demo();
  auto id = new_orders(app(), br_shop_id, 1).front();
  auto r = c.post(order_path(br_shop_id, id) + "/actions/invoice.upload", R"({"xml":"<nfeProc/>"})");
  ASSERT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("field"), "xml");
}

TEST_F(WebFulfilActions, AnotherSellersOrderIsNotFound) {
  auto id = new_orders(app(), mx_shop_id, 1, "must_split_total").front();
  auto other = other_seller(app(), "owner@actions-other.example");
  auto r = other.post(order_path(mx_shop_id, id) + "/actions/split.preview");
  EXPECT_EQ(r.result_int(), 404) << r.body();
}

}  // namespace
}  // namespace kingkung::fulfil_test
