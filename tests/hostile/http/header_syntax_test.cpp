// Request heads that break HTTP/1.1 syntax (bare LF line ends, NUL or non-ASCII bytes in header names,
// HTTP/0.9 and HTTP/2.0 request lines) are refused with 400 and change nothing; a folded header line or
// an absolute-form target naming another host cannot slip a header or an origin past the checks.
#include <gtest/gtest.h>

#include <string>

#include "hostile_fixture.hpp"

namespace kingkung::hostile {
namespace {

class HostileHeaderSyntax : public hostile_suite<HostileHeaderSyntax> {
 protected:
  // The owner's sign-out with `head_tail` raw bytes placed before the blank line that ends the head.
  std::string sign_out_with(const std::string& head_tail) const {
    return "DELETE /api/v1/session HTTP/1.1\r\n" + center().host_header() + "Cookie: " + owner().cookie +
           "\r\nOrigin: " + center().origin() + "\r\nX-CSRF-Token: " + owner().csrf +
           "\r\nContent-Length: 0\r\n" + head_tail + "\r\n";
  }
  void expect_400(const std::string& bytes) {
    auto r = round_trip(port(), bytes);
    ASSERT_TRUE(r) << "no answer";
    EXPECT_EQ(r->status, 400) << r->body;
    expect_unchanged();
  }
};

TEST_F(HostileHeaderSyntax, BareLineFeedsAreRefused) {
  std::string bytes = "DELETE /api/v1/session HTTP/1.1\n" + center().host_header() + "Cookie: " + owner().cookie +
                      "\nOrigin: " + center().origin() + "\nX-CSRF-Token: " + owner().csrf +
                      "\nContent-Length: 0\n\n";
  expect_400(bytes);
}

TEST_F(HostileHeaderSyntax, NulByteInAHeaderNameIsRefused) {
  expect_400(sign_out_with(std::string("X-Bad\0Name: 1\r\n", 15)));
}

TEST_F(HostileHeaderSyntax, NonAsciiHeaderNameIsRefused) {
  expect_400(sign_out_with("X-Caf\xc3\xa9: 1\r\n"));
}

TEST_F(HostileHeaderSyntax, SpaceBeforeTheColonIsRefused) {
  expect_400(sign_out_with("Transfer-Encoding : chunked\r\n"));
}

TEST_F(HostileHeaderSyntax, Http09RequestLineIsRefused) {
  expect_400("GET /api/v1/session\r\n\r\n");
}

TEST_F(HostileHeaderSyntax, Http20RequestLineOverPlainTcpIsRefused) {
  auto r = round_trip(port(), "DELETE /api/v1/session HTTP/2.0\r\n" + center().host_header() + "Cookie: " +
                                owner().cookie + "\r\nOrigin: " + center().origin() + "\r\nX-CSRF-Token: " +
                                owner().csrf + "\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(r) << "no answer";
  EXPECT_TRUE(r->status == 400 || r->status == 505) << r->status << " " << r->body;
  expect_unchanged();
}

TEST_F(HostileHeaderSyntax, Http2ConnectionPrefaceIsRefused) {
  expect_400(std::string("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
}

// A folded continuation line is part of the header above it, never a header of its own: here it would
// otherwise be the owner's session cookie.
TEST_F(HostileHeaderSyntax, FoldedLineIsNeverReadAsAHeaderOfItsOwn) {
  auto r = round_trip(port(), "GET /api/v1/session HTTP/1.1\r\n" + center().host_header() +
                                "Accept: application/json\r\n Cookie: " + owner().cookie + "\r\n\r\n");
  ASSERT_TRUE(r) << "no answer";
  EXPECT_TRUE(r->status == 400 || r->status == 401) << r->status << " " << r->body;
  expect_unchanged();
}

// Obsolete line folding is refused with 400: a proxy in front may split a folded line differently.
TEST_F(HostileHeaderSyntax, FoldedHeaderLineIsRefused) {
  expect_400(sign_out_with("X-Folded: a\r\n b\r\n"));
}

// An absolute-form target naming this host is served, and the Origin check still compares with this
// host's own origin: a forged Origin is refused.
TEST_F(HostileHeaderSyntax, AbsoluteFormNamingThisHostStillNeedsThisHostsOrigin) {
  auto r = round_trip(port(), "DELETE http://127.0.0.1:" + std::to_string(port()) + "/api/v1/session HTTP/1.1\r\n" +
                                center().host_header() + "Cookie: " + owner().cookie +
                                "\r\nOrigin: http://evil.example\r\nX-CSRF-Token: " + owner().csrf +
                                "\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(r) << "no answer";
  EXPECT_EQ(r->status, 403) << r->body;
  expect_unchanged();
}

// An absolute-form target naming a host other than this one is refused, not served as if it named this
// host.
TEST_F(HostileHeaderSyntax, AbsoluteFormNamingAnotherHostIsRefused) {
  auto r = round_trip(port(), "GET http://evil.example/api/v1/session HTTP/1.1\r\n" + center().host_header() +
                                "Cookie: " + owner().cookie + "\r\n\r\n");
  ASSERT_TRUE(r) << "no answer";
  EXPECT_EQ(r->status, 400) << r->body;
  expect_unchanged();
}

// HTTP/1.1 requires exactly one Host header (RFC 9112 section 3.2): two are refused.
TEST_F(HostileHeaderSyntax, TwoHostHeadersAreRefused) {
  expect_400("GET /api/v1/session HTTP/1.1\r\nHost: evil.example\r\n" + center().host_header() + "Cookie: " +
             owner().cookie + "\r\n\r\n");
}

}  // namespace
}  // namespace kingkung::hostile
