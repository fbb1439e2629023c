// [plugins.config.tiktok-live]: defaults, validation messages, and where the proxy comes from.
#include <gtest/gtest.h>

#include "kingkung/live/live_config.hpp"
#include "live_test_support.hpp"

namespace kingkung::live {
namespace {

using test::map_config;

env_lookup no_env() {
  return [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
}

env_lookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(LiveConfig, EmptyTableGivesOfficialHostsAndDefaults) {
  auto c = load_live_config(map_config{}, no_env());
  ASSERT_TRUE(c.ok()) << c.err().message;
  EXPECT_EQ(c->api.to_string(), "https://open-api.tiktokglobalshop.com");
  EXPECT_EQ(c->auth.to_string(), "https://auth.tiktok-shops.com");
  EXPECT_TRUE(c->ca_file.empty());
  EXPECT_EQ(c->pool_max_per_host, 8u);
  EXPECT_EQ(c->max_response_bytes, 16u * 1024u * 1024u);
  EXPECT_FALSE(c->proxy.has_value());
}

TEST(LiveConfig, ReadsEveryKey) {
  map_config table{{"api_base_url", std::string("https://api.example.test:8443")},
                   {"auth_base_url", std::string("https://auth.example.test")},
                   {"ca_file", std::string("/etc/kingkung/ca.pem")},
                   {"pool_max_per_host", std::int64_t{3}},
                   {"connect_timeout_ms", std::int64_t{1500}},
                   {"tls_timeout_ms", std::int64_t{2500}},
                   {"read_timeout_ms", std::int64_t{3500}},
                   {"pool_idle_timeout_ms", std::int64_t{4500}},
                   {"max_response_bytes", std::int64_t{65536}},
                   {"https_proxy", std::string("http://proxy.example.test:3128")}};
  auto c = load_live_config(table, no_env());
  ASSERT_TRUE(c.ok()) << c.err().message;
  EXPECT_EQ(c->api.host, "api.example.test");
  EXPECT_EQ(c->api.port, 8443);
  EXPECT_EQ(c->auth.host, "auth.example.test");
  EXPECT_EQ(c->ca_file, "/etc/kingkung/ca.pem");
  EXPECT_EQ(c->pool_max_per_host, 3u);
  EXPECT_EQ(c->connect_timeout.count(), 1500);
  EXPECT_EQ(c->tls_timeout.count(), 2500);
  EXPECT_EQ(c->read_timeout.count(), 3500);
  EXPECT_EQ(c->pool_idle_timeout.count(), 4500);
  EXPECT_EQ(c->max_response_bytes, 65536u);
  ASSERT_TRUE(c->proxy.has_value());
  EXPECT_EQ(c->proxy->host, "proxy.example.test");
  EXPECT_EQ(c->proxy->port, 3128);
  EXPECT_FALSE(c->proxy_from_environment);
}

TEST(LiveConfig, RejectsZeroPoolSizeNamingKeyAndRange) {
  auto c = load_live_config(map_config{{"pool_max_per_host", std::int64_t{0}}}, no_env());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(c.err().message,
            "test.toml [plugins.config.tiktok-live]: pool_max_per_host: expected an integer from 1 to 256, "
            "found 0");
}

TEST(LiveConfig, RejectsTimeoutGivenAsStringSayingWhatWasFound) {
  auto c = load_live_config(map_config{{"read_timeout_ms", std::string("30s")}}, no_env());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.err().message.find("read_timeout_ms: expected an integer"), std::string::npos)
      << c.err().message;
  EXPECT_NE(c.err().message.find("found the string \"30s\""), std::string::npos) << c.err().message;
}

TEST(LiveConfig, RejectsNegativeTimeout) {
  auto c = load_live_config(map_config{{"connect_timeout_ms", std::int64_t{-5}}}, no_env());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.err().message.find("connect_timeout_ms"), std::string::npos);
  EXPECT_NE(c.err().message.find("found -5"), std::string::npos) << c.err().message;
}

TEST(LiveConfig, RejectsResponseCapBelowOneKibibyte) {
  auto c = load_live_config(map_config{{"max_response_bytes", std::int64_t{100}}}, no_env());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.err().message.find("max_response_bytes: expected an integer from 1024"), std::string::npos)
      << c.err().message;
}

TEST(LiveConfig, RejectsUnknownKeyWithSuggestion) {
  auto c = load_live_config(map_config{{"pool_max_per_hosts", std::int64_t{4}}}, no_env());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.err().message.find("pool_max_per_hosts: unknown key (did you mean \"pool_max_per_host\"?)"),
            std::string::npos)
      << c.err().message;
}

TEST(LiveConfig, RejectsPlainHttpForRemoteHost) {
  auto c = load_live_config(map_config{{"api_base_url", std::string("http://open-api.tiktokglobalshop.com")}},
                            no_env());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.err().message.find("api_base_url:"), std::string::npos) << c.err().message;
  EXPECT_NE(c.err().message.find("plain http:// is allowed only for loopback hosts"), std::string::npos)
      << c.err().message;
}

TEST(LiveConfig, AcceptsPlainHttpForLoopbackHost) {
  auto c = load_live_config(map_config{{"auth_base_url", std::string("http://127.0.0.1:8080")}}, no_env());
  ASSERT_TRUE(c.ok()) << c.err().message;
  EXPECT_FALSE(c->auth.tls);
  EXPECT_EQ(c->auth.port, 8080);
}

TEST(LiveConfig, RejectsBaseUrlWithPath) {
  auto c =
      load_live_config(map_config{{"api_base_url", std::string("https://api.example.test/v2")}}, no_env());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.err().message.find("api_base_url: expected https://host[:port] without a path"),
            std::string::npos)
      << c.err().message;
}

TEST(LiveConfig, RejectsEmptyCaFile) {
  auto c = load_live_config(map_config{{"ca_file", std::string("")}}, no_env());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.err().message.find("ca_file:"), std::string::npos);
}

TEST(LiveConfig, ProxyErrorNeverRepeatsItsPassword) {
  auto c = load_live_config(
      map_config{{"https_proxy", std::string("https://ops:hunter2-secret@proxy.example.test:3128")}},
      no_env());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.err().message.find("https_proxy:"), std::string::npos) << c.err().message;
  EXPECT_EQ(c.err().message.find("hunter2-secret"), std::string::npos) << c.err().message;
}

TEST(LiveConfig, ProxyCredentialsArePercentDecoded) {
  auto c = load_live_config(
      map_config{{"https_proxy", std::string("http://ops%40shop:p%3Ass@proxy.example.test:3128")}}, no_env());
  ASSERT_TRUE(c.ok()) << c.err().message;
  EXPECT_EQ(c->proxy->user, "ops@shop");
  EXPECT_EQ(c->proxy->password, "p:ss");
  EXPECT_EQ(c->proxy->to_string(), "http://proxy.example.test:3128");
}

TEST(LiveConfig, ProxyFallsBackToHttpsProxyEnvironment) {
  auto c = load_live_config(map_config{}, env_of({{"HTTPS_PROXY", "http://10.1.2.3:3128"}}));
  ASSERT_TRUE(c.ok()) << c.err().message;
  ASSERT_TRUE(c->proxy.has_value());
  EXPECT_EQ(c->proxy->host, "10.1.2.3");
  EXPECT_TRUE(c->proxy_from_environment);
  EXPECT_NE(c->proxy_for(c->api), nullptr);
}

TEST(LiveConfig, LowerCaseProxyEnvironmentIsRead) {
  auto c = load_live_config(map_config{}, env_of({{"https_proxy", "http://10.1.2.4:8080"}}));
  ASSERT_TRUE(c.ok()) << c.err().message;
  ASSERT_TRUE(c->proxy.has_value());
  EXPECT_EQ(c->proxy->port, 8080);
}

TEST(LiveConfig, EmptyProxyKeyDisablesEnvironmentProxy) {
  auto c = load_live_config(map_config{{"https_proxy", std::string("")}},
                            env_of({{"HTTPS_PROXY", "http://10.1.2.3:3128"}}));
  ASSERT_TRUE(c.ok()) << c.err().message;
  EXPECT_FALSE(c->proxy.has_value());
}

TEST(LiveConfig, NoProxySkipsEnvironmentProxyForListedDomain) {
  auto c = load_live_config(map_config{}, env_of({{"HTTPS_PROXY", "http://10.1.2.3:3128"},
                                                  {"NO_PROXY", "internal.test, .tiktok-shops.com"}}));
  ASSERT_TRUE(c.ok()) << c.err().message;
  EXPECT_EQ(c->proxy_for(c->auth), nullptr);  // auth.tiktok-shops.com is under .tiktok-shops.com
  EXPECT_NE(c->proxy_for(c->api), nullptr);   // open-api.tiktokglobalshop.com is not listed
}

TEST(LiveConfig, EnvironmentProxyIsSkippedForLoopbackHosts) {
  auto c = load_live_config(map_config{{"api_base_url", std::string("https://127.0.0.1:8443")}},
                            env_of({{"HTTPS_PROXY", "http://10.1.2.3:3128"}}));
  ASSERT_TRUE(c.ok()) << c.err().message;
  EXPECT_EQ(c->proxy_for(c->api), nullptr);
}

TEST(LiveConfig, ConfiguredProxyAppliesEvenToLoopbackHosts) {
  auto c = load_live_config(map_config{{"api_base_url", std::string("https://localhost:8443")},
                                       {"https_proxy", std::string("http://127.0.0.1:3128")}},
                            no_env());
  ASSERT_TRUE(c.ok()) << c.err().message;
  EXPECT_NE(c->proxy_for(c->api), nullptr);
}

TEST(LiveConfig, InvalidEnvironmentProxyIsReportedAsSuch) {
  auto c = load_live_config(map_config{}, env_of({{"HTTPS_PROXY", "socks5://10.1.2.3:1080"}}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.err().message.find("HTTPS_PROXY"), std::string::npos) << c.err().message;
  EXPECT_NE(c.err().message.find("socks5"), std::string::npos) << c.err().message;
}

}  // namespace
}  // namespace kingkung::live
