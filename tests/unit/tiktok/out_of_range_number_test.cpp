// A platform answer holding a number beyond a double's range (1e400) is refused with a decode error
// naming the number's JSON path, on every path that keeps JSON text (raw_json, data_json): kept, it
// would be written as `Infinity`, which is not JSON. Large numbers within range are kept as JSON.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <string>

#include "kingkung/tiktok/decode.hpp"
#include "kingkung/tiktok/envelope.hpp"
#include "kingkung/tiktok/fulfillment.hpp"
#include "kingkung/tiktok/orders.hpp"
#include "kingkung/tiktok/products.hpp"
#include "tiktok_fakes.hpp"

namespace kingkung::tiktok {
namespace {

using testing::client_fixture;
using testing::read_fixture;

constexpr std::string_view problem =
    ": expected a number within a double's range, found a number out of range";

// `v` as text, with the string "HUGE" in it written as the number `number`.
std::string with_number(const boost::json::value& v, std::string_view number) {
  std::string text = boost::json::serialize(v);
  const std::string marker = "\"HUGE\"";
  text.replace(text.find(marker), marker.size(), number);
  return text;
}

// The fixture's `data` after `edit`, as text, with "HUGE" written as `number`.
std::string data_with(const std::string& fixture, const std::function<void(boost::json::object&)>& edit,
                      std::string_view number = "1e400") {
  auto v = boost::json::parse(read_fixture(fixture));
  edit(v.at("data").as_object());
  return with_number(v.at("data"), number);
}

// The fixture's `data` after `edit`, as a value (no huge number in it yet).
boost::json::value data_of(const std::string& fixture,
                           const std::function<void(boost::json::object&)>& edit) {
  auto v = boost::json::parse(read_fixture(fixture));
  edit(v.at("data").as_object());
  return v.at("data");
}

// The first order of the Get Order Detail fixture, as text, with a huge number in its second line item.
std::string order_text(std::string_view number = "1e400") {
  auto data = data_of("order_detail.json", [](boost::json::object& d) {
    d.at("orders").as_array()[0].at("line_items").as_array()[1].as_object()["weight"] = "HUGE";
  });
  return with_number(data.at("orders").as_array()[0], number);
}

void expect_refused_at(const api_error& e, const std::string& path) {
  EXPECT_EQ(e.kind, error_class::invalid_response);
  EXPECT_EQ(e.message, path + std::string(problem));
}

TEST(TiktokOutOfRangeNumber, OrderTextIsRefusedAtTheNumbersPath) {
  auto o = decode_order(order_text(), "shop-1", "webhook.order");
  ASSERT_FALSE(o.ok());
  expect_refused_at(o.err(), "webhook.order.line_items[1].weight");
}

TEST(TiktokOutOfRangeNumber, NegativeOverflowIsRefusedToo) {
  auto o = decode_order(order_text("-1e400"), "shop-1", "order");
  ASSERT_FALSE(o.ok());
  expect_refused_at(o.err(), "order.line_items[1].weight");
}

TEST(TiktokOutOfRangeNumber, LargeNumberWithinRangeIsKeptAsJson) {
  auto o = decode_order(order_text("1e300"), "shop-1", "order");
  ASSERT_TRUE(o.ok()) << o.err().to_string();
  boost::system::error_code ec;
  auto kept = boost::json::parse(o->raw_json, ec);
  ASSERT_FALSE(ec) << o->raw_json;
  EXPECT_EQ(kept.at("line_items").as_array()[1].at("weight").as_double(), 1e300);
}

TEST(TiktokOutOfRangeNumber, GetOrderDetailAnswerIsRefusedWithItsRequestId) {
  client_fixture f;
  f.transport->reply(
      200, testing::ok_body(data_with("order_detail.json",
                                      [](boost::json::object& d) {
                                        d.at("orders").as_array()[0].at("payment").as_object()["fx_rate"] =
                                            "HUGE";
                                      }),
                            "RID-HUGE"));
  auto orders = get_order_detail(*f.api, f.shop, {"579381624750213456"});
  ASSERT_FALSE(orders.ok());
  expect_refused_at(orders.err(), "data.orders[0].payment.fx_rate");
  EXPECT_EQ(orders.err().request_id, "RID-HUGE");
}

TEST(TiktokOutOfRangeNumber, SearchOrdersListingIsRefused) {
  client_fixture f;
  f.transport->reply_ok(data_with("orders_search_page1.json", [](boost::json::object& d) {
    d.at("orders").as_array()[1].as_object()["score"] = "HUGE";
  }));
  auto page = search_order_listings(*f.api, f.shop, {});
  ASSERT_FALSE(page.ok());
  expect_refused_at(page.err(), "data.orders[1].score");
}

TEST(TiktokOutOfRangeNumber, PackageTextIsRefusedAtTheNumbersPath) {
  auto data = data_of("package_detail.json", [](boost::json::object& d) {
    d["dimension"] = boost::json::object{{"length", "HUGE"}};
  });
  auto p = decode_package(with_number(data, "1e400"), "shop-1");
  ASSERT_FALSE(p.ok());
  expect_refused_at(p.err(), "package.dimension.length");
}

TEST(TiktokOutOfRangeNumber, GetPackageDetailAnswerIsRefused) {
  client_fixture f;
  f.transport->reply_ok(
      data_with("package_detail.json", [](boost::json::object& d) { d["weight"] = "HUGE"; }));
  auto p = get_package_detail(*f.api, f.shop, "1154526713418354791");
  ASSERT_FALSE(p.ok());
  expect_refused_at(p.err(), "data.weight");
}

TEST(TiktokOutOfRangeNumber, ProductTextIsRefusedAtTheNumbersPath) {
  auto data = data_of("product_get.json", [](boost::json::object& d) {
    d.at("skus").as_array()[0].as_object()["rating"] = "HUGE";
  });
  auto p = decode_product(with_number(data, "1e400"), "shop-1");
  ASSERT_FALSE(p.ok());
  expect_refused_at(p.err(), "product.skus[0].rating");
}

TEST(TiktokOutOfRangeNumber, GetProductAnswerIsRefused) {
  client_fixture f;
  f.transport->reply_ok(data_with("product_get.json", [](boost::json::object& d) { d["rating"] = "HUGE"; }));
  auto p = get_product(*f.api, f.shop, "1729384756000000001");
  ASSERT_FALSE(p.ok());
  expect_refused_at(p.err(), "data.rating");
}

TEST(TiktokOutOfRangeNumber, EnvelopeDataIsRefused) {
  auto env = parse_envelope(
      200, R"({"code":0,"message":"Success","request_id":"RID-E","data":{"a":[1,{"b":1e400}]}})");
  ASSERT_FALSE(env.ok());
  expect_refused_at(env.err(), "data.a[1].b");
  EXPECT_EQ(env.err().request_id, "RID-E");
}

TEST(TiktokOutOfRangeNumber, GenericCallIsRefusedRatherThanReturningNonJsonText) {
  client_fixture f;
  f.transport->reply_ok(R"({"doc_url":"https://x.invalid/l.pdf","size":1e999})");
  api_request request;
  request.path = "/fulfillment/202309/packages/1/shipping_documents";
  request.query = {{"document_type", "SHIPPING_LABEL"}};
  auto r = f.api->call(f.shop, request);
  ASSERT_FALSE(r.ok());
  expect_refused_at(r.err(), "data.size");
}

}  // namespace
}  // namespace kingkung::tiktok
