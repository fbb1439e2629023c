// GET /api/v1/orders/{shop_id}/{order_id}: the stored order with lines, payment, recipient, packages and
// timeline; the market modules' actions and the ship gate; another seller's order is 404.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "kingkung/storage/package_repository.hpp"
#include "orders_fixture.hpp"

namespace {

using namespace kingkung;
using web_test::web_client;

class WebOrdersDetail : public web_test::orders_suite {
 protected:
  boost::json::value detail(const domain::order& o) {
    auto r = client().get("/api/v1/orders/" + o.shop_id + "/" + o.id);
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return r.result_int() == 200 ? web_client::json(r) : boost::json::value();
  }

  static const boost::json::object* action(const boost::json::value& body, std::string_view prefix) {
    for (const auto& a : body.at("actions").as_array())
      if (std::string_view(a.at("id").as_string()).rfind(prefix, 0) == 0) return &a.as_object();
    return nullptr;
  }

  static std::optional<domain::order> find(const std::function<bool(const domain::order&)>& keep) {
    for (auto& o : stored_orders())
      if (keep(o)) return o;
    return std::nullopt;
  }
};

TEST_F(WebOrdersDetail, ShowsTheStoredLinesPaymentAndRecipient) {
  auto o = find([](const domain::order& o) { return o.lines.size() >= 2 && o.id != web_test::hostile_order_id; });
  ASSERT_TRUE(o);
  auto body = detail(*o);
  const auto& d = body.at("order");
  EXPECT_EQ(d.at("id").as_string(), o->id);
  EXPECT_EQ(d.at("status").as_string(), domain::to_string(o->status));
  ASSERT_EQ(d.at("lines").as_array().size(), o->lines.size());
  for (std::size_t i = 0; i < o->lines.size(); ++i) {
    EXPECT_EQ(d.at("lines").at(i).at("id").as_string(), o->lines[i].id);
    EXPECT_EQ(d.at("lines").at(i).at("sku_id").as_string(), o->lines[i].sku_id);
    EXPECT_EQ(d.at("lines").at(i).at("sale_price").as_string(), o->lines[i].sale_price.to_string(2));
  }
  EXPECT_EQ(d.at("payment").at("total").as_string(), o->pay.total_amount.to_string(2));
  EXPECT_EQ(d.at("payment").at("sub_total").as_string(), o->pay.sub_total.to_string(2));
  EXPECT_EQ(d.at("payment").at("shipping_fee").as_string(), o->pay.shipping_fee.to_string(2));
  EXPECT_EQ(d.at("payment").at("currency").as_string(), o->pay.currency);
  EXPECT_EQ(d.at("recipient").at("name").as_string(), o->recipient.name);
  EXPECT_EQ(d.at("recipient").at("phone_masked").as_string(), o->recipient.phone_number);
  EXPECT_EQ(d.at("items").as_int64(), static_cast<std::int64_t>(o->lines.size()));
}

TEST_F(WebOrdersDetail, TimelineStartsWithTheFirstStoredStatus) {
  auto o = find([](const domain::order& o) { return o.id != web_test::hostile_order_id; });
  ASSERT_TRUE(o);
  auto body = detail(*o);
  const auto& timeline = body.at("order").at("timeline").as_array();
  ASSERT_FALSE(timeline.empty());
  EXPECT_EQ(timeline.front().at("from_status").as_string(), "");
  EXPECT_EQ(timeline.back().at("status").as_string(), domain::to_string(o->status));
}

TEST_F(WebOrdersDetail, PackagesAreTheOrdersStoredPackages) {
  auto o = find([](const domain::order& o) { return !o.package_ids.empty(); });
  ASSERT_TRUE(o);
  auto body = detail(*o);
  const auto& packages = body.at("order").at("packages").as_array();
  ASSERT_GE(packages.size(), o->package_ids.size());
  storage::package_repository repo(app().runtime().database());
  for (const auto& id : o->package_ids) {
    auto it = std::find_if(packages.begin(), packages.end(), [&](const auto& p) { return p.at("id").as_string() == id; });
    ASSERT_NE(it, packages.end()) << id;
    auto stored = repo.get(o->shop_id, id);
    ASSERT_TRUE(stored.ok() && stored->has_value()) << id;
    EXPECT_EQ(it->at("status").as_string(), (*stored)->status);
    EXPECT_EQ(it->at("tracking_number").as_string(), (*stored)->tracking_number);
  }
}

TEST_F(WebOrdersDetail, AnMxOrderThatMustSplitShowsTheSplitActionAndABlockedShip) {
  // The demo MX shop has orders awaiting shipment whose items exceed one package's limits.
  boost::json::value found;
  for (const auto& o : stored_orders()) {
    if (o.shop_id != web_test::mx_shop_id || o.status != domain::order_status::awaiting_shipment ||
        o.lines.size() < 2 || o.id == web_test::hostile_order_id)
      continue;
    auto body = detail(o);
    if (action(body, "split.") != nullptr) {
      found = std::move(body);
      break;
    }
  }
  ASSERT_FALSE(found.is_null()) << "no MX order shows a split action";
  const auto* split = action(found, "split.preview");
  ASSERT_NE(split, nullptr) << boost::json::serialize(found.at("actions"));
  EXPECT_EQ(split->at("module").as_string(), "mx-split");
  EXPECT_TRUE(split->at("enabled").as_bool()) << split->at("reason");
  EXPECT_FALSE(split->at("label").as_string().empty());
  EXPECT_EQ(action(found, "invoice."), nullptr);
  const auto& ship = found.at("ship");
  EXPECT_FALSE(ship.at("allowed").as_bool());
  ASSERT_FALSE(ship.at("refusals").as_array().empty());
  EXPECT_EQ(ship.at("refusals").at(0).at("module").as_string(), "mx-split");
  EXPECT_NE(std::string(ship.at("reasons").at(0).as_string()).find("must be split"), std::string::npos);
}

TEST_F(WebOrdersDetail, AnMxOrderThatNeedNotSplitShipsWithoutTheSplitAction) {
  boost::json::value found;
  for (const auto& o : stored_orders()) {
    if (o.shop_id != web_test::mx_shop_id || o.status != domain::order_status::awaiting_shipment ||
        o.id == web_test::hostile_order_id)
      continue;
    auto body = detail(o);
    if (body.at("ship").at("allowed").as_bool()) {
      found = std::move(body);
      break;
    }
  }
  ASSERT_FALSE(found.is_null()) << "no MX order may ship as it is";
  EXPECT_EQ(action(found, "split."), nullptr) << boost::json::serialize(found.at("actions"));
  EXPECT_TRUE(found.at("ship").at("reasons").as_array().empty());
}

TEST_F(WebOrdersDetail, ABrOrderNeedingAnInvoiceShowsTheUploadActionAndABlockedShip) {
  auto o = find([](const domain::order& o) {
    return o.shop_id == web_test::br_shop_id && o.status == domain::order_status::awaiting_shipment &&
           o.need_upload_invoice == "NEED_INVOICE" && !o.package_ids.empty();
  });
  ASSERT_TRUE(o) << "the demo BR shop has an order awaiting shipment that needs an NF-e";
  auto body = detail(*o);
  const auto* upload = action(body, "invoice.upload");
  ASSERT_NE(upload, nullptr) << boost::json::serialize(body.at("actions"));
  EXPECT_EQ(upload->at("module").as_string(), "br-invoice");
  EXPECT_TRUE(upload->at("enabled").as_bool()) << upload->at("reason");
  const auto& ship = body.at("ship");
  EXPECT_FALSE(ship.at("allowed").as_bool());
  ASSERT_FALSE(ship.at("reasons").as_array().empty());
  EXPECT_NE(std::string(ship.at("reasons").at(0).as_string()).find("NF-e"), std::string::npos)
      << ship.at("reasons").at(0);
  EXPECT_EQ(ship.at("refusals").at(0).at("module").as_string(), "br-invoice");
}

TEST_F(WebOrdersDetail, AnOrderThatHasShippedCannotShipAgainAndSaysWhy) {
  auto o = find([](const domain::order& o) {
    return o.status == domain::order_status::in_transit || o.status == domain::order_status::delivered ||
           o.status == domain::order_status::completed;
  });
  ASSERT_TRUE(o);
  auto body = detail(*o);
  EXPECT_FALSE(body.at("ship").at("allowed").as_bool());
  EXPECT_NE(std::string(body.at("ship").at("reasons").at(0).as_string()).find(domain::to_string(o->status)),
            std::string::npos);
}

TEST_F(WebOrdersDetail, AnUnknownOrderIs404) {
  auto r = client().get("/api/v1/orders/" + std::string(web_test::mx_shop_id) + "/0000000000");
  EXPECT_EQ(r.result_int(), 404) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("code").as_string(), "not_found");
  EXPECT_EQ(client().get("/api/v1/orders/no-such-shop/1").result_int(), 404);
}

TEST_F(WebOrdersDetail, AnotherSellersOrderIs404) {
  auto o = find([](const domain::order&) { return true; });
  ASSERT_TRUE(o);
  auto other = second_seller_client();
  auto r = other->get("/api/v1/orders/" + o->shop_id + "/" + o->id);
  EXPECT_EQ(r.result_int(), 404) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("code").as_string(), "not_found");
  // The same answer as for an id that does not exist: nothing confirms the order is there.
  auto missing = other->get("/api/v1/orders/" + o->shop_id + "/0000000000");
  EXPECT_EQ(r.body(), missing.body());
}

}  // namespace
