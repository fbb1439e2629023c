// Graceful stop: no new connections, idle ones closed, requests in flight finished, stragglers cut off.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kingkung/http/server.hpp"
#include "kingkung/log/log.hpp"
#include "test_client.hpp"

namespace {

using namespace kingkung;
using namespace std::chrono_literals;
using test::raw_connection;

// Collects log lines for one test.
class log_capture {
 public:
  log_capture() {
    log::set_sink([this](std::string_view line) {
      std::lock_guard lock(mutex_);
      lines_.emplace_back(line);
    });
  }
  ~log_capture() { log::set_sink(nullptr); }
  bool contains(std::string_view text) {
    std::lock_guard lock(mutex_);
    for (const auto& l : lines_)
      if (l.find(text) != std::string::npos) return true;
    return false;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

constexpr std::string_view grace_exceeded = "still busy after the stop grace period";

TEST(HttpServerStop, InFlightRequestFinishesBeforeStopReturns) {
  std::promise<void> entered, release;
  auto released = release.get_future().share();
  http::router r;
  r.get("/slow", [&](const http::request&) {
    entered.set_value();
    released.wait();
    return http::response::text(200, "finished");
  });
  http::server_options o;
  o.threads = 2;
  http::server srv(o, std::move(r));
  auto port = srv.start();

  raw_connection c(port);
  ASSERT_TRUE(c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  entered.get_future().wait();

  std::thread stopper([&] { srv.stop(); });
  // Once new connections are refused the stop has begun; only then may the handler finish.
  for (;;) {
    try {
      raw_connection probe(port);
    } catch (const boost::system::system_error&) {
      break;
    }
    std::this_thread::sleep_for(5ms);
  }
  release.set_value();
  auto res = c.read_response();
  c.socket().close();
  stopper.join();

  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body(), "finished");
  EXPECT_FALSE(res->keep_alive()) << "a stopping server closes the connection after the answer";
}

TEST(HttpServerStop, IdleKeepAliveConnectionIsClosedAtOnce) {
  log_capture logs;
  http::server_options o;
  o.threads = 1;
  o.stop_grace = 60s;  // were the idle connection not closed at once, stop() would hit the grace period
  http::server srv(
      o, http::router().get("/", [](const http::request&) { return http::response::text(200, "home"); }));
  auto port = srv.start();
  raw_connection c(port);
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(c.read_response());

  srv.stop();
  EXPECT_EQ(c.read_until_closed(), "");
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_FALSE(logs.contains(grace_exceeded));
}

TEST(HttpServerStop, RequestStillArrivingIsCutOffAfterTheGracePeriod) {
  log_capture logs;
  http::server_options o;
  o.threads = 1;
  o.stop_grace = 200ms;
  http::server srv(
      o, http::router().get("/", [](const http::request&) { return http::response::text(200, "home"); }));
  auto port = srv.start();
  raw_connection c(port);
  // "100 Continue" tells the client the server has the headers and now waits for a body that never comes.
  ASSERT_TRUE(c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = c.read_response();
  ASSERT_TRUE(interim);
  ASSERT_EQ(interim->result_int(), 100);

  srv.stop();
  EXPECT_EQ(c.read_until_closed(), "");
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_TRUE(logs.contains(grace_exceeded));
}

TEST(HttpServerStop, StoppedServerRefusesNewConnections) {
  http::server_options o;
  o.threads = 1;
  http::server srv(
      o, http::router().get("/", [](const http::request&) { return http::response::text(200, "home"); }));
  auto port = srv.start();
  srv.stop();
  EXPECT_THROW(raw_connection c(port), boost::system::system_error);
}

TEST(HttpServerStop, WaitReturnsOnceAnotherThreadStopsTheServer) {
  http::server_options o;
  o.threads = 1;
  http::server srv(
      o, http::router().get("/", [](const http::request&) { return http::response::text(200, "home"); }));
  auto port = srv.start();
  auto waiter = std::async(std::launch::async, [&] { srv.wait(); });
  EXPECT_EQ(waiter.wait_for(0s), std::future_status::timeout);
  auto res = test::fetch(port, "GET", "/");
  ASSERT_TRUE(res);
  srv.stop();
  waiter.get();
  EXPECT_EQ(res->result_int(), 200);
}

TEST(HttpServerStop, StopFromAHandlerIsRefused) {
  http::server* self = nullptr;
  http::server_options o;
  o.threads = 1;
  http::server srv(o, http::router().get("/stop", [&](const http::request&) {
    try {
      self->stop();
      return http::response::text(200, "stopped from inside");
    } catch (const std::logic_error&) {
      return http::response::text(409, "refused");
    }
  }));
  self = &srv;
  auto port = srv.start();
  auto res = test::fetch(port, "GET", "/stop");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 409);
}

TEST(HttpServerStart, InvalidListenAddressIsNamed) {
  http::server_options o;
  o.listen_address = "localhost:80";
  http::server srv(o, http::router());
  try {
    srv.start();
    FAIL() << "start() accepted an invalid address";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("localhost:80"), std::string::npos) << e.what();
  }
}

TEST(HttpServerStart, PortInUseIsNamed) {
  http::server_options o;
  o.threads = 1;
  http::server first(o, http::router());
  o.port = first.start();
  http::server second(o, http::router());
  try {
    second.start();
    FAIL() << "two servers bound one port";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("127.0.0.1:" + std::to_string(o.port)), std::string::npos)
        << e.what();
  }
}

TEST(HttpServerStart, ListensOnIpv6Loopback) {
  {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor probe(ioc);
    boost::system::error_code ec;
    probe.open(boost::asio::ip::tcp::v6(), ec);
    if (!ec) probe.bind({boost::asio::ip::make_address("::1"), 0}, ec);
    if (ec) GTEST_SKIP() << "this machine has no IPv6 loopback: " << ec.message();
  }
  http::server_options o;
  o.listen_address = "::1";
  o.threads = 1;
  http::server srv(o, http::router().get("/", [](const http::request& req) {
    return http::response::text(200, req.remote_address);
  }));
  auto port = srv.start();
  raw_connection c(port, "::1");
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "::1");
}

}  // namespace
