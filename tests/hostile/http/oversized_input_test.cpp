// Input over the configured limits (request line and header block: max_header_bytes; body:
// max_body_bytes) is refused with 431 or 413 before any handler runs; nothing changes and the host
// goes on serving.
#include <gtest/gtest.h>

#include <string>

#include "hostile_fixture.hpp"

namespace kingkung::hostile {
namespace {

class HostileOversized : public hostile_suite<HostileOversized> {
 protected:
  // A sign-in attempt with the demo seller's right password: were it handled, a session row would appear.
  std::string sign_in_head() const {
    return "POST /api/v1/session HTTP/1.1\r\n" + center().host_header() + "Origin: " + center().origin() +
           "\r\nContent-Type: application/json\r\n";
  }
  static std::string good_credentials() {
    return R"({"email":"demo@kingkung.example","password":"kingkung-demo"})";
  }
};

TEST_F(HostileOversized, RequestLineOverTheHeaderLimitGets431) {
  std::string target = "/api/v1/orders?q=" + std::string(max_header_bytes + 100, 'a');
  auto r = round_trip(port(), "GET " + target + " HTTP/1.1\r\n" + center().host_header() + "\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431) << r->body;
  expect_unchanged();
}

TEST_F(HostileOversized, SingleHeaderOverTheLimitGets431AndSignsNobodyIn) {
  auto body = good_credentials();
  auto r = round_trip(port(), sign_in_head() + "X-Padding: " + std::string(max_header_bytes + 10, 'p') +
                                "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431) << r->body;
  EXPECT_NE(r->body.find(std::to_string(max_header_bytes)), std::string::npos) << "names the limit: " << r->body;
  expect_unchanged();
}

TEST_F(HostileOversized, HeaderBlockOfManySmallHeadersFarOverTheLimitGets431) {
  std::string headers;
  for (int i = 0; headers.size() < 3 * max_header_bytes; ++i) headers += "X-Many-" + std::to_string(i) + ": v\r\n";
  auto body = good_credentials();
  auto r = round_trip(port(), sign_in_head() + headers + "Content-Length: " + std::to_string(body.size()) +
                                "\r\n\r\n" + body);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431) << r->body;
  expect_unchanged();
}

// A header block just over max_header_bytes is refused even when it arrives in one read (the limit
// applies to the whole block, not per read).
TEST_F(HostileOversized, HeaderBlockJustOverTheLimitGets431) {
  std::string headers;
  for (int i = 0; headers.size() < max_header_bytes + 512; ++i) headers += "X-Many-" + std::to_string(i) + ": v\r\n";
  auto body = good_credentials();
  auto r = round_trip(port(), sign_in_head() + headers + "Content-Length: " + std::to_string(body.size()) +
                                "\r\n\r\n" + body);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431) << r->body;
  expect_unchanged();
}

TEST_F(HostileOversized, DeclaredBodyOverTheLimitGets413WithoutBeingSent) {
  auto r = round_trip(port(), sign_in_head() + "Content-Length: " + std::to_string(max_body_bytes + 1) + "\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413) << r->body;
  EXPECT_NE(r->body.find("body_too_large"), std::string::npos) << r->body;
  expect_unchanged();
}

TEST_F(HostileOversized, ChunkedBodyThatGrowsOverTheLimitGets413) {
  const auto& who = owner();
  auto ids = center().ids(who);
  std::string chunk(16384, ' ');
  std::string body = "4000\r\n" + chunk + "\r\n";
  std::string chunks;
  while (chunks.size() < max_body_bytes + 2 * chunk.size()) chunks += body;
  auto head = "PATCH /api/v1/products/" + ids.shop_id + "/" + ids.product_id + " HTTP/1.1\r\n" +
              center().host_header() + "Cookie: " + who.cookie + "\r\nOrigin: " + center().origin() +
              "\r\nX-CSRF-Token: " + who.csrf + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  auto r = round_trip(port(), head + "1\r\n{\r\n" + chunks + "0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413) << r->body;
  expect_unchanged();
}

}  // namespace
}  // namespace kingkung::hostile
