// The server routes requests to handlers: exact paths, {param} segments, decoded queries, 404 and 405.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "kingkung/http/server.hpp"
#include "test_client.hpp"

namespace {

using namespace kingkung;
using test::fetch;

class HttpServerRouting : public ::testing::Test {
 protected:
  void start(http::router r) {
    http::server_options o;
    o.threads = 1;
    server_ = std::make_unique<http::server>(std::move(o), std::move(r));
    port_ = server_->start();
  }
  void TearDown() override {
    if (server_) server_->stop();
  }
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(HttpServerRouting, StartReturnsTheBoundPortWhenAskedForAnyPort) {
  start(http::router().get("/", [](const http::request&) { return http::response::text(200, "home"); }));
  EXPECT_NE(port_, 0);
  EXPECT_EQ(server_->port(), port_);
}

TEST_F(HttpServerRouting, ExactPathReachesItsHandler) {
  http::router r;
  r.get("/healthz", [](const http::request&) { return http::response::json(200, R"({"status":"ok"})"); });
  r.get("/other", [](const http::request&) { return http::response::text(200, "other"); });
  start(std::move(r));
  auto res = fetch(port_, "GET", "/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body(), R"({"status":"ok"})");
  EXPECT_EQ((*res)[test::bhttp::field::content_type], "application/json");
}

TEST_F(HttpServerRouting, PathParametersArriveDecoded) {
  start(http::router().get("/shops/{shop_id}/orders/{order_id}", [](const http::request& req) {
    return http::response::text(
        200, std::string(*req.path_param("shop_id")) + "|" + std::string(*req.path_param("order_id")));
  }));
  auto res = fetch(port_, "GET", "/shops/mx%201/orders/5770%2F2");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "mx 1|5770/2");
}

TEST_F(HttpServerRouting, QueryParametersArriveDecodedWithPlusAsSpace) {
  start(http::router().get("/orders", [](const http::request& req) {
    return http::response::text(200, std::string(req.query_param("status").value_or("-")) + "|" +
                                         std::string(req.query_param("q").value_or("-")) + "|" + req.path);
  }));
  auto res = fetch(port_, "GET", "/orders?status=AWAITING%20SHIPMENT&q=ana+maria");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "AWAITING SHIPMENT|ana maria|/orders");
}

TEST_F(HttpServerRouting, RequestCarriesBodyHeadersAndRemoteAddress) {
  start(http::router().post("/echo", [](const http::request& req) {
    return http::response::text(200, req.body + "|" + std::string(req.header("x-trace-id").value_or("-")) +
                                         "|" + req.remote_address + "|" + (req.secure ? "tls" : "plain"));
  }));
  auto res = fetch(port_, "POST", "/echo", "payload", "X-Trace-Id: t-1\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "payload|t-1|127.0.0.1|plain");
}

TEST_F(HttpServerRouting, LiteralSegmentWinsOverParameter) {
  http::router r;
  r.get("/orders/{id}", [](const http::request& req) {
    return http::response::text(200, "order " + std::string(*req.path_param("id")));
  });
  r.get("/orders/export", [](const http::request&) { return http::response::text(200, "export"); });
  start(std::move(r));
  EXPECT_EQ(fetch(port_, "GET", "/orders/export")->body(), "export");
  EXPECT_EQ(fetch(port_, "GET", "/orders/77")->body(), "order 77");
}

TEST_F(HttpServerRouting, UnknownPathGets404) {
  start(http::router().get("/healthz", [](const http::request&) { return http::response::text(200, "ok"); }));
  auto res = fetch(port_, "GET", "/nope");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 404);
}

TEST_F(HttpServerRouting, ParameterDoesNotMatchAnEmptySegment) {
  start(http::router().get("/orders/{id}",
                           [](const http::request&) { return http::response::text(200, "order"); }));
  EXPECT_EQ(fetch(port_, "GET", "/orders/")->result_int(), 404);
}

TEST_F(HttpServerRouting, KnownPathWithOtherMethodGets405ListingAllowedMethods) {
  http::router r;
  r.get("/orders/{id}", [](const http::request&) { return http::response::text(200, "order"); });
  r.post("/orders/{id}", [](const http::request&) { return http::response::text(200, "posted"); });
  start(std::move(r));
  auto res = fetch(port_, "DELETE", "/orders/1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 405);
  EXPECT_EQ((*res)[test::bhttp::field::allow], "GET, HEAD, POST");
}

TEST_F(HttpServerRouting, HeadIsAnsweredByTheGetHandlerWithoutBody) {
  start(http::router().get("/page",
                           [](const http::request&) { return http::response::text(200, "twelve bytes"); }));
  test::raw_connection c(port_);
  ASSERT_TRUE(c.send(
      "HEAD /page HTTP/1.1\r\nHost: x\r\n\r\nGET /page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  auto head = c.read_response(true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->result_int(), 200);
  EXPECT_EQ((*head)[test::bhttp::field::content_length], "12");
  // The next response on the same connection starts right after the headers: HEAD sent no body.
  auto get = c.read_response();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body(), "twelve bytes");
}

TEST_F(HttpServerRouting, CustomNotFoundHandlerAnswersUnknownPaths) {
  http::router r;
  r.get("/", [](const http::request&) { return http::response::text(200, "home"); });
  r.on_not_found(
      [](const http::request& req) { return http::response::html(404, "<p>no page " + req.path + "</p>"); });
  start(std::move(r));
  auto res = fetch(port_, "GET", "/missing");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 404);
  EXPECT_EQ(res->body(), "<p>no page /missing</p>");
}

TEST(HttpServerRouter, RejectsTheSameMethodAndPatternTwice) {
  http::router r;
  r.get("/orders/{id}", [](const http::request&) { return http::response::text(200, ""); });
  EXPECT_THROW(
      r.get("/orders/{order_id}", [](const http::request&) { return http::response::text(200, ""); }),
      std::invalid_argument);
}

TEST(HttpServerRouter, RejectsMalformedPatternsNamingThem) {
  auto h = [](const http::request&) { return http::response::text(200, ""); };
  for (const char* bad : {"orders", "/orders/{}", "/orders/x{id}", "/a/{id}/b/{id}"}) {
    http::router r;
    try {
      r.get(bad, h);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

TEST(HttpServerRouter, RoutesInProcessWithoutAServer) {
  http::router r;
  r.get("/orders/{id}", [](const http::request& req) {
    return http::response::text(200, std::string(*req.path_param("id")));
  });
  auto req = http::request::from_target("GET", "/orders/42?x=1");
  ASSERT_TRUE(req);
  EXPECT_EQ(r(*req).body, "42");
  EXPECT_EQ(r.allowed_methods("/orders/42"), (std::vector<std::string>{"GET", "HEAD"}));
}

TEST(HttpServerMessage, HeaderLookupIgnoresCase) {
  http::header_fields h;
  h.add("Set-Cookie", "a=1");
  h.add("set-cookie", "b=2");
  h.set("Content-Type", "text/plain");
  EXPECT_EQ(h.get("SET-COOKIE"), "a=1");
  EXPECT_EQ(h.get("content-type"), "text/plain");
  EXPECT_EQ(h.erase("Set-cookie"), 2u);
  EXPECT_FALSE(h.contains("set-cookie"));
}

TEST(HttpServerMessage, FormBodyIsDecoded) {
  auto form = http::parse_form("email=ana%40example.com&name=Ana+Maria&flag");
  ASSERT_TRUE(form);
  ASSERT_EQ(form->size(), 3u);
  EXPECT_EQ((*form)[0], (std::pair<std::string, std::string>{"email", "ana@example.com"}));
  EXPECT_EQ((*form)[1].second, "Ana Maria");
  EXPECT_EQ((*form)[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_FALSE(http::parse_form("a=%zz"));
}

}  // namespace
