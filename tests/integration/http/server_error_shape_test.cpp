// The server's own error answers: the one JSON error shape ({"error":{"code","message","field"}}) where the
// client expects JSON (an API path, or Accept: application/json), plain text elsewhere; both say which
// limit was passed.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include <boost/json/parse.hpp>

#include "kingkung/http/server.hpp"
#include "test_client.hpp"

namespace {

using namespace kingkung;
using test::fetch;
using test::raw_connection;

class HttpServerErrorShape : public ::testing::Test {
 protected:
  void SetUp() override {
    http::server_options o;
    o.threads = 1;
    o.max_body_bytes = 1024;
    o.max_header_bytes = 1024;
    http::router r;
    r.post("/api/v1/notes", [](const http::request& req) {
      return http::response::json(200, std::to_string(req.body.size()));
    });
    r.post("/upload", [](const http::request&) { return http::response::text(200, "ok"); });
    r.get("/api/v1/boom", [](const http::request&) -> http::response {
      throw std::runtime_error("shop 7495610013482590221 row is odd");
    });
    server_ = std::make_unique<http::server>(o, std::move(r));
    port_ = server_->start();
  }
  void TearDown() override { server_->stop(); }

  // The `error` object of a JSON error answer; fails the test when the body is not that shape.
  static boost::json::object error_of(const test::http_response& res) {
    EXPECT_EQ(res[test::bhttp::field::content_type], "application/json");
    auto body = boost::json::parse(res.body()).as_object();
    EXPECT_EQ(body.size(), 1u) << res.body();
    auto error = body.at("error").as_object();
    EXPECT_TRUE(error.at("code").is_string()) << res.body();
    EXPECT_TRUE(error.at("message").is_string()) << res.body();
    EXPECT_TRUE(error.contains("field")) << res.body();
    return error;
  }

  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(HttpServerErrorShape, OversizedHeadersOnAnApiPathGet431InTheJsonShape) {
  raw_connection c(port_);
  ASSERT_TRUE(
      c.send("GET /api/v1/orders HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'h') + "\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 431);
  auto error = error_of(*res);
  EXPECT_EQ(error.at("code"), "headers_too_large");
  EXPECT_NE(std::string(error.at("message").as_string()).find("1024 bytes"), std::string::npos)
      << res->body();
  EXPECT_TRUE(error.at("field").is_null());
}

TEST_F(HttpServerErrorShape, ContentLengthOverTheLimitOnAnApiPathGets413InTheJsonShape) {
  raw_connection c(port_);
  ASSERT_TRUE(
      c.send("POST /api/v1/notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Content-Length: 5000\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 413);
  auto error = error_of(*res);
  EXPECT_EQ(error.at("code"), "body_too_large");
  EXPECT_NE(std::string(error.at("message").as_string()).find("1024 bytes"), std::string::npos)
      << res->body();
}

TEST_F(HttpServerErrorShape, ChunkedBodyOverTheLimitWithAcceptJsonGets413InTheJsonShape) {
  raw_connection c(port_);
  std::string chunk(600, 'b');
  ASSERT_TRUE(
      c.send("POST /upload HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
             "Transfer-Encoding: chunked\r\n\r\n258\r\n" +
             chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 413);
  EXPECT_EQ(error_of(*res).at("code"), "body_too_large");
}

TEST_F(HttpServerErrorShape, OversizedHeadersWithAcceptJsonOutsideTheApiGet431InTheJsonShape) {
  raw_connection c(port_);
  ASSERT_TRUE(c.send("GET /orders HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nX-Big: " +
                     std::string(2000, 'h') + "\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 431);
  EXPECT_EQ(error_of(*res).at("code"), "headers_too_large");
}

TEST_F(HttpServerErrorShape, PagesGetPlainTextThatNamesTheLimit) {
  auto res = fetch(port_, "POST", "/upload", std::string(2000, 'a'));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 413);
  EXPECT_EQ((*res)[test::bhttp::field::content_type], "text/plain; charset=utf-8");
  EXPECT_NE(res->body().find("1024 bytes"), std::string::npos) << res->body();
}

TEST_F(HttpServerErrorShape, ThrowingApiHandlerGets500InTheJsonShapeWithoutItsDetails) {
  auto res = fetch(port_, "GET", "/api/v1/boom");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 500);
  EXPECT_EQ(error_of(*res).at("code"), "internal_error");
  EXPECT_EQ(res->body().find("7495610013482590221"), std::string::npos) << res->body();
}

TEST_F(HttpServerErrorShape, MalformedApiRequestGets400InTheJsonShape) {
  raw_connection c(port_);
  ASSERT_TRUE(c.send("GET /api/v1/orders HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 400);
  EXPECT_EQ(error_of(*res).at("code"), "malformed_request");
}

TEST(HttpJsonError, NamesTheFieldWhenGiven) {
  auto res = http::response::json_error(422, "invalid_value", "Quantity must be 0 or more.", "quantity");
  EXPECT_EQ(res.status, 422u);
  EXPECT_EQ(res.content_type, "application/json");
  auto error = boost::json::parse(res.body).as_object().at("error").as_object();
  EXPECT_EQ(error.at("code"), "invalid_value");
  EXPECT_EQ(error.at("message"), "Quantity must be 0 or more.");
  EXPECT_EQ(error.at("field"), "quantity");
}

TEST(HttpJsonError, EscapesQuotesInTheMessage) {
  auto res = http::response::json_error(400, "bad_request", "expected \"ASC\" or \"DESC\"");
  auto error = boost::json::parse(res.body).as_object().at("error").as_object();
  EXPECT_EQ(error.at("message"), "expected \"ASC\" or \"DESC\"");
  EXPECT_TRUE(error.at("field").is_null());
}

}  // namespace
