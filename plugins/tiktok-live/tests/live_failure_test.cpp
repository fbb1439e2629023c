// How broken peers map to the transport's error classes.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

#include "live_test_support.hpp"

namespace kingkung::live {
namespace {

using namespace test;

// A port on 127.0.0.1 that nothing listens on: bound, then closed.
std::uint16_t unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST(LiveFailure, ConnectionRefusedIsUnavailable) {
  auto t = make_transport(config_for("https://127.0.0.1:" + std::to_string(unused_port())));
  auto r = t->send(get("/x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::unavailable) << r.err().message;
  EXPECT_NE(r.err().message.find("cannot connect to 127.0.0.1:"), std::string::npos) << r.err().message;
}

TEST(LiveFailure, StalledResponseIsTimeout) {
  std::atomic<int> requests{0};
  testkit::test_server server(tls_server(), [&](testkit::peer& p) {
    if (p.read_request()) ++requests;
    p.stall();
  });
  auto t = make_transport(config_for(server.url()));
  auto r = t->send(get("/x", std::chrono::milliseconds(200)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::timeout) << r.err().message;
  EXPECT_EQ(requests.load(), 1);
}

TEST(LiveFailure, ServerSilentBeyondReadTimeoutIsTimeout) {
  testkit::test_server server(tls_server(), [](testkit::peer& p) {
    if (p.read_request()) p.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    p.stall();
  });
  auto config = config_for(server.url());
  config.read_timeout = std::chrono::milliseconds(100);
  auto t = make_transport(config);
  auto r = t->send(get("/x", std::chrono::seconds(30)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::timeout) << r.err().message;
  EXPECT_NE(r.err().message.find("read_timeout_ms"), std::string::npos) << r.err().message;
}

TEST(LiveFailure, StalledTlsHandshakeIsTimeout) {
  auto options = tls_server();
  options.handshake_first = false;
  testkit::test_server server(options, [](testkit::peer& p) { p.stall(); });
  auto config = config_for(server.url());
  config.tls_timeout = std::chrono::milliseconds(100);
  auto t = make_transport(config);
  auto r = t->send(get("/x", std::chrono::seconds(30)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::timeout) << r.err().message;
  EXPECT_NE(r.err().message.find("tls_timeout_ms"), std::string::npos) << r.err().message;
}

TEST(LiveFailure, CloseInTheMiddleOfResponseIsMaybeDelivered) {
  testkit::test_server server(tls_server(), [](testkit::peer& p) {
    if (p.read_request()) p.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"code\":0,\"da");
    p.drop();
  });
  auto t = make_transport(config_for(server.url()));
  auto r = t->send(post("/order/202309/orders/cancel", R"({"order_id":"1"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::maybe_delivered) << r.err().message;
  EXPECT_NE(r.err().message.find("middle of the response"), std::string::npos) << r.err().message;
}

TEST(LiveFailure, CloseAfterRequestBeforeAnyResponseByteIsMaybeDeliveredAndNotResent) {
  std::atomic<int> requests{0};
  testkit::test_server server(tls_server(), [&](testkit::peer& p) {
    if (p.read_request()) ++requests;
    p.close();
  });
  auto t = make_transport(config_for(server.url()));
  auto r = t->send(post("/fulfillment/202309/packages/ship", "{}"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::maybe_delivered) << r.err().message;
  server.wait_finished(1);
  EXPECT_EQ(requests.load(), 1);
  EXPECT_EQ(server.accepted(), 1u);
}

TEST(LiveFailure, ReusedConnectionThatBreaksAfterRequestIsNotResent) {
  std::atomic<int> requests{0};
  testkit::test_server server(tls_server(), [&](testkit::peer& p) {
    while (p.read_request()) {
      if (++requests == 2) {
        p.drop();  // the second request reached the server, then the connection broke
        return;
      }
      if (!p.respond(200, "first")) return;
    }
  });
  auto t = make_transport(config_for(server.url()));
  ASSERT_TRUE(t->send(get("/a")).ok());
  auto r = t->send(post("/b", "{}"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::maybe_delivered) << r.err().message;
  EXPECT_EQ(requests.load(), 2);
  EXPECT_EQ(server.accepted(), 1u);
}

TEST(LiveFailure, ResponseBodyOverCapIsTooLarge) {
  testkit::test_server server(tls_server(), [](testkit::peer& p) {
    if (p.read_request()) p.respond(200, std::string(4096, 'x'));
    p.stall();
  });
  auto config = config_for(server.url());
  config.max_response_bytes = 1024;
  auto t = make_transport(config);
  auto r = t->send(get("/x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::too_large) << r.err().message;
  EXPECT_NE(r.err().message.find("max_response_bytes (1024)"), std::string::npos) << r.err().message;
}

TEST(LiveFailure, ChunkedResponseGrowingOverCapIsTooLarge) {
  testkit::test_server server(tls_server(), [](testkit::peer& p) {
    if (!p.read_request()) return;
    p.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string chunk = "200\r\n" + std::string(512, 'y') + "\r\n";
    for (int i = 0; i < 8; ++i) {
      if (!p.write(chunk)) return;
    }
    p.write("0\r\n\r\n");
    p.stall();
  });
  auto config = config_for(server.url());
  config.max_response_bytes = 1024;
  auto t = make_transport(config);
  auto r = t->send(get("/x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::too_large) << r.err().message;
}

TEST(LiveFailure, ResponseExactlyAtCapIsAccepted) {
  testkit::test_server server(tls_server(), [](testkit::peer& p) {
    while (p.read_request()) {
      if (!p.respond(200, std::string(1024, 'z'))) return;
    }
  });
  auto config = config_for(server.url());
  config.max_response_bytes = 1024;
  auto t = make_transport(config);
  auto r = t->send(get("/x"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->body.size(), 1024u);
}

TEST(LiveFailure, GarbageResponseIsMaybeDelivered) {
  testkit::test_server server(tls_server(), [](testkit::peer& p) {
    if (p.read_request()) p.write("SMTP READY\r\n\r\n");
    p.stall();
  });
  auto t = make_transport(config_for(server.url()));
  auto r = t->send(get("/x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::maybe_delivered) << r.err().message;
  EXPECT_NE(r.err().message.find("not valid HTTP/1.1"), std::string::npos) << r.err().message;
}

TEST(LiveFailure, NonPositiveTimeoutIsInvalidArgument) {
  testkit::test_server server(tls_server(), testkit::echo_handler);
  auto t = make_transport(config_for(server.url()));
  auto r = t->send(get("/x", std::chrono::milliseconds(0)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(server.accepted(), 0u);
}

}  // namespace
}  // namespace kingkung::live
