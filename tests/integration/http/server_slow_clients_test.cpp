// Clients that are slow or stop halfway: a half-sent request is dropped after the read timeout, many
// trickling clients do not hold up a normal one, and a connection over the cap cannot hold a socket.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "kingkung/http/server.hpp"
#include "test_client.hpp"
#include "test_pki.hpp"

namespace {

using namespace kingkung;
using namespace std::chrono_literals;
using test::fetch;
using test::raw_connection;

http::router home_router() {
  http::router r;
  r.get("/", [](const http::request&) { return http::response::text(200, "home"); });
  r.post("/upload",
         [](const http::request& req) { return http::response::text(200, std::to_string(req.body.size())); });
  return r;
}

class HttpServerSlowClients : public ::testing::Test {
 protected:
  void start(http::server_options o) {
    server_ = std::make_unique<http::server>(std::move(o), home_router());
    port_ = server_->start();
  }
  void TearDown() override {
    if (server_) server_->stop();
  }
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(HttpServerSlowClients, HalfSentHeadIsClosedAfterTheReadTimeoutWithoutAnAnswer) {
  http::server_options o;
  o.threads = 1;
  o.read_timeout = 300ms;
  start(o);
  raw_connection c(port_);
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: x\r\n"));  // the blank line never comes
  EXPECT_EQ(c.read_until_closed(), "");
  EXPECT_TRUE(c.closed_by_peer()) << "still open when the client gave up waiting";
}

TEST_F(HttpServerSlowClients, HalfSentBodyIsClosedAfterTheReadTimeoutWithoutAnAnswer) {
  http::server_options o;
  o.threads = 1;
  o.read_timeout = 300ms;
  start(o);
  raw_connection c(port_);
  ASSERT_TRUE(
      c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + std::string(50, 'a')));
  EXPECT_EQ(c.read_until_closed(), "");
  EXPECT_TRUE(c.closed_by_peer()) << "still open when the client gave up waiting";
}

TEST_F(HttpServerSlowClients, FiftyTricklingClientsDoNotStarveANormalClient) {
  http::server_options o;
  o.threads = 1;  // the worst case: one thread for everyone
  o.max_header_bytes = 1024 * 1024;
  start(o);  // read timeout 30 s: the tricklers stay connected for the whole test

  std::vector<std::unique_ptr<raw_connection>> slow;
  for (int i = 0; i < 50; ++i) {
    slow.push_back(std::make_unique<raw_connection>(port_));
    ASSERT_TRUE(slow.back()->send("GET / HTTP/1.1\r\nHost: x\r\nX-Trickle: "));
  }
  std::atomic<bool> done{false};
  std::atomic<int> rounds{0};
  std::atomic<int> refused{0};
  std::thread trickle([&] {
    for (int round = 0; round < 1000 && !done; ++round) {  // bounded: at most ~20 s
      for (auto& c : slow)
        if (!c->send("a")) ++refused;
      ++rounds;
      std::this_thread::sleep_for(20ms);
    }
  });
  while (rounds < 2) std::this_thread::sleep_for(5ms);

  std::vector<std::optional<test::http_response>> normal;
  for (int i = 0; i < 5; ++i) normal.push_back(fetch(port_, "GET", "/"));
  const bool still_trickling = !done && rounds < 1000;
  done = true;
  trickle.join();

  EXPECT_TRUE(still_trickling) << "the normal requests must complete while the others trickle";
  EXPECT_EQ(refused, 0) << "no trickling client was cut off";
  for (const auto& res : normal) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result_int(), 200);
    EXPECT_EQ(res->body(), "home");
  }
  slow.clear();
}

TEST(HttpServerConnectionCap, SilentTlsConnectionOverTheCapIsClosedLongBeforeTheReadTimeout) {
  live::testkit::test_ca ca;
  live::testkit::temp_dir dir;
  auto leaf = ca.issue();
  http::server_options o;
  o.threads = 1;
  o.max_connections = 1;
  o.read_timeout = 120s;  // far beyond the client's own safety timeout
  o.tls = http::tls_options{dir.write("cert.pem", leaf.cert_pem), dir.write("key.pem", leaf.key_pem)};
  http::server srv(o, home_router());
  auto port = srv.start();

  raw_connection counted(port);  // accepted first, so it holds the one place
  raw_connection over(port);     // never starts its TLS handshake
  EXPECT_EQ(over.read_until_closed(), "");
  EXPECT_TRUE(over.closed_by_peer()) << "an over-cap connection held its socket until the client gave up";
  srv.stop();
}

}  // namespace
