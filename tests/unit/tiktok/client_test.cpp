// The client's request building, retries, backoff, token refresh and observer, against a scripted
// transport and a manual clock.
#include <gtest/gtest.h>

#include "kingkung/tiktok/fulfillment.hpp"
#include "kingkung/tiktok/orders.hpp"
#include "kingkung/tiktok/shops.hpp"
#include "tiktok_fakes.hpp"

namespace kingkung::tiktok {
namespace {

using namespace std::chrono_literals;
using testing::client_fixture;
using testing::error_body;
using testing::has_param;
using testing::header;
using testing::param;
using testing::signature_valid;

constexpr std::string_view empty_orders = R"({"orders":[],"next_page_token":"","total_count":0})";

TEST(TiktokClient, SendsCommonParametersSignatureAndHeaders) {
  client_fixture f;
  f.transport->reply_ok(empty_orders);
  ASSERT_TRUE(search_orders(*f.api, f.shop, {}).ok());
  ASSERT_EQ(f.transport->requests.size(), 1u);
  const auto& r = f.transport->requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.host, plugin::host_kind::api);
  EXPECT_EQ(parse_target(r.target).path, "/order/202309/orders/search");
  EXPECT_EQ(param(r, "app_key"), "29a39d");
  EXPECT_EQ(param(r, "timestamp"), std::to_string(testing::start_unix));
  EXPECT_EQ(param(r, "shop_cipher"), "ROW_cipher_mx_1");
  EXPECT_EQ(param(r, "page_size"), "20");
  EXPECT_TRUE(signature_valid(r));
  EXPECT_EQ(header(r, "content-type"), "application/json");
  EXPECT_EQ(header(r, "x-tts-access-token"), "TTP_current_access_token");
  EXPECT_FALSE(has_param(r, "access_token"));
}

TEST(TiktokClient, BodyIsSerialisedOnceAndSignedAsSent) {
  client_fixture f;
  f.transport->reply_ok(empty_orders);
  search_orders_request request;
  request.order_status = "AWAITING_SHIPMENT";
  request.create_time_ge = 1710000000;
  request.warehouse_ids = {"7291846622100393733"};
  ASSERT_TRUE(search_orders(*f.api, f.shop, request).ok());
  const auto& r = f.transport->requests[0];
  EXPECT_EQ(
      r.body,
      R"({"order_status":"AWAITING_SHIPMENT","create_time_ge":1710000000,"warehouse_ids":["7291846622100393733"]})");
  EXPECT_TRUE(signature_valid(r));
}

TEST(TiktokClient, SearchWithoutFiltersSendsNoBody) {
  client_fixture f;
  f.transport->reply_ok(empty_orders);
  ASSERT_TRUE(search_orders(*f.api, f.shop, {}).ok());
  EXPECT_TRUE(f.transport->requests[0].body.empty());
}

TEST(TiktokClient, GetSendsContentTypeAndNoBody) {
  client_fixture f;
  f.transport->reply_ok(R"({"orders":[]})");
  ASSERT_TRUE(get_order_detail(*f.api, f.shop, {"1"}).ok());
  const auto& r = f.transport->requests[0];
  EXPECT_EQ(r.method, "GET");
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(header(r, "content-type"), "application/json");
}

TEST(TiktokClient, PageTokenIsSentPercentEncodedAndSignedDecoded) {
  client_fixture f;
  f.transport->reply_ok(empty_orders);
  search_orders_request request;
  request.page_token = "6AsPQ/N5M+7D==";
  ASSERT_TRUE(search_orders(*f.api, f.shop, request).ok());
  const auto& r = f.transport->requests[0];
  EXPECT_NE(r.target.find("page_token=6AsPQ%2FN5M%2B7D%3D%3D"), std::string::npos) << r.target;
  EXPECT_EQ(param(r, "page_token"), "6AsPQ/N5M+7D==");
  EXPECT_TRUE(signature_valid(r));
}

TEST(TiktokClient, ShopCipherIsNeverSentWhereForbidden) {
  client_fixture f;
  f.transport->reply_ok(R"({"shops":[]})");
  f.transport->reply_ok(R"({"shops":[]})");
  ASSERT_TRUE(get_authorized_shops(*f.api, f.shop).ok());
  ASSERT_TRUE(get_active_shops(*f.api, f.shop).ok());
  for (const auto& r : f.transport->requests) {
    EXPECT_FALSE(has_param(r, "shop_cipher")) << r.target;
    EXPECT_TRUE(signature_valid(r));
  }
}

TEST(TiktokClient, GenericCallToSellerPathNeverCarriesCipherEvenIfAskedTo) {
  client_fixture f;
  f.transport->reply_ok(R"({"permissions":[]})");
  api_request request;
  request.method = "GET";
  request.path = "/seller/202309/permissions";
  request.cipher = cipher_rule::required;
  ASSERT_TRUE(f.api->call(f.shop, request).ok());
  EXPECT_FALSE(has_param(f.transport->requests[0], "shop_cipher"));
}

TEST(TiktokClient, MissingCipherIsRefusedBeforeSending) {
  client_fixture f;
  auto r = search_orders(*f.api, shop_ref{"shop-without-cipher", ""}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().kind, error_class::invalid_request);
  EXPECT_NE(r.err().message.find("shop_cipher is required"), std::string::npos);
  EXPECT_TRUE(f.transport->requests.empty());
}

TEST(TiktokClient, CommonParameterInRequestQueryIsRefused) {
  client_fixture f;
  api_request request;
  request.path = "/order/202507/orders";
  request.query = {{"timestamp", "1"}};
  auto r = f.api->call(f.shop, request);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().kind, error_class::invalid_request);
  EXPECT_TRUE(f.transport->requests.empty());
}

TEST(TiktokClient, GenericCallReturnsDataAsJsonText) {
  client_fixture f;
  f.transport->reply(200, testing::ok_body(R"({"doc_url":"https://x.invalid/l.pdf"})", "RID-7"));
  api_request request;
  request.path = "/fulfillment/202309/packages/1/shipping_documents";
  request.query = {{"document_type", "SHIPPING_LABEL"}};
  auto r = f.api->call(f.shop, request);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->data_json, R"({"doc_url":"https://x.invalid/l.pdf"})");
  EXPECT_EQ(r->request_id, "RID-7");
  EXPECT_EQ(r->http_status, 200);
}

TEST(TiktokClient, RateLimitedCallIsRetriedWithBackoffAndRestampedEachTime) {
  client_fixture f;
  f.transport->reply(429, error_body(36009002, "Too many requests."));
  f.transport->reply(429, error_body(36009002, "Too many requests."));
  f.transport->reply_ok(empty_orders);
  auto r = search_orders(*f.api, f.shop, {});
  ASSERT_TRUE(r.ok()) << r.err().to_string();
  ASSERT_EQ(f.transport->requests.size(), 3u);
  // The platform's one-second window, then the backoff draw (the fixture's jitter: the whole ceiling).
  EXPECT_EQ(f.time.sleeps, (std::vector<std::chrono::nanoseconds>{2000ms, 3000ms}));
  std::vector<std::string> timestamps;
  std::vector<std::string> signs;
  for (const auto& req : f.transport->requests) {
    EXPECT_TRUE(signature_valid(req));
    timestamps.push_back(param(req, "timestamp"));
    signs.push_back(param(req, "sign"));
  }
  EXPECT_EQ(timestamps, (std::vector<std::string>{"1700000000", "1700000002", "1700000005"}));
  EXPECT_NE(signs[0], signs[1]);
  EXPECT_NE(signs[1], signs[2]);
}

TEST(TiktokClient, BackoffIsCappedAndJitterDrawnUpToTheCeiling) {
  client_fixture f(5);
  for (int i = 0; i < 5; ++i) f.transport->reply(503, "Service Unavailable");
  f.transport->reply_ok(empty_orders);
  ASSERT_TRUE(search_orders(*f.api, f.shop, {}).ok());
  EXPECT_EQ(f.jitter_ceilings, (std::vector<std::int64_t>{1000, 2000, 4000, 8000, 8000}));
}

TEST(TiktokClient, GivesUpAfterMaxRetries) {
  client_fixture f(2);
  for (int i = 0; i < 4; ++i)
    f.transport->reply(200, error_body(36009003, "Internal error. Please try again"));
  auto r = search_orders(*f.api, f.shop, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().kind, error_class::retryable);
  EXPECT_EQ(r.err().code, 36009003);
  EXPECT_EQ(f.transport->requests.size(), 3u);
}

TEST(TiktokClient, RetryAfterHeaderRaisesTheWait) {
  client_fixture f;
  f.transport->reply(429, error_body(36009002, "Too many requests."), {{"Retry-After", "5"}});
  f.transport->reply_ok(empty_orders);
  ASSERT_TRUE(search_orders(*f.api, f.shop, {}).ok());
  EXPECT_EQ(f.time.sleeps, std::vector<std::chrono::nanoseconds>{5000ms});
}

TEST(TiktokClient, BadRequestIsNotRetried) {
  client_fixture f;
  f.transport->reply(200, error_body(21011005, "Invalid parameters"));
  auto r = split_order(*f.api, f.shop, "579381624750213456", {{"g1", {"1"}}, {"g2", {"2"}}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().kind, error_class::bad_request);
  EXPECT_EQ(r.err().operation, "POST /fulfillment/202309/orders/579381624750213456/split");
  EXPECT_EQ(f.transport->requests.size(), 1u);
}

TEST(TiktokClient, ExpiredTokenTriggersExactlyOneRefreshAndRetry) {
  client_fixture f;
  f.transport->reply(200, error_body(105002, "Expired credentials."));
  f.transport->reply_ok(empty_orders);
  auto r = search_orders(*f.api, f.shop, {});
  ASSERT_TRUE(r.ok()) << r.err().to_string();
  EXPECT_EQ(f.tokens->refresh_calls, 1);
  EXPECT_EQ(f.tokens->last_shop, f.shop.id);
  ASSERT_EQ(f.transport->requests.size(), 2u);
  EXPECT_EQ(header(f.transport->requests[0], "x-tts-access-token"), "TTP_current_access_token");
  EXPECT_EQ(header(f.transport->requests[1], "x-tts-access-token"), "TTP_refreshed_access_token");
  EXPECT_TRUE(signature_valid(f.transport->requests[1]));
  EXPECT_TRUE(f.time.sleeps.empty());
}

TEST(TiktokClient, SecondExpiredTokenIsReturnedWithoutAnotherRefresh) {
  client_fixture f;
  f.transport->reply(200, error_body(105002, "Expired credentials."));
  f.transport->reply(200, error_body(105002, "Expired credentials."));
  auto r = search_orders(*f.api, f.shop, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().kind, error_class::token_expired);
  EXPECT_EQ(f.tokens->refresh_calls, 1);
  EXPECT_EQ(f.transport->requests.size(), 2u);
}

TEST(TiktokClient, FailedRefreshEndsTheCall) {
  client_fixture f;
  api_error refusal;
  refusal.kind = error_class::unauthenticated;
  refusal.code = 36004004;
  refusal.message = "refresh token revoked";
  f.tokens->refresh_error = refusal;
  f.transport->reply(200, error_body(105002, "Expired credentials."));
  auto r = search_orders(*f.api, f.shop, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().kind, error_class::unauthenticated);
  EXPECT_NE(r.err().message.find("token refresh after 105002 failed"), std::string::npos);
  EXPECT_EQ(f.transport->requests.size(), 1u);
}

TEST(TiktokClient, TokenSourceFailureStopsBeforeSending) {
  client_fixture f;
  api_error none;
  none.kind = error_class::unauthenticated;
  none.message = "shop is disconnected";
  f.tokens->current_error = none;
  auto r = search_orders(*f.api, f.shop, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().message, "shop is disconnected");
  EXPECT_TRUE(f.transport->requests.empty());
}

TEST(TiktokClient, WriteWhoseDeliveryIsUncertainIsNotResent) {
  client_fixture f;
  f.transport->fail(plugin::errc::maybe_delivered, "connection reset after the request was written");
  auto r = ship_package(*f.api, f.shop, "1154526713418354791", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().kind, error_class::indeterminate);
  EXPECT_EQ(f.transport->requests.size(), 1u);
}

TEST(TiktokClient, WriteThatTimedOutIsNotResent) {
  client_fixture f;
  f.transport->fail(plugin::errc::timeout, "no answer in 30 s");
  auto r = ship_package(*f.api, f.shop, "1154526713418354791", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().kind, error_class::indeterminate);
  EXPECT_EQ(f.transport->requests.size(), 1u);
}

TEST(TiktokClient, WriteAnsweredWithPlatformRequestTimeoutIsNotResent) {
  client_fixture f;
  f.transport->reply(200, error_body(36009007, "Request timeout."));
  auto r = ship_package(*f.api, f.shop, "1154526713418354791", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(f.transport->requests.size(), 1u);
}

TEST(TiktokClient, WriteThatWasNeverSentIsRetried) {
  client_fixture f;
  f.transport->fail(plugin::errc::unavailable, "connect refused");
  f.transport->reply_ok("{}");
  auto r = ship_package(*f.api, f.shop, "1154526713418354791", {});
  ASSERT_TRUE(r.ok()) << r.err().to_string();
  EXPECT_EQ(f.transport->requests.size(), 2u);
}

TEST(TiktokClient, ReadThatTimedOutIsRetried) {
  client_fixture f;
  f.transport->fail(plugin::errc::timeout, "no answer in 30 s");
  f.transport->reply(200, testing::read_fixture("package_detail.json"));
  auto r = get_package_detail(*f.api, f.shop, "1154526713418354791");
  ASSERT_TRUE(r.ok()) << r.err().to_string();
  EXPECT_EQ(f.transport->requests.size(), 2u);
}

TEST(TiktokClient, SearchIsReadOnlySoAnUncertainSearchIsRetried) {
  client_fixture f;
  f.transport->fail(plugin::errc::maybe_delivered, "connection broke");
  f.transport->reply_ok(empty_orders);
  ASSERT_TRUE(search_orders(*f.api, f.shop, {}).ok());
  EXPECT_EQ(f.transport->requests.size(), 2u);
}

TEST(TiktokClient, TlsFailureIsNotRetried) {
  client_fixture f;
  f.transport->fail(plugin::errc::tls_error, "certificate verify failed");
  auto r = search_orders(*f.api, f.shop, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().kind, error_class::transport);
  EXPECT_EQ(r.err().transport_code, plugin::errc::tls_error);
  EXPECT_EQ(f.transport->requests.size(), 1u);
}

TEST(TiktokClient, ObserverSeesEveryAttemptWithStatusCodeRequestIdAndDuration) {
  client_fixture f;
  int answered = 0;
  f.transport->fallback = [&](const plugin::http_request&) -> plugin::result<plugin::http_response> {
    f.time.elapsed += 120ms;  // the exchange takes 120 ms of manual time
    plugin::http_response response;
    response.status = answered == 0 ? 429 : 200;
    response.body = answered++ == 0 ? error_body(36009002, "Too many requests.", "RID-A")
                                    : testing::ok_body(empty_orders, "RID-B");
    return response;
  };
  ASSERT_TRUE(search_orders(*f.api, f.shop, {}).ok());
  const auto& records = f.observer->records;
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].method, "POST");
  EXPECT_EQ(records[0].path, "/order/202309/orders/search");
  EXPECT_EQ(records[0].shop_id, f.shop.id);
  EXPECT_EQ(records[0].http_status, 429);
  EXPECT_EQ(records[0].code, 36009002);
  EXPECT_EQ(records[0].request_id, "RID-A");
  EXPECT_EQ(records[0].error, error_class::rate_limited);
  EXPECT_EQ(records[0].attempt, 1u);
  EXPECT_EQ(records[0].duration, 120ms);
  EXPECT_EQ(records[1].http_status, 200);
  EXPECT_EQ(records[1].request_id, "RID-B");
  EXPECT_FALSE(records[1].error.has_value());
  EXPECT_EQ(records[1].attempt, 2u);
}

TEST(TiktokClient, ObserverRecordsTransportFailuresWithoutStatus) {
  client_fixture f;
  f.transport->fail(plugin::errc::unavailable, "connect refused");
  f.transport->reply_ok(empty_orders);
  ASSERT_TRUE(search_orders(*f.api, f.shop, {}).ok());
  ASSERT_EQ(f.observer->records.size(), 2u);
  EXPECT_EQ(f.observer->records[0].http_status, 0);
  EXPECT_EQ(f.observer->records[0].error, error_class::retryable);
}

TEST(TiktokClient, RateLimiterPacesCallsPerShopAndApi) {
  client_fixture f(3, 2);  // 2 calls per second
  for (int i = 0; i < 4; ++i) f.transport->reply_ok(R"({"orders":[]})");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(get_order_detail(*f.api, f.shop, {"1"}).ok());
  EXPECT_EQ(f.time.sleeps, std::vector<std::chrono::nanoseconds>{1000ms});  // a second after the first
  ASSERT_TRUE(get_order_detail(*f.api, shop_ref{"another-shop", "ROW_other"}, {"1"}).ok());
  EXPECT_EQ(f.time.sleeps.size(), 1u);  // another shop has its own rate limit
}

TEST(TiktokClient, GenericCallsOnDifferentIdsShareTheApiBucket) {
  client_fixture f(3, 1);
  f.transport->reply_ok("{}");
  f.transport->reply_ok("{}");
  f.transport->reply_ok("{}");
  api_request first;
  first.path = "/product/202309/products/1729384756000000001";
  api_request second = first;
  second.path = "/product/202309/products/1729384756000000777";
  api_request other_api;
  other_api.path = "/fulfillment/202309/packages/1154526713418354791";
  ASSERT_TRUE(f.api->call(f.shop, first).ok());
  ASSERT_TRUE(f.api->call(f.shop, other_api).ok());
  EXPECT_TRUE(f.time.sleeps.empty());
  ASSERT_TRUE(f.api->call(f.shop, second).ok());
  EXPECT_EQ(f.time.sleeps, std::vector<std::chrono::nanoseconds>{1s});
  EXPECT_EQ(f.observer->records[2].api, "GET /product/202309/products/{id}");
}

TEST(TiktokClient, ExplicitTokenSkipsTheTokenSource) {
  client_fixture f;
  f.transport->reply(200, testing::read_fixture("authorized_shops.json"));
  auto shops = get_authorized_shops(*f.api, secret("TTP_fresh_from_oauth"));
  ASSERT_TRUE(shops.ok()) << shops.err().to_string();
  EXPECT_EQ(f.tokens->current_calls, 0);
  EXPECT_EQ(header(f.transport->requests[0], "x-tts-access-token"), "TTP_fresh_from_oauth");
}

TEST(TiktokClient, ErrorsNeverCarryTheAccessToken) {
  client_fixture f;
  f.transport->fail(plugin::errc::tls_error,
                    "handshake failed; header x-tts-access-token: TTP_current_access_token");
  auto r = search_orders(*f.api, f.shop, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().message.find("TTP_current_access_token"), std::string::npos) << r.err().message;
  EXPECT_EQ(f.observer->records[0].error_message.find("TTP_current_access_token"), std::string::npos);
}

TEST(TiktokClient, ConstructionRequiresTransportKeyAndSecret) {
  client_options options;
  options.app_key = "k";
  options.app_secret = secret("s");
  EXPECT_THROW(client(options, client_services{}), std::invalid_argument);
  client_services services;
  services.transport = std::make_shared<testing::scripted_transport>();
  options.app_secret = secret();
  EXPECT_THROW(client(options, services), std::invalid_argument);
}

TEST(TiktokClient, OptionsComeFromConfig) {
  config::tiktok_config c;
  c.app_key = "key";
  c.app_secret = secret("sec");
  c.qps_per_api = 7;
  c.max_retries = 9;
  c.backoff_base_ms = 150;
  c.backoff_cap_ms = 900;
  auto o = client_options::from_config(c);
  EXPECT_EQ(o.app_key, "key");
  EXPECT_EQ(o.app_secret.reveal(), "sec");
  EXPECT_EQ(o.qps_per_api, 7u);
  EXPECT_EQ(o.backoff.max_retries, 9u);
  EXPECT_EQ(o.backoff.base, 150ms);
  EXPECT_EQ(o.backoff.cap, 900ms);
}

}  // namespace
}  // namespace kingkung::tiktok
