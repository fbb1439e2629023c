// The checks every Open API request goes through, with the platform's codes and messages
// (docs/tiktok-shop-api.md 3.1, 4.1-4.3 and the simulator checklist).
#include <gtest/gtest.h>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimGateway : public ::testing::Test {
 protected:
  harness h;
  connection mx = h.connect("demo-mx");

  request_spec orders_search() {
    request_spec s;
    s.method = "POST";
    s.path = "/order/202309/orders/search";
    s.query = {{"page_size", "10"}};
    s.body = "{}";
    s.as = &mx;
    return s;
  }
};

TEST_F(SimGateway, AcceptsACorrectlySignedRequest) {
  auto r = h.send(orders_search());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.message, "Success");
}

TEST_F(SimGateway, UnknownPathIsHttp404With36009009) {
  auto s = orders_search();
  s.path = "/order/202309/orders/find";
  auto r = h.send(s);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.code, 36009009);
  EXPECT_EQ(r.message, "Invalid path. The specified path does not match any available endpoint.");
  EXPECT_TRUE(r.data.is_null());
}

TEST_F(SimGateway, WrongMethodGives36009010) {
  auto s = orders_search();
  s.method = "GET";
  s.body.clear();
  auto r = h.send(s);
  EXPECT_EQ(r.code, 36009010);
  EXPECT_EQ(r.message, "Invalid method. The HTTP method used is not supported by this endpoint.");
}

TEST_F(SimGateway, UnsupportedVersionGives36009014) {
  auto s = orders_search();
  s.path = "/order/202401/orders/search";
  auto r = h.send(s);
  EXPECT_EQ(r.code, 36009014);
}

TEST_F(SimGateway, AcceptsEveryVersionAnEndpointHas) {
  auto id = h.all_orders(mx).front().at("id").as_string();
  for (std::string version : {"202309", "202507"}) {
    auto r = h.api(mx, "GET", "/order/" + version + "/orders", {{"ids", std::string(id)}});
    EXPECT_EQ(r.code, 0) << version;
  }
}

TEST_F(SimGateway, UnknownAppKeyGives36009004InvalidAppKey) {
  auto s = orders_search();
  s.app_key_override = "someone-else";
  auto r = h.send(s);
  EXPECT_EQ(r.code, 36009004);
  EXPECT_EQ(r.message, "Invalid credentials. Invalid `app_key` query parameter.");
}

TEST_F(SimGateway, MissingSignGives36009004MissingCredentials) {
  auto s = orders_search();
  s.sign_override = "";
  auto r = h.send(s);
  EXPECT_EQ(r.code, 36009004);
  EXPECT_EQ(r.message,
            "Missing credentials. The request does not include a required signature in the query.");
}

TEST_F(SimGateway, WrongSignGives106001) {
  auto s = orders_search();
  s.sign_override = std::string(64, 'a');
  auto r = h.send(s);
  EXPECT_EQ(r.code, 106001);
  EXPECT_EQ(r.message, "Invalid credentials. The `sign` query parameter is invalid.");
}

TEST_F(SimGateway, SignatureCoversTheBody) {
  auto s = orders_search();
  auto signed_request = h.build(s);
  signed_request.body = R"({"order_status":"UNPAID"})";
  EXPECT_EQ(h.send_raw(signed_request).code, 106001);
}

TEST_F(SimGateway, UnencodedPlusInTheQueryReadsAsASpaceAndBreaksTheSignature) {
  auto s = orders_search();
  s.query.push_back({"page_token", "a+b"});
  auto request = h.build(s);
  auto at = request.target.find("a%2Bb");
  ASSERT_NE(at, std::string::npos);
  request.target.replace(at, 5, "a+b");
  EXPECT_EQ(h.send_raw(request).code, 106001);
}

TEST_F(SimGateway, TimestampMoreThanFiveMinutesOldIsRejected) {
  auto s = orders_search();
  s.timestamp = h.engine().now() - 301;
  auto r = h.send(s);
  EXPECT_EQ(r.code, 36009004);
  EXPECT_EQ(r.message,
            "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 "
            "minutes before "
            "the current time.");
}

TEST_F(SimGateway, TimestampMoreThanThirtySecondsAheadIsRejected) {
  auto s = orders_search();
  s.timestamp = h.engine().now() + 31;
  auto r = h.send(s);
  EXPECT_EQ(r.code, 36009004);
  EXPECT_EQ(r.message,
            "Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current "
            "time by more "
            "than 30 seconds.");
}

TEST_F(SimGateway, NegativeTimestampIsRejected) {
  auto s = orders_search();
  s.timestamp = -5;
  auto r = h.send(s);
  EXPECT_EQ(r.code, 36009004);
  EXPECT_EQ(r.message,
            "Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.");
}

TEST_F(SimGateway, TimestampsAtTheEdgesOfTheWindowAreAccepted) {
  auto s = orders_search();
  s.timestamp = h.engine().now() - 300;
  EXPECT_EQ(h.send(s).code, 0);
  s.timestamp = h.engine().now() + 30;
  EXPECT_EQ(h.send(s).code, 0);
}

TEST_F(SimGateway, MissingAccessTokenGives36009004) {
  auto s = orders_search();
  s.token = "";
  auto r = h.send(s);
  EXPECT_EQ(r.code, 36009004);
  EXPECT_EQ(r.message, "Invalid credentials. The `x-tts-access-token` header is invalid.");
}

TEST_F(SimGateway, UnknownAccessTokenGives36009004) {
  auto s = orders_search();
  s.token = "TTP_not-a-token";
  EXPECT_EQ(h.send(s).code, 36009004);
}

TEST_F(SimGateway, AccessTokenExpiresAfterSevenDaysWith105002) {
  h.advance(7 * 24 * 3600);
  auto r = h.send(orders_search());
  EXPECT_EQ(r.code, 105002);
  EXPECT_EQ(r.message, "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.");
}

TEST_F(SimGateway, MissingShopCipherGives106013) {
  auto s = orders_search();
  s.cipher = "";
  auto r = h.send(s);
  EXPECT_EQ(r.code, 106013);
  EXPECT_EQ(r.message,
            "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.");
}

TEST_F(SimGateway, ShopCipherOnAuthorizedShopsIsUnexpected) {
  request_spec s;
  s.path = "/authorization/202309/shops";
  s.as = &mx;  // sends the cipher
  auto r = h.send(s);
  EXPECT_EQ(r.code, 36009004);
  EXPECT_EQ(r.message,
            "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.");
}

TEST_F(SimGateway, ShopCipherOnSellerShopsIsUnexpected) {
  request_spec s;
  s.path = "/seller/202309/shops";
  s.as = &mx;
  EXPECT_EQ(h.send(s).code, 36009004);
}

TEST_F(SimGateway, CipherOfAnotherSellersShopGives101000) {
  auto br = h.connect("demo-br");
  auto s = orders_search();
  s.cipher = br.cipher;  // mx's token, br's shop
  EXPECT_EQ(h.send(s).code, 101000);
}

TEST_F(SimGateway, PostWithoutJsonContentTypeGives36009022) {
  auto s = orders_search();
  s.content_type = "";
  auto r = h.send(s);
  EXPECT_EQ(r.code, 36009022);
  s.content_type = "text/plain";
  EXPECT_EQ(h.send(s).code, 36009022);
}

TEST_F(SimGateway, ContentTypeParametersAreAllowed) {
  auto s = orders_search();
  s.content_type = "application/json; charset=utf-8";
  EXPECT_EQ(h.send(s).code, 0);
}

TEST_F(SimGateway, OrderPageSizeMustBeBetween1And100) {
  for (std::string size : {"0", "101", "ten"}) {
    auto s = orders_search();
    s.query = {{"page_size", size}};
    EXPECT_EQ(h.send(s).code, 21001001) << size;
  }
  auto s = orders_search();
  s.query = {{"page_size", "100"}};
  EXPECT_EQ(h.send(s).code, 0);
}

TEST_F(SimGateway, PackagePageSizeMustBeAtMost50) {
  auto r = h.api(mx, "POST", "/fulfillment/202309/packages/search", {{"page_size", "51"}}, json::object{});
  EXPECT_EQ(r.code, 21011005);
  r = h.api(mx, "POST", "/fulfillment/202309/packages/search", {{"page_size", "50"}}, json::object{});
  EXPECT_EQ(r.code, 0);
}

TEST_F(SimGateway, The51stCallToOneApiWithinOneSimulatedSecondIsThrottled) {
  for (int i = 0; i < 50; ++i) ASSERT_EQ(h.send(orders_search()).code, 0) << "call " << i + 1;
  auto r = h.send(orders_search());
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.code, 36009002);
  EXPECT_EQ(r.message, "Too many requests. You've made too many requests in a short period of time.");
}

TEST_F(SimGateway, RateLimitIsCountedPerApi) {
  for (int i = 0; i < 50; ++i) ASSERT_EQ(h.send(orders_search()).code, 0);
  auto other = h.api(mx, "POST", "/fulfillment/202309/packages/search", {{"page_size", "5"}}, json::object{});
  EXPECT_EQ(other.code, 0);
}

TEST_F(SimGateway, RateLimitWindowMovesWithTheSimulatedClock) {
  for (int i = 0; i < 50; ++i) ASSERT_EQ(h.send(orders_search()).code, 0);
  h.advance(1);
  EXPECT_EQ(h.send(orders_search()).code, 0);
}

TEST_F(SimGateway, MissingScopeGives105005) {
  auto limited = h.connect("demo-us", {"seller.authorization.info", "seller.order.info"});
  auto r = h.api(limited, "POST", "/product/202502/products/search", {{"page_size", "10"}}, json::object{});
  EXPECT_EQ(r.code, 105005);
  EXPECT_EQ(h.api(limited, "POST", "/order/202309/orders/search", {{"page_size", "10"}}, json::object{}).code,
            0);
}

TEST_F(SimGateway, EnvelopeCarriesA34CharacterRequestIdStartingWithTheUtcTime) {
  auto r = h.send(orders_search());
  ASSERT_EQ(r.request_id.size(), 34u);
  EXPECT_EQ(r.request_id.substr(0, 14), "20251009085320");  // simtest::start_time in UTC
  auto again = h.send(orders_search());
  EXPECT_NE(again.request_id, r.request_id);
}

TEST_F(SimGateway, EnvelopeKeysComeInThePlatformsOrder) {
  auto r = h.send(orders_search());
  EXPECT_EQ(r.body.rfind(R"({"code":0,"message":"Success","request_id":")", 0), 0u) << r.body.substr(0, 80);
}

TEST_F(SimGateway, TokenHostDoesNotServeOpenApiPaths) {
  auto s = orders_search();
  s.host = host_kind::auth;
  EXPECT_EQ(h.send(s).code, 36009009);
}

}  // namespace
