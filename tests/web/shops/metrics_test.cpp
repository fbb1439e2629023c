// GET /metrics: request counts by route pattern, latencies, sync lag, API calls by code; loopback only.
#include <gtest/gtest.h>

#include <sstream>

#include "api/metrics.hpp"
#include "api/routes.hpp"
#include "shops_fixture.hpp"

namespace {

using namespace kingkung;
using namespace kingkung::web_shops_test;

// The value of the series whose line starts with `series` ("name{labels}"); -1 when absent.
double series_value(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  return -1;
}

class WebMetrics : public web_test::shared_host<WebMetrics> {
 protected:
  static std::string scrape() {
    web_test::web_client client(app());
    auto r = client.get("/metrics");
    if (r.result_int() != 200) throw std::runtime_error("metrics answered " + std::to_string(r.result_int()));
    return r.body();
  }
};

TEST_F(WebMetrics, CountsARequestUnderItsRoute) {
  const std::string series = R"(kingkung_http_requests_total{method="GET",route="/healthz",status="200"})";
  const double before = std::max(0.0, series_value(scrape(), series));
  web_test::web_client client(app());
  ASSERT_EQ(client.get("/healthz").result_int(), 200);
  EXPECT_EQ(series_value(scrape(), series), before + 1);
}

TEST_F(WebMetrics, LabelsARouteByItsPatternNotItsIds) {
  web_test::web_client client(app());
  (void)client.get("/api/v1/products/" + std::string(web_test::mx_shop_id) + "/1729");
  const auto text = scrape();
  EXPECT_NE(text.find(R"(route="/api/v1/products/{shop_id}/{product_id}")"), std::string::npos);
  EXPECT_EQ(text.find("/1729"), std::string::npos);
}

TEST_F(WebMetrics, ReportsTheLatencyHistogramOfEachRoute) {
  web_test::web_client client(app());
  ASSERT_EQ(client.get("/healthz").result_int(), 200);
  const auto text = scrape();
  const std::string labels = R"(method="GET",route="/healthz")";
  const double count = series_value(text, "kingkung_http_request_duration_seconds_count{" + labels + "}");
  EXPECT_GE(count, 1);
  EXPECT_EQ(series_value(text, "kingkung_http_request_duration_seconds_bucket{" + labels + R"(,le="+Inf"})"), count);
}

TEST_F(WebMetrics, ReportsSyncLagPerConnectedShopAndApiCallsByCode) {
  const auto text = scrape();
  for (auto shop : {web_test::mx_shop_id, web_test::br_shop_id, web_test::us_shop_id})
    EXPECT_GE(series_value(text, "kingkung_sync_lag_seconds{shop_id=\"" + std::string(shop) + "\"}"), 0) << shop;
  EXPECT_GT(series_value(text, R"(kingkung_tiktok_api_calls_total{status="200",code="0"})"), 0);
  EXPECT_GE(series_value(text, "kingkung_webhook_events_pending"), 0);
}

TEST_F(WebMetrics, IsNotServedToAPeerOffThisMachine) {
  auto ctx = std::make_shared<web::web_context>(context_of(app()));
  ctx->metrics = std::make_shared<web::request_metrics>();
  http::router r;
  web::add_metrics_routes(r, ctx);
  auto remote = r(make_request("GET", "/metrics", {}, {}, "203.0.113.9"));
  EXPECT_EQ(remote.status, 404u);
  EXPECT_EQ(remote.body.find("kingkung_"), std::string::npos);
  auto local = r(make_request("GET", "/metrics", {}, {}, "127.0.0.1"));
  EXPECT_EQ(local.status, 200u);
}

TEST(WebMetricsPeer, OnlyLoopbackAddressesAreLocal) {
  EXPECT_TRUE(web::loopback_peer("127.0.0.1"));
  EXPECT_TRUE(web::loopback_peer("127.3.2.1"));
  EXPECT_TRUE(web::loopback_peer("::1"));
  EXPECT_TRUE(web::loopback_peer("::ffff:127.0.0.1"));
  EXPECT_FALSE(web::loopback_peer("203.0.113.9"));
  EXPECT_FALSE(web::loopback_peer("::ffff:10.0.0.1"));
  EXPECT_FALSE(web::loopback_peer("127.0.0.1.example"));
  EXPECT_FALSE(web::loopback_peer(""));
}

TEST(WebMetricsRouter, ObserverHearsTheMatchedPatternAndStatus) {
  http::router r;
  r.get("/items/{id}", [](const http::request&) { return http::response::text(201, "made"); });
  std::vector<std::tuple<std::string, std::string, unsigned>> heard;
  r.on_routed([&](std::string_view method, std::string_view pattern, unsigned status, std::chrono::nanoseconds) {
    heard.emplace_back(method, pattern, status);
  });
  (void)r(make_request("GET", "/items/42"));
  (void)r(make_request("GET", "/nowhere"));
  (void)r(make_request("POST", "/items/42"));
  ASSERT_EQ(heard.size(), 3u);
  EXPECT_EQ(heard[0], std::make_tuple(std::string("GET"), std::string("/items/{id}"), 201u));
  EXPECT_EQ(heard[1], std::make_tuple(std::string("GET"), std::string(), 404u));
  EXPECT_EQ(heard[2], std::make_tuple(std::string("POST"), std::string(), 405u));
}

TEST(WebMetricsRouter, AHandlerThatThrowsIsReportedAs500) {
  http::router r;
  r.get("/boom", [](const http::request&) -> http::response { throw std::runtime_error("boom"); });
  unsigned status = 0;
  r.on_routed([&](std::string_view, std::string_view, unsigned s, std::chrono::nanoseconds) { status = s; });
  EXPECT_THROW((void)r(make_request("GET", "/boom")), std::runtime_error);
  EXPECT_EQ(status, 500u);
}

TEST(WebMetricsText, CountsEachObservationInTheRightBucket) {
  web::request_metrics m;
  m.observe("GET", "/a", 200, std::chrono::milliseconds(3));
  m.observe("GET", "/a", 200, std::chrono::milliseconds(300));
  m.observe("GET", "", 404, std::chrono::milliseconds(1));
  const auto text = m.prometheus_text();
  EXPECT_EQ(series_value(text, R"(kingkung_http_requests_total{method="GET",route="/a",status="200"})"), 2);
  EXPECT_EQ(series_value(text, R"(kingkung_http_requests_total{method="GET",route="unmatched",status="404"})"), 1);
  EXPECT_EQ(series_value(text, R"(kingkung_http_request_duration_seconds_bucket{method="GET",route="/a",le="0.005"})"), 1);
  EXPECT_EQ(series_value(text, R"(kingkung_http_request_duration_seconds_bucket{method="GET",route="/a",le="0.25"})"), 1);
  EXPECT_EQ(series_value(text, R"(kingkung_http_request_duration_seconds_bucket{method="GET",route="/a",le="0.5"})"), 2);
  EXPECT_EQ(series_value(text, R"(kingkung_http_request_duration_seconds_sum{method="GET",route="/a"})"), 0.303);
}

}  // namespace
