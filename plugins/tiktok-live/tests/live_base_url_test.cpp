// Base URL and proxy URL parsing.
#include <gtest/gtest.h>

#include "kingkung/live/base_url.hpp"

namespace kingkung::live {
namespace {

TEST(LiveBaseUrl, HttpsDefaultsToPort443AndOmitsItFromAuthority) {
  auto u = parse_base_url("https://Open-API.TikTokGlobalShop.com/");
  ASSERT_TRUE(u.ok()) << u.err().message;
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->host, "open-api.tiktokglobalshop.com");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->authority(), "open-api.tiktokglobalshop.com");
  EXPECT_EQ(u->host_port(), "open-api.tiktokglobalshop.com:443");
}

TEST(LiveBaseUrl, KeepsExplicitPortInAuthority) {
  auto u = parse_base_url("https://localhost:8443");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->authority(), "localhost:8443");
  EXPECT_TRUE(u->is_loopback());
  EXPECT_FALSE(u->host_is_ip);
}

TEST(LiveBaseUrl, RecognisesIpv4LiteralAsAddress) {
  auto u = parse_base_url("https://127.0.0.2:9000");
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->host_is_ip);
  EXPECT_TRUE(u->is_loopback());
}

TEST(LiveBaseUrl, BracketsIpv6LiteralInAuthority) {
  auto u = parse_base_url("https://[::1]:8443");
  ASSERT_TRUE(u.ok()) << u.err().message;
  EXPECT_EQ(u->host, "::1");
  EXPECT_TRUE(u->host_is_ip);
  EXPECT_TRUE(u->is_loopback());
  EXPECT_EQ(u->authority(), "[::1]:8443");
}

TEST(LiveBaseUrl, RejectsOtherSchemes) {
  auto u = parse_base_url("ftp://example.test");
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.err().message.find("found scheme \"ftp\""), std::string::npos) << u.err().message;
}

TEST(LiveBaseUrl, RejectsMissingScheme) {
  auto u = parse_base_url("open-api.tiktokglobalshop.com");
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.err().message.find("no scheme"), std::string::npos) << u.err().message;
}

TEST(LiveBaseUrl, RejectsPortOutOfRange) {
  auto u = parse_base_url("https://example.test:70000");
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.err().message.find("port must be a number from 1 to 65535"), std::string::npos)
      << u.err().message;
}

TEST(LiveBaseUrl, RejectsUserInfoWithoutRepeatingIt) {
  auto u = parse_base_url("https://app:topsecret@example.test");
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.err().message.find("topsecret"), std::string::npos) << u.err().message;
  EXPECT_NE(u.err().message.find("user info"), std::string::npos) << u.err().message;
}

TEST(LiveBaseUrl, RejectsQuery) {
  auto u = parse_base_url("https://example.test?x=1");
  ASSERT_FALSE(u.ok());
}

TEST(LiveBaseUrl, RejectsHostWithInvalidCharacters) {
  auto u = parse_base_url("https://exa mple.test");
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.err().message.find("neither a DNS name nor an IP address"), std::string::npos)
      << u.err().message;
}

TEST(LiveBaseUrl, ProxyWithoutSchemeIsHttpAndWithoutPortIs80) {
  auto p = parse_proxy_url("proxy.example.test");
  ASSERT_TRUE(p.ok()) << p.err().message;
  EXPECT_EQ(p->port, 80);
  EXPECT_EQ(p->to_string(), "http://proxy.example.test:80");
}

TEST(LiveBaseUrl, ProxyOverTlsIsRefusedWithReason) {
  auto p = parse_proxy_url("https://proxy.example.test:443");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.err().message.find("TLS to the proxy itself is not supported"), std::string::npos)
      << p.err().message;
}

TEST(LiveBaseUrl, ProxyBadPercentEscapeIsRefused) {
  auto p = parse_proxy_url("http://user:bad%zz@proxy.example.test:3128");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.err().message.find("malformed percent escape"), std::string::npos) << p.err().message;
  EXPECT_EQ(p.err().message.find("bad%zz"), std::string::npos) << p.err().message;
}

}  // namespace
}  // namespace kingkung::live
