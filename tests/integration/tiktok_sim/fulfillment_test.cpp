// Fulfilment through the client against the simulator: packages, shipping, shipping documents, the
// Mexico split rules, Brazil invoices, combining, and webhook subscriptions.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "sim_env.hpp"

namespace kingkung::tiktok_sim_test {
namespace {

domain::order one_order(sim_env& env, const shop_ref& shop, const std::string& id) {
  auto orders = tiktok::get_order_detail(*env.api, shop, {id});
  if (!orders.ok()) throw std::runtime_error(orders.err().to_string());
  if (orders->size() != 1) throw std::runtime_error("order " + id + " not returned");
  return orders->front();
}

// An NF-e as distributed (nfeProc) with a valid 44-digit access key and authorisation status 100.
std::string authorised_nfe(std::string first43) {
  int sum = 0;
  int weight = 2;
  for (auto it = first43.rbegin(); it != first43.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = weight == 9 ? 2 : weight + 1;
  }
  int r = sum % 11;
  std::string key = first43 + static_cast<char>('0' + (r < 2 ? 0 : 11 - r));
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nfeProc versao=\"4.00\"><NFe><infNFe Id=\"NFe" + key +
         "\" versao=\"4.00\"><ide><mod>55</mod></ide></infNFe></NFe><protNFe><infProt><chNFe>" + key +
         "</chNFe><cStat>100</cStat></infProt></protNFe></nfeProc>";
}

TEST(TiktokSimFulfillment, PackageSearchAndDetailAgree) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  tiktok::search_packages_request req;
  req.page_size = 50;
  auto page = tiktok::search_packages(*env.api, shop, req);
  ASSERT_TRUE(page.ok()) << page.err().to_string();
  ASSERT_FALSE(page->packages.empty());
  const auto& listed = page->packages.front();
  auto detail = tiktok::get_package_detail(*env.api, shop, listed.id);
  ASSERT_TRUE(detail.ok()) << detail.err().to_string();
  EXPECT_EQ(detail->id, listed.id);
  EXPECT_EQ(detail->status, listed.status);
  EXPECT_FALSE(detail->order_ids.empty());
}

TEST(TiktokSimFulfillment, ShippingAPackageMovesTheOrderToAwaitingCollection) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  auto id = env.create_orders(us_shop_id, 1, "single").front();
  auto before = one_order(env, shop, id);
  ASSERT_EQ(before.status, domain::order_status::awaiting_shipment);
  ASSERT_EQ(before.package_ids.size(), 1u);
  tiktok::ship_package_request ship;
  ship.handover_method = "DROP_OFF";
  auto shipped = tiktok::ship_package(*env.api, shop, before.package_ids.front(), ship);
  ASSERT_EQ(first_code(shipped), 0) << (shipped.ok() ? shipped->errors.front().message : shipped.err().to_string());
  EXPECT_EQ(one_order(env, shop, id).status, domain::order_status::awaiting_collection);
  auto package = tiktok::get_package_detail(*env.api, shop, before.package_ids.front());
  ASSERT_TRUE(package.ok()) << package.err().to_string();
  EXPECT_EQ(package->status, "FULFILLING");
  EXPECT_FALSE(package->tracking_number.empty());
}

TEST(TiktokSimFulfillment, ShippingTwiceIsRefusedWith21011040) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  auto order = one_order(env, shop, env.create_orders(us_shop_id, 1, "single").front());
  tiktok::ship_package_request ship;
  ship.handover_method = "DROP_OFF";
  ASSERT_EQ(first_code(tiktok::ship_package(*env.api, shop, order.package_ids.front(), ship)), 0);
  EXPECT_EQ(first_code(tiktok::ship_package(*env.api, shop, order.package_ids.front(), ship)), 21011040);
}

TEST(TiktokSimFulfillment, ShippingLabelIsAvailableOnceShipped) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  auto order = one_order(env, shop, env.create_orders(us_shop_id, 1, "single").front());
  tiktok::ship_package_request ship;
  ship.handover_method = "DROP_OFF";
  ASSERT_EQ(first_code(tiktok::ship_package(*env.api, shop, order.package_ids.front(), ship)), 0);
  auto doc = tiktok::get_shipping_document(*env.api, shop, order.package_ids.front());
  ASSERT_TRUE(doc.ok()) << doc.err().to_string();
  // A link the shop's transport can fetch: the simulator serves the label itself.
  EXPECT_EQ(doc->doc_url.rfind("https://open-api.tiktokglobalshop.com/fulfillment/202309/shipping_documents/files/" +
                                   order.package_ids.front() + "/",
                               0),
            0u)
      << doc->doc_url;
  EXPECT_FALSE(doc->tracking_number.empty());
}

TEST(TiktokSimFulfillment, MustSplitOrderCannotShipBeforeTheSplit) {
  sim_env env;
  auto shop = env.connect(mx_shop_id);
  auto order = one_order(env, shop, env.create_orders(mx_shop_id, 1, "must_split_category").front());
  ASSERT_EQ(order.package_ids.size(), 1u);
  auto attrs = tiktok::get_split_attributes(*env.api, shop, {order.id});
  ASSERT_TRUE(attrs.ok()) << attrs.err().to_string();
  ASSERT_EQ(attrs->size(), 1u);
  EXPECT_TRUE(attrs->front().must_split);
  EXPECT_TRUE(attrs->front().can_split);
  ASSERT_FALSE(attrs->front().must_split_reasons.empty());
  EXPECT_EQ(attrs->front().must_split_reasons.front().type, "CATEGORY_ITEM_LIMITATION");
  tiktok::ship_package_request ship;
  ship.handover_method = "DROP_OFF";
  EXPECT_EQ(first_code(tiktok::ship_package(*env.api, shop, order.package_ids.front(), ship)), 21004024);
  EXPECT_EQ(one_order(env, shop, order.id).status, domain::order_status::awaiting_shipment);
}

TEST(TiktokSimFulfillment, SplitIntoOneItemPerPackageLetsEveryPackageShip) {
  sim_env env;
  auto shop = env.connect(mx_shop_id);
  auto order = one_order(env, shop, env.create_orders(mx_shop_id, 1, "must_split_total").front());
  std::vector<tiktok::splittable_group> groups;
  for (const auto& line : order.lines) groups.push_back({"g" + std::to_string(groups.size() + 1), {line.id}});
  ASSERT_GE(groups.size(), 2u);
  auto split = tiktok::split_order(*env.api, shop, order.id, groups);
  ASSERT_TRUE(split.ok()) << split.err().to_string();
  ASSERT_EQ(split->packages.size(), groups.size());
  std::set<std::string> group_ids;
  for (const auto& p : split->packages) group_ids.insert(p.splittable_group_id);
  EXPECT_EQ(group_ids.size(), groups.size());
  tiktok::ship_package_request ship;
  ship.handover_method = "DROP_OFF";
  for (const auto& p : split->packages)
    EXPECT_EQ(first_code(tiktok::ship_package(*env.api, shop, p.package_id, ship)), 0) << p.package_id;
  EXPECT_EQ(one_order(env, shop, order.id).status, domain::order_status::awaiting_collection);
}

TEST(TiktokSimFulfillment, SplitThatBreaksACategoryLimitIsRefusedWith21003002) {
  sim_env env;
  auto shop = env.connect(mx_shop_id);
  auto order = one_order(env, shop, env.create_orders(mx_shop_id, 1, "must_split_category").front());
  // The limited SKU comes with limit + 1 units (one line each); keeping them together breaks the limit.
  std::map<std::string, std::vector<std::string>> by_sku;
  for (const auto& line : order.lines) by_sku[line.sku_id].push_back(line.id);
  ASSERT_EQ(by_sku.size(), 2u) << "expected the limited SKU and one other";
  auto limited = by_sku.begin()->second.size() > std::next(by_sku.begin())->second.size() ? by_sku.begin()
                                                                                           : std::next(by_sku.begin());
  auto other = limited == by_sku.begin() ? std::next(by_sku.begin()) : by_sku.begin();
  auto split = tiktok::split_order(*env.api, shop, order.id, {{"a", limited->second}, {"b", other->second}});
  ASSERT_FALSE(split.ok());
  EXPECT_EQ(split.err().code, 21003002);
  auto attrs = tiktok::get_split_attributes(*env.api, shop, {order.id});
  ASSERT_TRUE(attrs.ok()) << attrs.err().to_string();
  EXPECT_TRUE(attrs->front().must_split);
}

TEST(TiktokSimFulfillment, BrazilPackageShipsOnlyAfterItsInvoiceIsAccepted) {
  sim_env env;
  auto shop = env.connect(br_shop_id);
  auto order = one_order(env, shop, env.create_orders(br_shop_id, 1, "single").front());
  ASSERT_EQ(order.package_ids.size(), 1u);
  const auto package_id = order.package_ids.front();
  tiktok::ship_package_request ship;
  ship.handover_method = "DROP_OFF";
  EXPECT_EQ(first_code(tiktok::ship_package(*env.api, shop, package_id, ship)), 21004006);

  auto uploaded = tiktok::upload_invoices(
      *env.api, shop, {{package_id, {order.id}, authorised_nfe("3525100000000000000055001000000123100000001")}});
  ASSERT_EQ(first_code(uploaded), 0) << (uploaded.ok() ? uploaded->errors.front().message : uploaded.err().to_string());
  EXPECT_EQ(one_order(env, shop, order.id).need_upload_invoice, "INVOICE_PROCESSING");
  env.advance(4);
  env.control_data("POST", "/__sim/settle");
  EXPECT_EQ(one_order(env, shop, order.id).need_upload_invoice, "INVOICE_UPLOADED");
  EXPECT_EQ(first_code(tiktok::ship_package(*env.api, shop, package_id, ship)), 0);
  EXPECT_EQ(one_order(env, shop, order.id).status, domain::order_status::awaiting_collection);
}

TEST(TiktokSimFulfillment, InvoiceForAnOrderOutsideThePackageIsRefusedWith21008111) {
  sim_env env;
  auto shop = env.connect(br_shop_id);
  auto ids = env.create_orders(br_shop_id, 2, "single");
  auto order = one_order(env, shop, ids[0]);
  auto uploaded = tiktok::upload_invoices(
      *env.api, shop,
      {{order.package_ids.front(), {ids[1]}, authorised_nfe("3525100000000000000055001000000124100000002")}});
  EXPECT_EQ(first_code(uploaded), 21008111);
  EXPECT_NE(one_order(env, shop, order.id).need_upload_invoice, "INVOICE_PROCESSING");
}

TEST(TiktokSimFulfillment, CombineThenUncombineRoundTrips) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  auto candidates = tiktok::search_all_combinable_packages(*env.api, shop, 20);
  ASSERT_TRUE(candidates.ok()) << candidates.err().to_string();
  ASSERT_FALSE(candidates->empty()) << "the demo data has two combinable orders of one buyer";
  const auto offer = candidates->front();
  ASSERT_GE(offer.order_ids.size(), 2u);
  auto combined = tiktok::combine_packages(*env.api, shop, {offer});
  ASSERT_TRUE(combined.ok()) << combined.err().to_string();
  ASSERT_TRUE(combined->errors.empty()) << combined->errors.front().message;
  ASSERT_EQ(combined->packages.size(), 1u);
  const auto package_id = combined->packages.front().id;
  for (const auto& id : offer.order_ids) {
    auto o = one_order(env, shop, id);
    ASSERT_EQ(o.package_ids.size(), 1u) << id;
    EXPECT_EQ(o.package_ids.front(), package_id) << id;
  }
  auto uncombined = tiktok::uncombine_package(*env.api, shop, package_id, {offer.order_ids.back()});
  ASSERT_TRUE(uncombined.ok()) << uncombined.err().to_string();
  auto removed = one_order(env, shop, offer.order_ids.back());
  ASSERT_EQ(removed.package_ids.size(), 1u);
  EXPECT_NE(removed.package_ids.front(), package_id);
}

TEST(TiktokSimFulfillment, StaleCombineOfferIsRefusedWith10007014) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  auto candidates = tiktok::search_all_combinable_packages(*env.api, shop, 20);
  ASSERT_TRUE(candidates.ok()) << candidates.err().to_string();
  ASSERT_FALSE(candidates->empty());
  const auto offer = candidates->front();
  ASSERT_TRUE(tiktok::combine_packages(*env.api, shop, {offer}).ok());
  auto again = tiktok::combine_packages(*env.api, shop, {offer});
  std::int64_t code = again.ok() ? (again->errors.empty() ? 0 : again->errors.front().code) : again.err().code;
  EXPECT_EQ(code, 10007014);
}

TEST(TiktokSimWebhooks, SubscriptionCanBePutReadAndDeleted) {
  sim_env env;
  auto shop = env.connect(mx_shop_id);
  const std::string address = "https://hooks.example.invalid/kingkung/orders";
  auto put = tiktok::put_webhook(*env.api, shop, "ORDER_STATUS_CHANGE", address);
  ASSERT_TRUE(put.ok()) << put.err().to_string();
  auto listed = tiktok::get_webhooks(*env.api, shop);
  ASSERT_TRUE(listed.ok()) << listed.err().to_string();
  bool found = false;
  for (const auto& w : listed->webhooks) found |= w.event_type == "ORDER_STATUS_CHANGE" && w.address == address;
  EXPECT_TRUE(found);
  auto deleted = tiktok::delete_webhook(*env.api, shop, "ORDER_STATUS_CHANGE");
  ASSERT_TRUE(deleted.ok()) << deleted.err().to_string();
  auto after = tiktok::get_webhooks(*env.api, shop);
  ASSERT_TRUE(after.ok()) << after.err().to_string();
  for (const auto& w : after->webhooks) EXPECT_NE(w.event_type, "ORDER_STATUS_CHANGE");
}

}  // namespace
}  // namespace kingkung::tiktok_sim_test
