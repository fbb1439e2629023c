// HTTPS through an HTTP CONNECT proxy: the tunnel, credentials, refusals.
#include <gtest/gtest.h>

#include "connect_proxy.hpp"
#include "live_test_support.hpp"

namespace kingkung::live {
namespace {

using namespace test;

TEST(LiveProxy, TlsGoesThroughConnectTunnel) {
  testkit::test_server origin(tls_server(), testkit::echo_handler);
  testkit::connect_proxy proxy;
  auto config = config_for(origin.url("localhost"));
  config.proxy = *parse_proxy_url(proxy.url());
  auto t = make_transport(config);
  auto r = t->send(get("/authorization/202309/shops"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->body, "GET /authorization/202309/shops 0");
  ASSERT_EQ(proxy.request_lines().size(), 1u);
  EXPECT_EQ(proxy.request_lines()[0], "CONNECT localhost:" + std::to_string(origin.port()) + " HTTP/1.1");
  EXPECT_EQ(proxy.tunnels(), 1u);
}

TEST(LiveProxy, TunnelIsKeptAliveAcrossCalls) {
  testkit::test_server origin(tls_server(), testkit::echo_handler);
  testkit::connect_proxy proxy;
  auto config = config_for(origin.url("localhost"));
  config.proxy = *parse_proxy_url(proxy.url());
  auto t = make_transport(config);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(t->send(get("/x")).ok());
  EXPECT_EQ(proxy.tunnels(), 1u);
  EXPECT_EQ(origin.accepted(), 1u);
}

TEST(LiveProxy, CertificateIsVerifiedInsideTheTunnel) {
  testkit::test_server origin(tls_server(shared_pki().wrong_host), testkit::echo_handler);
  testkit::connect_proxy proxy;
  auto config = config_for(origin.url("localhost"));
  config.proxy = *parse_proxy_url(proxy.url());
  auto t = make_transport(config);
  auto r = t->send(get("/x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::tls_error) << r.err().message;
  EXPECT_EQ(proxy.tunnels(), 1u);
}

TEST(LiveProxy, SendsBasicCredentials) {
  testkit::test_server origin(tls_server(), testkit::echo_handler);
  // "ops:pa ss" in base64
  testkit::connect_proxy proxy({.required_authorization = "Basic b3BzOnBhIHNz", .refuse_with = 0});
  auto config = config_for(origin.url("localhost"));
  config.proxy = *parse_proxy_url("http://ops:pa%20ss@127.0.0.1:" + std::to_string(proxy.port()));
  auto t = make_transport(config);
  auto r = t->send(get("/x"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(proxy.authorizations().at(0), "Basic b3BzOnBhIHNz");
}

TEST(LiveProxy, WrongCredentialsAreUnavailableWithHintAndWithoutPassword) {
  testkit::test_server origin(tls_server(), testkit::echo_handler);
  testkit::connect_proxy proxy({.required_authorization = "Basic b3BzOnJpZ2h0", .refuse_with = 0});
  auto config = config_for(origin.url("localhost"));
  config.proxy =
      *parse_proxy_url("http://ops:wrong-proxy-password@127.0.0.1:" + std::to_string(proxy.port()));
  auto t = make_transport(config);
  auto r = t->send(get("/x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::unavailable) << r.err().message;
  EXPECT_NE(r.err().message.find("407"), std::string::npos) << r.err().message;
  EXPECT_NE(r.err().message.find("check the credentials in https_proxy"), std::string::npos)
      << r.err().message;
  EXPECT_EQ(r.err().message.find("wrong-proxy-password"), std::string::npos) << r.err().message;
  EXPECT_EQ(origin.accepted(), 0u);
}

TEST(LiveProxy, RefusedTunnelIsUnavailable) {
  testkit::test_server origin(tls_server(), testkit::echo_handler);
  testkit::connect_proxy proxy({.required_authorization = std::nullopt, .refuse_with = 403});
  auto config = config_for(origin.url("localhost"));
  config.proxy = *parse_proxy_url(proxy.url());
  auto t = make_transport(config);
  auto r = t->send(get("/x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::unavailable) << r.err().message;
  EXPECT_NE(r.err().message.find("refused the tunnel"), std::string::npos) << r.err().message;
}

TEST(LiveProxy, EnvironmentProxyIsBypassedForLoopbackOrigin) {
  testkit::test_server origin(tls_server(), testkit::echo_handler);
  testkit::connect_proxy proxy;
  test::map_config table{{"api_base_url", origin.url("localhost")}, {"ca_file", shared_pki().ca_file}};
  auto config = load_live_config(table, [&](std::string_view name) -> std::optional<std::string> {
    if (name == "HTTPS_PROXY") return proxy.url();
    return std::nullopt;
  });
  ASSERT_TRUE(config.ok()) << config.err().message;
  auto t = make_transport(*config);
  ASSERT_TRUE(t->send(get("/x")).ok());
  EXPECT_EQ(proxy.request_lines().size(), 0u);
  EXPECT_EQ(origin.accepted(), 1u);
}

}  // namespace
}  // namespace kingkung::live
