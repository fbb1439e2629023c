// Typed calls: the requests they build (paths, query, exact bodies), batching, page following and
// per-item failures reported alongside success.
#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "kingkung/tiktok/fulfillment.hpp"
#include "kingkung/tiktok/invoices.hpp"
#include "kingkung/tiktok/orders.hpp"
#include "kingkung/tiktok/products.hpp"
#include "kingkung/tiktok/webhooks.hpp"
#include "tiktok_fakes.hpp"

namespace kingkung::tiktok {
namespace {

using testing::client_fixture;
using testing::param;
using testing::read_fixture;
using testing::signature_valid;

std::string path_of(const plugin::http_request& r) {
  return parse_target(r.target).path;
}

std::vector<std::string> ids(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(std::to_string(579381624750000000ULL + i));
  return out;
}

TEST(TiktokCalls, OrderDetailBatchesIdsByFifty) {
  client_fixture f;
  f.transport->fallback = [](const plugin::http_request& r) -> plugin::result<plugin::http_response> {
    // Answer each id asked for with a minimal order.
    std::string orders;
    const std::string id_text = param(r, "ids");
    for (std::size_t start = 0;;) {
      auto comma = id_text.find(',', start);
      orders += (orders.empty() ? "" : ",") + std::string(R"({"id":")") +
                id_text.substr(start, comma - start) + R"(","status":"UNPAID"})";
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    plugin::http_response response;
    response.status = 200;
    response.body = testing::ok_body(R"({"orders":[)" + orders + "]}");
    return response;
  };
  auto wanted = ids(120);
  auto orders = get_order_detail(*f.api, f.shop, wanted);
  ASSERT_TRUE(orders.ok()) << orders.err().to_string();
  ASSERT_EQ(f.transport->requests.size(), 3u);
  EXPECT_EQ(path_of(f.transport->requests[0]), "/order/202507/orders");
  std::vector<std::size_t> batch_sizes;
  for (const auto& r : f.transport->requests) {
    auto v = param(r, "ids");
    batch_sizes.push_back(static_cast<std::size_t>(std::count(v.begin(), v.end(), ',')) + 1);
    EXPECT_TRUE(signature_valid(r));
  }
  EXPECT_EQ(batch_sizes, (std::vector<std::size_t>{50, 50, 20}));
  ASSERT_EQ(orders->size(), 120u);
  EXPECT_EQ(orders->back().id, wanted.back());
}

TEST(TiktokCalls, OrderDetailRefusesAnEmptyId) {
  client_fixture f;
  auto r = get_order_detail(*f.api, f.shop, {"1", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().message, "order_ids[1]: expected a non-empty id without commas, found \"\"");
  EXPECT_TRUE(f.transport->requests.empty());
}

TEST(TiktokCalls, SearchAllOrdersFollowsNextPageTokenUntilEmpty) {
  client_fixture f;
  f.transport->reply(200, read_fixture("orders_search_page1.json"));
  f.transport->reply(200, read_fixture("orders_search_page2.json"));
  search_orders_request request;
  request.page_size = 50;
  request.sort_field = "update_time";
  auto all = search_all_orders(*f.api, f.shop, request);
  ASSERT_TRUE(all.ok()) << all.err().to_string();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[2].status, domain::order_status::cancelled);
  ASSERT_EQ(f.transport->requests.size(), 2u);
  const auto& second = f.transport->requests[1];
  EXPECT_EQ(param(second, "page_token"), "aGVsbG8+d29ybGQ/bWF4PTUw+cGFnZT0y/ZW5k==");
  EXPECT_NE(second.target.find("page_token=aGVsbG8%2Bd29ybGQ%2FbWF4PTUw%2BcGFnZT0y%2FZW5k%3D%3D"),
            std::string::npos);
  EXPECT_EQ(param(second, "sort_field"), "update_time");
  EXPECT_EQ(param(second, "page_size"), "50");
  EXPECT_TRUE(signature_valid(second));
  EXPECT_FALSE(testing::has_param(f.transport->requests[0], "page_token"));
}

TEST(TiktokCalls, PageCallbackCanStopEarly) {
  client_fixture f;
  f.transport->reply(200, read_fixture("orders_search_page1.json"));
  unsigned seen = 0;
  auto pages = for_each_order_page(*f.api, f.shop, {}, [&](order_page&) {
    ++seen;
    return false;
  });
  ASSERT_TRUE(pages.ok());
  EXPECT_EQ(*pages, 1u);
  EXPECT_EQ(seen, 1u);
  EXPECT_EQ(f.transport->requests.size(), 1u);
}

TEST(TiktokCalls, RepeatedPageTokenStopsWithAnError) {
  client_fixture f;
  f.transport->reply_ok(R"({"orders":[],"next_page_token":"T1"})");
  f.transport->reply_ok(R"({"orders":[],"next_page_token":"T1"})");
  auto all = search_all_orders(*f.api, f.shop, {});
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.err().kind, error_class::invalid_response);
  EXPECT_EQ(f.transport->requests.size(), 2u);
}

TEST(TiktokCalls, FailedPageEndsPaginationWithItsError) {
  client_fixture f;
  f.transport->reply(200, read_fixture("orders_search_page1.json"));
  f.transport->reply(200, testing::error_body(105005, "Access denied: missing access scope"));
  auto all = search_all_orders(*f.api, f.shop, {});
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.err().kind, error_class::permission);
}

TEST(TiktokCalls, PageSizeOutsideTheRangeIsRefused) {
  client_fixture f;
  search_orders_request orders;
  orders.page_size = 101;
  auto r = search_orders(*f.api, f.shop, orders);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().message, "page_size: expected 1..100, found 101");
  search_packages_request packages;
  packages.page_size = 51;
  EXPECT_FALSE(search_packages(*f.api, f.shop, packages).ok());
  EXPECT_FALSE(search_combinable_packages(*f.api, f.shop, 0).ok());
  EXPECT_TRUE(f.transport->requests.empty());
}

TEST(TiktokCalls, UpdateInventoryReportsFailedSkusAlongsideSuccess) {
  client_fixture f;
  f.transport->reply(200, read_fixture("update_inventory_partial.json"));
  auto outcome = update_inventory(*f.api, f.shop, "1729384756000000001",
                                  {{"1729384756123456789", {{"7291846622100393733", 95}}},
                                   {"1729384756123456790", {{"7291846622100393799", 10}}}});
  ASSERT_TRUE(outcome.ok()) << outcome.err().to_string();
  ASSERT_EQ(outcome->errors.size(), 1u);
  EXPECT_FALSE(outcome->all_succeeded());
  EXPECT_EQ(outcome->errors[0].id("sku_id"), "1729384756123456790");
  const auto& r = f.transport->requests[0];
  EXPECT_EQ(path_of(r), "/product/202309/products/1729384756000000001/inventory/update");
  EXPECT_EQ(
      r.body,
      R"({"skus":[{"id":"1729384756123456789","inventory":[{"warehouse_id":"7291846622100393733","quantity":95}]},)"
      R"({"id":"1729384756123456790","inventory":[{"warehouse_id":"7291846622100393799","quantity":10}]}]})");
  EXPECT_TRUE(signature_valid(r));
}

TEST(TiktokCalls, UpdateInventoryRefusesNegativeQuantity) {
  client_fixture f;
  auto outcome = update_inventory(*f.api, f.shop, "1", {{"2", {{"w", -1}}}});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.err().message,
            "skus[0].inventory[0].quantity: expected a quantity of 0 or more, found -1");
}

TEST(TiktokCalls, UpdatePriceSendsDecimalStrings) {
  client_fixture f;
  f.transport->reply_ok("{}");
  price_update update;
  update.sku_id = "1729384756123456789";
  update.currency = "MXN";
  update.amount = decimal::parse("189.5");
  auto outcome = update_price(*f.api, f.shop, "1729384756000000001", {update});
  ASSERT_TRUE(outcome.ok()) << outcome.err().to_string();
  EXPECT_TRUE(outcome->all_succeeded());
  EXPECT_EQ(f.transport->requests[0].body,
            R"({"skus":[{"id":"1729384756123456789","price":{"currency":"MXN","amount":"189.50"}}]})");
}

TEST(TiktokCalls, PartialEditSendsOnlyTheGivenProperties) {
  client_fixture f;
  f.transport->reply_ok(R"({"product_id":"1729384756000000001","skus":[],"audit":{"status":"AUDITING"}})");
  partial_edit_request edit;
  edit.title = "Audífonos inalámbricos Pro 2";
  auto r = partial_edit_product(*f.api, f.shop, "1729384756000000001", edit);
  ASSERT_TRUE(r.ok()) << r.err().to_string();
  EXPECT_EQ(r->audit_status, "AUDITING");
  EXPECT_EQ(f.transport->requests[0].body, R"({"title":"Audífonos inalámbricos Pro 2"})");
  EXPECT_EQ(path_of(f.transport->requests[0]), "/product/202509/products/1729384756000000001/partial_edit");
}

TEST(TiktokCalls, PartialEditRefusesExtraJsonThatIsNotAnObject) {
  client_fixture f;
  partial_edit_request edit;
  edit.extra_json = "[1,2]";
  auto r = partial_edit_product(*f.api, f.shop, "1", edit);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().message, "extra_json: expected a JSON object, found an array");
}

TEST(TiktokCalls, UploadInvoiceSendsBase64XmlAndOrderIdsArray) {
  client_fixture f;
  f.transport->reply(200, read_fixture("invoice_upload_partial.json"));
  const std::string xml = R"(<?xml version="1.0"?><nfeProc xmlns="http://www.portalfiscal.inf.br/nfe"/>)";
  auto outcome = upload_invoices(
      *f.api, f.shop, {{"1154526713418370001", {"579381624750500001", "579381624750500002"}, xml}});
  ASSERT_TRUE(outcome.ok()) << outcome.err().to_string();
  ASSERT_EQ(outcome->errors.size(), 1u);
  EXPECT_EQ(outcome->errors[0].code, 10007014);
  const auto& r = f.transport->requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(path_of(r), "/fulfillment/202502/invoice/upload");
  auto body = boost::json::parse(r.body);
  const auto& invoice = body.at("invoices").at(0);
  EXPECT_EQ(invoice.at("file_type").as_string(), "XML");
  EXPECT_EQ(invoice.at("file").as_string(), base64_encode(xml));
  ASSERT_TRUE(invoice.at("order_ids").is_array());
  EXPECT_EQ(invoice.at("order_ids").as_array().size(), 2u);
  EXPECT_EQ(invoice.at("package_id").as_string(), "1154526713418370001");
  EXPECT_TRUE(signature_valid(r));
}

TEST(TiktokCalls, Base64FollowsRfc4648) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("M"), "TQ==");
  EXPECT_EQ(base64_encode("Ma"), "TWE=");
  EXPECT_EQ(base64_encode("Man"), "TWFu");
}

TEST(TiktokCalls, BatchShipReportsFailedPackages) {
  client_fixture f;
  f.transport->reply(200, read_fixture("batch_ship_partial.json"));
  ship_package_request pickup;
  pickup.handover_method = "PICKUP";
  pickup.slot = pickup_slot{1710324000, 1710338400};
  auto outcome = batch_ship_packages(
      *f.api, f.shop,
      {{"1154526713418354791", pickup}, {"1154526713418354792", pickup}, {"1154526713418354793", pickup}});
  ASSERT_TRUE(outcome.ok());
  ASSERT_EQ(outcome->errors.size(), 2u);
  EXPECT_EQ(outcome->errors[0].id("package_id"), "1154526713418354792");
  EXPECT_EQ(outcome->errors[1].code, 21004024);
  auto body = boost::json::parse(f.transport->requests[0].body);
  EXPECT_EQ(body.at("packages").at(0).at("id").as_string(), "1154526713418354791");
  EXPECT_EQ(body.at("packages").at(0).at("pickup_slot").at("start_time").as_int64(), 1710324000);
}

TEST(TiktokCalls, ShipPackageWithSelfShipmentBody) {
  client_fixture f;
  f.transport->reply_ok("{}");
  ship_package_request ship;
  ship.self_ship = self_shipment{"BR1234567890", "6617675021119438849"};
  ASSERT_TRUE(ship_package(*f.api, f.shop, "1154526713418354791", ship).ok());
  EXPECT_EQ(
      f.transport->requests[0].body,
      R"({"self_shipment":{"tracking_number":"BR1234567890","shipping_provider_id":"6617675021119438849"}})");
  EXPECT_EQ(path_of(f.transport->requests[0]), "/fulfillment/202309/packages/1154526713418354791/ship");
}

TEST(TiktokCalls, SplitAttributesReadMustSplitReasonsWithStringCounts) {
  client_fixture f;
  f.transport->reply_ok(R"({"split_attributes":[
    {"order_id":"579381624750213456","can_split":true,"must_split":true,
     "must_split_reasons":[{"type":"TOTAL_COUNT_LIMITATION","max_count":"2"},
                           {"type":"CATEGORY_ITEM_LIMITATION","category_id":"909082","max_count":"1"}]},
    {"order_id":"579381624750299999","can_split":false,"reason":"Order has been canceled","must_split":false}]})");
  auto attrs = get_split_attributes(*f.api, f.shop, {"579381624750213456", "579381624750299999"});
  ASSERT_TRUE(attrs.ok()) << attrs.err().to_string();
  ASSERT_EQ(attrs->size(), 2u);
  EXPECT_TRUE((*attrs)[0].must_split);
  ASSERT_EQ((*attrs)[0].must_split_reasons.size(), 2u);
  EXPECT_EQ((*attrs)[0].must_split_reasons[0].max_count, 2);
  EXPECT_EQ((*attrs)[0].must_split_reasons[1].category_id, "909082");
  EXPECT_FALSE((*attrs)[1].can_split);
  EXPECT_EQ((*attrs)[1].reason, "Order has been canceled");
  EXPECT_EQ(param(f.transport->requests[0], "order_ids"), "579381624750213456,579381624750299999");
}

TEST(TiktokCalls, SplitOrderSendsGroupsAndReadsNewPackageIds) {
  client_fixture f;
  f.transport->reply_ok(R"({"packages":[{"splittable_group_id":"g1","id":"1154526713418354791"},
                                        {"splittable_group_id":"g2","id":"1154526713418354792"}]})");
  auto r = split_order(*f.api, f.shop, "579381624750213456",
                       {{"g1", {"579381624750279001"}}, {"g2", {"579381624750279002"}}});
  ASSERT_TRUE(r.ok()) << r.err().to_string();
  ASSERT_EQ(r->packages.size(), 2u);
  EXPECT_EQ(r->packages[1].splittable_group_id, "g2");
  EXPECT_EQ(r->packages[1].package_id, "1154526713418354792");
  EXPECT_EQ(f.transport->requests[0].body,
            R"({"splittable_groups":[{"id":"g1","order_line_item_ids":["579381624750279001"]},)"
            R"({"id":"g2","order_line_item_ids":["579381624750279002"]}]})");
}

TEST(TiktokCalls, CombineReturnsNewPackagesAndFailures) {
  client_fixture f;
  f.transport->reply(200, read_fixture("combine_partial.json"));
  auto r = combine_packages(*f.api, f.shop,
                            {{"1154526713418360001", {"579381624750400001", "579381624750400002"}},
                             {"1154526713418360002", {"579381624750400003"}}});
  ASSERT_TRUE(r.ok()) << r.err().to_string();
  ASSERT_EQ(r->packages.size(), 1u);
  EXPECT_EQ(r->packages[0].order_ids.size(), 2u);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].id("package_id"), "1154526713418360002");
}

TEST(TiktokCalls, UncombineSendsTheOrdersToRemove) {
  client_fixture f;
  f.transport->reply_ok(R"({"packages":[{"id":"1","order_ids":["a"]},{"id":"2","order_ids":["b"]}]})");
  auto r = uncombine_package(*f.api, f.shop, "1154526713418360001", {"b"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->packages.size(), 2u);
  EXPECT_EQ(f.transport->requests[0].body, R"({"order_ids":["b"]})");
  EXPECT_EQ(path_of(f.transport->requests[0]), "/fulfillment/202309/packages/1154526713418360001/uncombine");
}

TEST(TiktokCalls, SearchAllCombinablePackagesFollowsPages) {
  client_fixture f;
  f.transport->reply_ok(
      R"({"combinable_packages":[{"id":"p1","order_ids":["o1","o2"]}],"next_page_token":"n/2","total_count":2})");
  f.transport->reply_ok(
      R"({"combinable_packages":[{"id":"p2","order_ids":["o3","o4"]}],"next_page_token":"","total_count":2})");
  auto all = search_all_combinable_packages(*f.api, f.shop, 10);
  ASSERT_TRUE(all.ok()) << all.err().to_string();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].id, "p2");
  EXPECT_EQ(f.transport->requests[1].method, "GET");
  EXPECT_EQ(param(f.transport->requests[1], "page_token"), "n/2");
}

TEST(TiktokCalls, ShippingDocumentAsksForTheTypeAndReadsTheUrl) {
  client_fixture f;
  f.transport->reply_ok(R"({"doc_url":"https://example.invalid/label.pdf","tracking_number":"JT1"})");
  shipping_document_request request;
  request.document_type = "INVOICE_LABEL";
  auto doc = get_shipping_document(*f.api, f.shop, "1154526713418354791", request);
  ASSERT_TRUE(doc.ok()) << doc.err().to_string();
  EXPECT_EQ(doc->doc_url, "https://example.invalid/label.pdf");
  EXPECT_EQ(param(f.transport->requests[0], "document_type"), "INVOICE_LABEL");
  EXPECT_FALSE(testing::has_param(f.transport->requests[0], "document_size"));
}

TEST(TiktokCalls, WebhookSubscriptionsGetPutAndDelete) {
  client_fixture f;
  f.transport->reply_ok(
      R"({"webhooks":[{"event_type":"ORDER_STATUS_CHANGE","address":"https://seller.example.com/webhooks/tiktok",
                                          "create_time":1710000000,"update_time":1710000001}],"total_count":1})");
  f.transport->reply_ok("{}");
  f.transport->reply_ok("{}");
  auto list = get_webhooks(*f.api, f.shop);
  ASSERT_TRUE(list.ok()) << list.err().to_string();
  ASSERT_EQ(list->webhooks.size(), 1u);
  EXPECT_EQ(list->webhooks[0].event_type, "ORDER_STATUS_CHANGE");
  ASSERT_TRUE(
      put_webhook(*f.api, f.shop, "PACKAGE_UPDATE", "https://seller.example.com/webhooks/tiktok").ok());
  ASSERT_TRUE(delete_webhook(*f.api, f.shop, "PACKAGE_UPDATE").ok());
  const auto& put = f.transport->requests[1];
  EXPECT_EQ(put.method, "PUT");
  EXPECT_EQ(put.body,
            R"({"address":"https://seller.example.com/webhooks/tiktok","event_type":"PACKAGE_UPDATE"})");
  EXPECT_TRUE(signature_valid(put));
  const auto& del = f.transport->requests[2];
  EXPECT_EQ(del.method, "DELETE");
  EXPECT_EQ(del.body, R"({"event_type":"PACKAGE_UPDATE"})");
  EXPECT_EQ(path_of(del), "/event/202309/webhooks");
}

TEST(TiktokCalls, WebhookAddressMustBeHttps) {
  client_fixture f;
  auto r = put_webhook(*f.api, f.shop, "ORDER_STATUS_CHANGE", "http://seller.example.com/hook");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().message, "address: expected an https:// URL, found \"http://seller.example.com/hook\"");
  EXPECT_TRUE(f.transport->requests.empty());
}

}  // namespace
}  // namespace kingkung::tiktok
