// Packages: ship and its refusals, split for Mexico cross-border, combine, shipping documents
// (docs/tiktok-shop-api.md 5.4 and 7.4).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

std::string new_order(harness& h, const std::string& shop, const std::string& scenario = "random") {
  auto r = h.control("POST", "orders", json::object{{"shop", shop}, {"scenario", scenario}});
  if (r.code != 0) throw std::runtime_error("control orders: " + r.message);
  return std::string(r.obj().at("order_ids").as_array().at(0).as_string());
}

std::string first_package(const json::object& order) {
  return std::string(order.at("packages").as_array().at(0).as_object().at("id").as_string());
}

std::vector<std::string> line_ids(const json::object& order) {
  std::vector<std::string> out;
  for (const auto& l : order.at("line_items").as_array())
    out.emplace_back(l.as_object().at("id").as_string());
  return out;
}

json::object split_body(const std::vector<std::vector<std::string>>& groups) {
  json::array a;
  int n = 0;
  for (const auto& g : groups) {
    json::array ids;
    for (const auto& id : g) ids.emplace_back(id);
    a.push_back(
        json::object{{"id", "group-" + std::to_string(++n)}, {"order_line_item_ids", std::move(ids)}});
  }
  return {{"splittable_groups", std::move(a)}};
}

class SimShip : public ::testing::Test {
 protected:
  harness h;
  connection local = h.connect("demo-mx-local");

  response ship(const connection& c, const std::string& package_id, const json::object& body = {}) {
    return h.api(c, "POST", "/fulfillment/202309/packages/" + package_id + "/ship", {}, body);
  }
};

TEST_F(SimShip, ShippingMovesTheOrderToAwaitingCollectionWithATrackingNumber) {
  auto id = new_order(h, "demo-mx-local");
  auto pkg = first_package(h.order(local, id));
  auto r = ship(local, pkg, {{"handover_method", "DROP_OFF"}});
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_TRUE(r.obj().empty());
  auto o = h.order(local, id);
  EXPECT_EQ(o.at("status"), "AWAITING_COLLECTION");
  EXPECT_FALSE(o.at("tracking_number").as_string().empty());
  auto p = h.package(local, pkg);
  EXPECT_EQ(p.at("package_status"), "FULFILLING");
  EXPECT_EQ(p.at("handover_method"), "DROP_OFF");
  EXPECT_EQ(p.at("tracking_number"), o.at("tracking_number"));
}

TEST_F(SimShip, ShippingTwiceGives21011040) {
  auto pkg = first_package(h.order(local, new_order(h, "demo-mx-local")));
  ASSERT_EQ(ship(local, pkg).code, 0);
  auto again = ship(local, pkg);
  EXPECT_EQ(again.code, 21011040);
  EXPECT_EQ(again.message, "Package has already been shipped.");
}

TEST_F(SimShip, ShippingACancelledOrderGives21011041) {
  auto id = new_order(h, "demo-mx-local");
  auto pkg = first_package(h.order(local, id));
  ASSERT_EQ(h.control("POST", "orders/" + id + "/status", json::object{{"status", "CANCELLED"}}).code, 0);
  EXPECT_EQ(ship(local, pkg).code, 21011041);
}

TEST_F(SimShip, UnknownPackageGives21011028) {
  EXPECT_EQ(ship(local, "1150000000000000000").code, 21011028);
}

TEST_F(SimShip, MexicanCrossBorderOrderThatMustSplitCannotShipWith21004024) {
  auto mx = h.connect("demo-mx");
  auto pkg = first_package(h.order(mx, new_order(h, "demo-mx", "must_split_category")));
  auto r = ship(mx, pkg);
  EXPECT_EQ(r.code, 21004024);
  EXPECT_EQ(r.message, "ship order failed due to platform limitations.");
}

TEST_F(SimShip, BrazilianPackageWithoutAnInvoiceGives21004006) {
  auto br = h.connect("demo-br");
  auto pkg = first_package(h.order(br, new_order(h, "demo-br")));
  auto r = ship(br, pkg);
  EXPECT_EQ(r.code, 21004006);
  EXPECT_EQ(r.message, "Failed to ship. Please ensure an invoice is uploaded before shipping.");
}

TEST_F(SimShip, BatchShipReportsEachFailureInsideASuccessResponse) {
  auto good = first_package(h.order(local, new_order(h, "demo-mx-local")));
  auto shipped = first_package(h.order(local, new_order(h, "demo-mx-local")));
  ASSERT_EQ(ship(local, shipped).code, 0);
  json::object body{{"packages", json::array{json::object{{"id", good}}, json::object{{"id", shipped}}}}};
  auto r = h.api(local, "POST", "/fulfillment/202309/packages/ship", {}, body);
  ASSERT_EQ(r.code, 0);
  const auto& errors = r.obj().at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].as_object().at("code").as_int64(), 21011040);
  EXPECT_EQ(errors[0].as_object().at("detail").as_object().at("package_id"), shipped);
  EXPECT_EQ(h.package(local, good).at("package_status"), "FULFILLING");
}

TEST_F(SimShip, ShippingLabelExistsOnceShippingIsArranged) {
  auto pkg = first_package(h.order(local, new_order(h, "demo-mx-local")));
  std::vector<std::pair<std::string, std::string>> q{{"document_type", "SHIPPING_LABEL"}};
  EXPECT_EQ(h.api(local, "GET", "/fulfillment/202309/packages/" + pkg + "/shipping_documents", q).code,
            21011003);
  ASSERT_EQ(ship(local, pkg).code, 0);
  auto r = h.api(local, "GET", "/fulfillment/202309/packages/" + pkg + "/shipping_documents", q);
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_EQ(std::string(r.obj().at("doc_url").as_string())
                .rfind("https://open-api.tiktokglobalshop.com/fulfillment/202309/shipping_documents/files/" + pkg, 0),
            0u);
  EXPECT_EQ(r.obj().at("tracking_number"), h.package(local, pkg).at("tracking_number"));
}

TEST_F(SimShip, InvoiceLabelIsForBrazilOnly) {
  auto pkg = first_package(h.order(local, new_order(h, "demo-mx-local")));
  auto r = h.api(local, "GET", "/fulfillment/202309/packages/" + pkg + "/shipping_documents",
                 {{"document_type", "INVOICE_LABEL"}});
  EXPECT_EQ(r.code, 21011005);
}

class SimSplit : public ::testing::Test {
 protected:
  harness h;
  connection mx = h.connect("demo-mx");

  response attributes(const std::string& ids) {
    return h.api(mx, "GET", "/fulfillment/202309/orders/split_attributes", {{"order_ids", ids}});
  }
  response split(const std::string& order_id, const json::object& body, const connection* as = nullptr) {
    return h.api(as ? *as : mx, "POST", "/fulfillment/202309/orders/" + order_id + "/split", {}, body);
  }
  // Lines grouped by SKU, in order of first appearance.
  std::vector<std::vector<std::string>> by_sku(const json::object& order) {
    std::vector<std::string> skus;
    std::map<std::string, std::vector<std::string>> lines;
    for (const auto& l : order.at("line_items").as_array()) {
      std::string sku(l.as_object().at("sku_id").as_string());
      if (!lines.count(sku)) skus.push_back(sku);
      lines[sku].emplace_back(l.as_object().at("id").as_string());
    }
    std::vector<std::vector<std::string>> out;
    for (const auto& s : skus) out.push_back(lines[s]);
    return out;
  }
};

TEST_F(SimSplit, AttributesNameTheCategoryLimitAnOrderBreaks) {
  auto id = new_order(h, "demo-mx", "must_split_category");
  auto r = attributes(id);
  ASSERT_EQ(r.code, 0) << r.message;
  const auto& a = r.obj().at("split_attributes").as_array().at(0).as_object();
  EXPECT_EQ(a.at("order_id"), id);
  EXPECT_EQ(a.at("can_split"), true);
  EXPECT_EQ(a.at("must_split"), true);
  const auto& reason = a.at("must_split_reasons").as_array().at(0).as_object();
  EXPECT_EQ(reason.at("type"), "CATEGORY_ITEM_LIMITATION");
  EXPECT_FALSE(reason.at("category_id").as_string().empty());
  EXPECT_EQ(reason.at("max_count"), "1");
}

TEST_F(SimSplit, AttributesNameTheTotalCountLimit) {
  auto r = attributes(new_order(h, "demo-mx", "must_split_total"));
  const auto& a = r.obj().at("split_attributes").as_array().at(0).as_object();
  ASSERT_EQ(a.at("must_split"), true);
  bool total = false;
  for (const auto& reason : a.at("must_split_reasons").as_array())
    if (reason.as_object().at("type") == "TOTAL_COUNT_LIMITATION") {
      total = true;
      EXPECT_EQ(reason.as_object().at("max_count"), "5");
      EXPECT_FALSE(reason.as_object().contains("category_id"));
    }
  EXPECT_TRUE(total);
}

TEST_F(SimSplit, TheDemoShopHasOrdersThatMustSplitForEachReason) {
  std::string ids;
  for (const auto& o : h.all_orders(mx, {{"order_status", "AWAITING_SHIPMENT"}}))
    ids += (ids.empty() ? "" : ",") + std::string(o.at("id").as_string());
  auto r = attributes(ids);
  ASSERT_EQ(r.code, 0) << r.message;
  std::set<std::string> reasons;
  int may_split = 0, cannot_split = 0;
  for (const auto& a : r.obj().at("split_attributes").as_array()) {
    const auto& o = a.as_object();
    if (o.at("must_split").as_bool())
      for (const auto& reason : o.at("must_split_reasons").as_array())
        reasons.insert(std::string(reason.as_object().at("type").as_string()));
    else if (o.at("can_split").as_bool())
      ++may_split;
    else
      ++cannot_split;
  }
  EXPECT_TRUE(reasons.count("CATEGORY_ITEM_LIMITATION"));
  EXPECT_TRUE(reasons.count("TOTAL_COUNT_LIMITATION"));
  EXPECT_GT(may_split, 0);
  EXPECT_GT(cannot_split, 0);
}

TEST_F(SimSplit, OrdersWithinTheLimitsCanSplitButNeedNot) {
  auto a = attributes(new_order(h, "demo-mx", "multi_sku"))
               .obj()
               .at("split_attributes")
               .as_array()
               .at(0)
               .as_object();
  EXPECT_EQ(a.at("can_split"), true);
  EXPECT_EQ(a.at("must_split"), false);
  auto single =
      attributes(new_order(h, "demo-mx", "single")).obj().at("split_attributes").as_array().at(0).as_object();
  EXPECT_EQ(single.at("can_split"), false);
  EXPECT_FALSE(single.at("reason").as_string().empty());
}

TEST_F(SimSplit, ASplitThatSatisfiesEveryLimitCreatesShippablePackages) {
  auto id = new_order(h, "demo-mx", "must_split_category");
  auto order = h.order(mx, id);
  std::vector<std::vector<std::string>> one_per_group;
  for (const auto& l : line_ids(order)) one_per_group.push_back({l});
  auto r = split(id, split_body(one_per_group));
  ASSERT_EQ(r.code, 0) << r.message;
  const auto& packages = r.obj().at("packages").as_array();
  ASSERT_EQ(packages.size(), one_per_group.size());
  EXPECT_EQ(packages[0].as_object().at("splittable_group_id"), "group-1");
  auto after = h.order(mx, id);
  EXPECT_EQ(after.at("split_or_combine_tag"), "SPLIT");
  EXPECT_EQ(after.at("packages").as_array().size(), one_per_group.size());
  for (const auto& p : packages) {
    std::string pid(p.as_object().at("id").as_string());
    EXPECT_EQ(h.package(mx, pid).at("split_and_combine_tag"), "SPLIT");
    EXPECT_EQ(h.api(mx, "POST", "/fulfillment/202309/packages/" + pid + "/ship", {}, json::object{}).code, 0);
  }
  EXPECT_EQ(h.order(mx, id).at("status"), "AWAITING_COLLECTION");
}

TEST_F(SimSplit, ShippingSomeOfTheSplitPackagesLeavesTheOrderPartiallyShipping) {
  auto id = new_order(h, "demo-mx", "must_split_category");
  std::vector<std::vector<std::string>> one_per_group;
  for (const auto& l : line_ids(h.order(mx, id))) one_per_group.push_back({l});
  auto r = split(id, split_body(one_per_group));
  ASSERT_EQ(r.code, 0);
  std::string first(r.obj().at("packages").as_array().at(0).as_object().at("id").as_string());
  ASSERT_EQ(h.api(mx, "POST", "/fulfillment/202309/packages/" + first + "/ship", {}, json::object{}).code, 0);
  EXPECT_EQ(h.order(mx, id).at("status"), "PARTIALLY_SHIPPING");
}

TEST_F(SimSplit, ASplitThatBreaksALimitGives21003002) {
  auto id = new_order(h, "demo-mx", "must_split_category");
  auto groups = by_sku(h.order(mx, id));  // every unit of the limited SKU stays together
  ASSERT_EQ(groups.size(), 2u);
  auto r = split(id, split_body(groups));
  EXPECT_EQ(r.code, 21003002);
  EXPECT_EQ(h.order(mx, id).at("packages").as_array().size(), 1u);  // nothing changed
}

TEST_F(SimSplit, ASplitMustPlaceEveryItemExactlyOnce) {
  auto id = new_order(h, "demo-mx", "must_split_category");
  auto lines = line_ids(h.order(mx, id));
  std::vector<std::vector<std::string>> missing_last;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) missing_last.push_back({lines[i]});
  EXPECT_EQ(split(id, split_body(missing_last)).code, 21011005);
  std::vector<std::vector<std::string>> twice{{lines[0]}, {lines[0]}};
  for (std::size_t i = 1; i < lines.size(); ++i) twice.push_back({lines[i]});
  EXPECT_EQ(split(id, split_body(twice)).code, 21011005);
}

TEST_F(SimSplit, LocalSellersMayNotSeparateUnitsOfOneSku) {
  auto local = h.connect("demo-mx-local");
  auto id = new_order(h, "demo-mx-local", "multi_unit");
  auto lines = line_ids(h.order(local, id));
  ASSERT_EQ(lines.size(), 3u);  // two units of one SKU, then one of another
  EXPECT_EQ(split(id, split_body({{lines[0]}, {lines[1], lines[2]}}), &local).code, 21011005);
}

TEST_F(SimSplit, LocalSellersSplitBySku) {
  auto local = h.connect("demo-mx-local");
  auto id = new_order(h, "demo-mx-local", "multi_unit");
  auto groups = by_sku(h.order(local, id));
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(split(id, split_body(groups), &local).code, 0);
}

TEST_F(SimSplit, CrossBorderSellersMaySeparateUnitsOfOneSku) {
  auto id = new_order(h, "demo-mx", "multi_unit");
  auto lines = line_ids(h.order(mx, id));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(split(id, split_body({{lines[0]}, {lines[1], lines[2]}})).code, 0);
}

TEST_F(SimSplit, AnOrderAlreadyShippedCannotSplit) {
  auto local = h.connect("demo-mx-local");
  auto id = new_order(h, "demo-mx-local", "multi_sku");
  auto order = h.order(local, id);
  ASSERT_EQ(h.api(local, "POST", "/fulfillment/202309/packages/" + first_package(order) + "/ship", {},
                  json::object{})
                .code,
            0);
  auto r = split(id, split_body(by_sku(order)), &local);
  EXPECT_EQ(r.code, 21011035);
}

class SimCombine : public ::testing::Test {
 protected:
  harness h;
  connection local = h.connect("demo-mx-local");
};

TEST_F(SimCombine, OrdersOfOneBuyerAreOfferedTogetherAndCombineIntoOnePackage) {
  auto search = h.api(local, "GET", "/fulfillment/202309/combinable_packages/search", {{"page_size", "10"}});
  ASSERT_EQ(search.code, 0) << search.message;
  const auto& offers = search.obj().at("combinable_packages").as_array();
  ASSERT_FALSE(offers.empty());
  const auto& offer = offers[0].as_object();
  ASSERT_GE(offer.at("order_ids").as_array().size(), 2u);
  json::object body{{"combinable_packages", json::array{offer}}};
  auto r = h.api(local, "POST", "/fulfillment/202309/packages/combine", {}, body);
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_TRUE(r.obj().at("errors").as_array().empty());
  std::string combined(r.obj().at("packages").as_array().at(0).as_object().at("id").as_string());
  EXPECT_EQ(combined, offer.at("id").as_string());
  for (const auto& oid : offer.at("order_ids").as_array()) {
    auto o = h.order(local, std::string(oid.as_string()));
    EXPECT_EQ(first_package(o), combined);
    EXPECT_EQ(o.at("split_or_combine_tag"), "COMBINED");
  }
  EXPECT_EQ(h.package(local, combined).at("split_and_combine_tag"), "COMBINE");
}

TEST_F(SimCombine, UncombineGivesTheRemovedOrderItsOwnPackage) {
  auto offer = h.api(local, "GET", "/fulfillment/202309/combinable_packages/search", {{"page_size", "10"}})
                   .obj()
                   .at("combinable_packages")
                   .as_array()
                   .at(0)
                   .as_object();
  auto combined = h.api(local, "POST", "/fulfillment/202309/packages/combine", {},
                        json::object{{"combinable_packages", json::array{offer}}});
  std::string pkg(combined.obj().at("packages").as_array().at(0).as_object().at("id").as_string());
  std::string removed(offer.at("order_ids").as_array().at(0).as_string());
  auto r = h.api(local, "POST", "/fulfillment/202309/packages/" + pkg + "/uncombine", {},
                 json::object{{"order_ids", json::array{json::value(removed)}}});
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_EQ(r.obj().at("packages").as_array().size(), 2u);
  EXPECT_NE(first_package(h.order(local, removed)), pkg);
}

TEST_F(SimCombine, AStaleOfferIsRefusedPerItem) {
  json::object body{
      {"combinable_packages",
       json::array{json::object{{"id", "1150000000000000001"},
                                {"order_ids", json::array{"576000000000000001", "576000000000000002"}}}}}};
  auto r = h.api(local, "POST", "/fulfillment/202309/packages/combine", {}, body);
  ASSERT_EQ(r.code, 0);
  const auto& e = r.obj().at("errors").as_array().at(0).as_object();
  EXPECT_EQ(e.at("code").as_int64(), 10007014);
  EXPECT_EQ(e.at("detail").as_object().at("package_id"), "1150000000000000001");
}

}  // namespace
