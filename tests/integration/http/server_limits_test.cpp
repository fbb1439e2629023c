// The server's protections: size limits, malformed input, slow clients, the connection cap, keep-alive.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "kingkung/http/server.hpp"
#include "kingkung/log/log.hpp"
#include "test_client.hpp"

namespace {

using namespace kingkung;
using namespace std::chrono_literals;
using test::fetch;
using test::raw_connection;

http::router echo_router() {
  http::router r;
  r.get("/", [](const http::request&) { return http::response::text(200, "home"); });
  r.post("/upload",
         [](const http::request& req) { return http::response::text(200, std::to_string(req.body.size())); });
  return r;
}

class HttpServerLimits : public ::testing::Test {
 protected:
  void start(http::server_options o, http::router r = echo_router()) {
    server_ = std::make_unique<http::server>(std::move(o), std::move(r));
    port_ = server_->start();
  }
  static http::server_options small_limits() {
    http::server_options o;
    o.threads = 1;
    o.max_body_bytes = 1024;
    o.max_header_bytes = 1024;
    return o;
  }
  void TearDown() override {
    if (server_) server_->stop();
  }
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(HttpServerLimits, BodyWithinLimitIsDelivered) {
  start(small_limits());
  auto res = fetch(port_, "POST", "/upload", std::string(1024, 'a'));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body(), "1024");
}

TEST_F(HttpServerLimits, ContentLengthOverLimitGets413BeforeTheBodyIsSent) {
  start(small_limits());
  raw_connection c(port_);
  // Only the headers go out: the answer must come without the server waiting for the body.
  ASSERT_TRUE(c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1025\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 413);
  EXPECT_FALSE(res->keep_alive());
}

TEST_F(HttpServerLimits, ChunkedBodyIsCutOffWhenItPassesTheLimit) {
  start(small_limits());
  raw_connection c(port_);
  std::string chunk(600, 'b');
  ASSERT_TRUE(
      c.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
             "258\r\n" +
             chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 413);
}

TEST_F(HttpServerLimits, ChunkedBodyWithinLimitIsDelivered) {
  start(small_limits());
  raw_connection c(port_);
  ASSERT_TRUE(
      c.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
             "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body(), "11");
}

TEST_F(HttpServerLimits, OversizedHeadersGet431) {
  start(small_limits());
  raw_connection c(port_);
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'h') + "\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 431);
}

TEST_F(HttpServerLimits, MalformedRequestGets400AndTheConnectionIsClosed) {
  start(small_limits());
  raw_connection c(port_);
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 400);
  EXPECT_EQ(c.read_until_closed(), "");
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(HttpServerLimits, GarbageInsteadOfHttpGets400) {
  start(small_limits());
  raw_connection c(port_);
  ASSERT_TRUE(c.send("\x16\x03\x01 definitely not http\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 400);
}

TEST_F(HttpServerLimits, SlowHeaderClientIsCutOffWhileAnotherClientIsServed) {
  auto o = small_limits();
  o.read_timeout = 1s;
  o.max_header_bytes = 1024 * 1024;  // the slow client is cut off by the deadline, not by the size
  start(o);

  raw_connection slow(port_);
  ASSERT_TRUE(slow.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "));
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    while (!done && slow.send("a")) std::this_thread::sleep_for(50ms);
  });

  auto other = fetch(port_, "GET", "/");
  std::string slow_got = slow.read_until_closed();
  done = true;
  trickle.join();

  ASSERT_TRUE(other);
  EXPECT_EQ(other->result_int(), 200);
  EXPECT_EQ(other->body(), "home");
  EXPECT_TRUE(slow.closed_by_peer());
  EXPECT_EQ(slow_got, "") << "the slow client must be disconnected, not answered";
}

TEST_F(HttpServerLimits, ConnectionOverTheCapGets503) {
  auto o = small_limits();
  o.max_connections = 1;
  start(o);
  raw_connection first(port_);
  ASSERT_TRUE(first.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto kept = first.read_response();  // the first connection is now open and counted
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->result_int(), 200);
  ASSERT_TRUE(kept->keep_alive());

  raw_connection second(port_);
  auto refused = second.read_response();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->result_int(), 503);
  EXPECT_FALSE(refused->keep_alive());
  EXPECT_EQ(second.read_until_closed(), "");
  EXPECT_TRUE(second.closed_by_peer());

  // The first connection is still served.
  ASSERT_TRUE(first.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto again = first.read_response();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->result_int(), 200);
}

TEST_F(HttpServerLimits, KeepAliveServesSeveralRequestsOnOneConnection) {
  start(small_limits());
  raw_connection c(port_);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto res = c.read_response();
    ASSERT_TRUE(res) << "request " << i;
    EXPECT_EQ(res->body(), "home");
    EXPECT_TRUE(res->keep_alive());
  }
}

TEST_F(HttpServerLimits, PipelinedRequestsAreAnsweredInOrder) {
  start(small_limits());
  raw_connection c(port_);
  ASSERT_TRUE(
      c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na"
             "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
             "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(c.read_response()->body(), "1");
  EXPECT_EQ(c.read_response()->body(), "3");
  EXPECT_EQ(c.read_response()->body(), "home");
}

TEST_F(HttpServerLimits, ConnectionClosesAfterMaxRequests) {
  auto o = small_limits();
  o.max_requests_per_connection = 2;
  start(o);
  raw_connection c(port_);
  ASSERT_TRUE(c.send(
      "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto first = c.read_response();
  auto second = c.read_response();
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(first->keep_alive());
  EXPECT_FALSE(second->keep_alive());
  EXPECT_EQ(c.read_until_closed(), "") << "no third answer on this connection";
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(HttpServerLimits, IdleKeepAliveConnectionIsClosed) {
  auto o = small_limits();
  o.idle_timeout = 200ms;
  start(o);
  raw_connection c(port_);
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(c.read_response());
  EXPECT_EQ(c.read_until_closed(), "");
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(HttpServerLimits, ExpectContinueGetsInterimAnswerBeforeTheBody) {
  start(small_limits());
  raw_connection c(port_);
  ASSERT_TRUE(
      c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = c.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->result_int(), 100);
  ASSERT_TRUE(c.send("abcd"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "4");
}

class HttpServerHandlers : public HttpServerLimits {};

TEST_F(HttpServerHandlers, ThrowingHandlerGives500WithGenericBodyAndIsLogged) {
  std::vector<std::string> lines;
  std::mutex m;
  log::set_sink([&](std::string_view line) {
    std::lock_guard lock(m);
    lines.emplace_back(line);
  });
  http::router r;
  r.get("/boom",
        [](const http::request&) -> http::response { throw std::runtime_error("database row 17 is odd"); });
  start(small_limits(), std::move(r));
  auto res = fetch(port_, "GET", "/boom");
  server_->stop();
  log::set_sink(nullptr);

  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 500);
  EXPECT_EQ(res->body().find("row 17"), std::string::npos) << "internal details must not reach the client";
  bool logged = false;
  for (const auto& l : lines)
    logged = logged ||
             (l.find("/boom") != std::string::npos && l.find("database row 17 is odd") != std::string::npos);
  EXPECT_TRUE(logged);
}

TEST_F(HttpServerHandlers, HeaderValueWithLineBreakIsNotSent) {
  http::router r;
  r.get("/inject", [](const http::request&) {
    auto res = http::response::text(200, "x");
    res.headers.set("Location", "/a\r\nSet-Cookie: stolen=1");
    return res;
  });
  start(small_limits(), std::move(r));
  auto res = fetch(port_, "GET", "/inject");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 500);
  EXPECT_EQ(res->count(test::bhttp::field::set_cookie), 0u);
}

TEST_F(HttpServerHandlers, CallerHeadersGoOnRoutedAndErrorAnswersButNoServerBanner) {
  auto o = small_limits();
  o.response_headers.set("X-Content-Type-Options", "nosniff");
  http::router r;
  r.get("/", [](const http::request&) { return http::response::text(200, "home"); });
  r.get("/own", [](const http::request&) {
    auto res = http::response::text(200, "own");
    res.headers.set("X-Content-Type-Options", "handler-value");
    return res;
  });
  start(o, std::move(r));

  auto routed = fetch(port_, "GET", "/");
  auto missing = fetch(port_, "GET", "/missing");
  auto own = fetch(port_, "GET", "/own");
  raw_connection c(port_);
  ASSERT_TRUE(c.send("BROKEN\r\n\r\n"));
  auto bad = c.read_response();

  ASSERT_TRUE(routed && missing && own && bad);
  EXPECT_EQ(bad->result_int(), 400);
  for (const auto* res : {&*routed, &*missing, &*bad}) {
    EXPECT_EQ((*res)["X-Content-Type-Options"], "nosniff") << res->result_int();
    EXPECT_FALSE((*res)[test::bhttp::field::date].empty());
    EXPECT_FALSE((*res)[test::bhttp::field::content_length].empty());
    EXPECT_EQ(res->count(test::bhttp::field::server), 0u);
  }
  EXPECT_EQ((*own)["X-Content-Type-Options"], "handler-value");
}

}  // namespace
