// Request framing and addressing rules the server enforces itself, beyond its parser: the whole head
// within the header limit however it arrives, no folded or bare-LF lines, Transfer-Encoding only
// "chunked", exactly one Host, and targets that name this host. A refused request is answered once, the
// connection closes, and nothing after its head is ever read as another request.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "kingkung/http/server.hpp"
#include "test_client.hpp"

namespace {

using namespace kingkung;
using test::raw_connection;

class HttpServerFraming : public ::testing::Test {
 protected:
  void SetUp() override {
    http::router r;
    r.get("/", [this](const http::request& req) {
      ++served_;
      return http::response::text(200, "home " + req.path);
    });
    r.post("/upload", [this](const http::request& req) {
      ++served_;
      return http::response::text(200, std::to_string(req.body.size()));
    });
    http::server_options o;
    o.threads = 1;
    o.max_header_bytes = 1024;
    o.max_body_bytes = 4096;
    server_ = std::make_unique<http::server>(std::move(o), std::move(r));
    port_ = server_->start();
  }
  void TearDown() override { server_->stop(); }

  // Sends `bytes` on a new connection and returns everything the server sent until it closed.
  std::string exchange(const std::string& bytes) {
    raw_connection c(port_);
    EXPECT_TRUE(c.send(bytes));
    return c.read_until_closed();
  }
  // Every answer of this server carries a Content-Length header.
  static int answers_in(const std::string& raw) {
    int n = 0;
    for (auto pos = raw.find("\r\nContent-Length: "); pos != std::string::npos;
         pos = raw.find("\r\nContent-Length: ", pos + 1))
      ++n;
    return n;
  }
  static std::string status_of(const std::string& raw) { return raw.substr(0, raw.find("\r\n")); }

  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
  int served_ = 0;
};

constexpr const char* hidden = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

TEST_F(HttpServerFraming, UnknownTransferEncodingGets501AndItsBodyIsNeverServedAsARequest) {
  for (const char* coding : {"xchunked", "gzip", "chunked, identity", "identity"}) {
    SCOPED_TRACE(coding);
    auto raw = exchange(std::string("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ") + coding +
                        "\r\n\r\n" + hidden);
    EXPECT_EQ(answers_in(raw), 1) << raw;
    EXPECT_EQ(status_of(raw), "HTTP/1.1 501 Not Implemented") << raw;
    EXPECT_NE(raw.find("chunked"), std::string::npos) << "the answer says what is supported: " << raw;
  }
  EXPECT_EQ(served_, 0);
}

TEST_F(HttpServerFraming, TwoTransferEncodingHeadersAreRefused) {
  auto raw = exchange(std::string("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                  "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n") + hidden);
  EXPECT_EQ(answers_in(raw), 1) << raw;
  const auto status = status_of(raw).substr(0, 12);
  EXPECT_TRUE(status == "HTTP/1.1 400" || status == "HTTP/1.1 501") << raw;
  EXPECT_EQ(served_, 0);
}

TEST_F(HttpServerFraming, ChunkedBodyStillWorks) {
  auto raw = exchange("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\nConnection: close\r\n\r\n"
                      "3\r\nabc\r\n0\r\n\r\n");
  EXPECT_EQ(status_of(raw), "HTTP/1.1 200 OK") << raw;
  EXPECT_NE(raw.find("\r\n\r\n3"), std::string::npos) << raw;
}

TEST_F(HttpServerFraming, HeadJustOverTheLimitInOneWriteGets431) {
  std::string headers;
  for (int i = 0; headers.size() < 1024 + 100; ++i) headers += "X-Many-" + std::to_string(i) + ": v\r\n";
  auto raw = exchange("GET / HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
  EXPECT_EQ(status_of(raw).substr(0, 12), "HTTP/1.1 431") << raw;
  EXPECT_EQ(served_, 0);
}

TEST_F(HttpServerFraming, HeadJustWithinTheLimitIsServed) {
  std::string head = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Pad: ";
  head += std::string(1024 - head.size() - 4, 'p') + "\r\n\r\n";
  ASSERT_EQ(head.size(), 1024u);
  auto raw = exchange(head);
  EXPECT_EQ(status_of(raw), "HTTP/1.1 200 OK") << raw;
}

TEST_F(HttpServerFraming, FoldedHeaderLineIsRefusedWithWhy) {
  auto raw = exchange(std::string("GET / HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n") + hidden);
  EXPECT_EQ(answers_in(raw), 1) << raw;
  EXPECT_EQ(status_of(raw).substr(0, 12), "HTTP/1.1 400") << raw;
  EXPECT_NE(raw.find("folded"), std::string::npos) << raw;
  EXPECT_EQ(served_, 0);
}

TEST_F(HttpServerFraming, BareLineFeedIsRefused) {
  auto raw = exchange("GET / HTTP/1.1\nHost: x\n\n");
  EXPECT_EQ(status_of(raw).substr(0, 12), "HTTP/1.1 400") << raw;
  EXPECT_EQ(served_, 0);
}

TEST_F(HttpServerFraming, ControlByteInAHeaderIsRefused) {
  auto raw = exchange(std::string("GET / HTTP/1.1\r\nHost: x\r\nX-Nul: a\0b\r\n\r\n", 39));
  EXPECT_EQ(status_of(raw).substr(0, 12), "HTTP/1.1 400") << raw;
  EXPECT_EQ(served_, 0);
}

TEST_F(HttpServerFraming, MissingHostOnHttp11IsRefusedButHttp10IsServed) {
  auto refused = exchange("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(refused).substr(0, 12), "HTTP/1.1 400") << refused;
  EXPECT_NE(refused.find("Host"), std::string::npos) << refused;
  auto served = exchange("GET / HTTP/1.0\r\n\r\n");
  EXPECT_EQ(status_of(served), "HTTP/1.0 200 OK") << served;
  EXPECT_EQ(served_, 1);
}

TEST_F(HttpServerFraming, TwoHostHeadersAreRefused) {
  auto raw = exchange("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n");
  EXPECT_EQ(status_of(raw).substr(0, 12), "HTTP/1.1 400") << raw;
  EXPECT_EQ(served_, 0);
}

TEST_F(HttpServerFraming, AbsoluteFormNamingAnotherHostIsRefusedAndNamingThisHostIsServed) {
  auto refused = exchange("GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_of(refused).substr(0, 12), "HTTP/1.1 400") << refused;
  EXPECT_EQ(served_, 0);
  auto served = exchange("GET http://X/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(served), "HTTP/1.1 200 OK") << served;
  EXPECT_NE(served.find("home /"), std::string::npos) << served;
}

TEST_F(HttpServerFraming, TargetThatIsNotAPathIsRefused) {
  auto raw = exchange("GET index.html HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_of(raw).substr(0, 12), "HTTP/1.1 400") << raw;
  EXPECT_EQ(served_, 0);
}

TEST_F(HttpServerFraming, HeadArrivingByteByByteIsServed) {
  raw_connection c(port_);
  for (char ch : std::string("GET / HTTP/1.1\r\nHost: x\r\n\r\n")) ASSERT_TRUE(c.send(std::string(1, ch)));
  auto res = c.read_response();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
}

}  // namespace
