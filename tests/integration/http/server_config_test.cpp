// [server] in the config file: every limit of the HTTP server can be set there, each is range-checked
// with a message that names the key, and http_server_options hands them to the server.
#include <gtest/gtest.h>

#include "../../unit/config/config_test_support.hpp"
#include "kingkung/app/server_settings.hpp"

namespace {

using namespace kingkung;
using namespace kingkung::config::testing;

TEST(HttpServerConfig, EveryLimitReachesTheServerOptions) {
  temp_dir dir;
  auto loaded = load_text(dir, minimal_config("[server]\nmax_header_bytes = 4096\nmax_body_bytes = 65536\n"
                                              "read_timeout_seconds = 7\nidle_timeout_seconds = 9\n"
                                              "write_timeout_seconds = 11\nmax_connections = 64\n"
                                              "max_requests_per_connection = 50\nstop_grace_seconds = 3\n"));
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  auto o = app::http_server_options(loaded.config->server);
  EXPECT_EQ(o.max_header_bytes, 4096u);
  EXPECT_EQ(o.max_body_bytes, 65536u);
  EXPECT_EQ(o.read_timeout, std::chrono::seconds(7));
  EXPECT_EQ(o.idle_timeout, std::chrono::seconds(9));
  EXPECT_EQ(o.write_timeout, std::chrono::seconds(11));
  EXPECT_EQ(o.max_connections, 64u);
  EXPECT_EQ(o.max_requests_per_connection, 50u);
  EXPECT_EQ(o.stop_grace, std::chrono::seconds(3));
}

TEST(HttpServerConfig, DefaultsMatchTheServersOwnDefaults) {
  temp_dir dir;
  auto loaded = load_text(dir, minimal_config());
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  auto o = app::http_server_options(loaded.config->server);
  const http::server_options d;
  EXPECT_EQ(o.write_timeout, d.write_timeout);
  EXPECT_EQ(o.max_requests_per_connection, d.max_requests_per_connection);
  EXPECT_EQ(o.stop_grace, d.stop_grace);
}

TEST(HttpServerConfig, ZeroRequestsPerConnectionMeansNoCap) {
  temp_dir dir;
  auto loaded = load_text(dir, minimal_config("[server]\nmax_requests_per_connection = 0\n"));
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  EXPECT_EQ(app::http_server_options(loaded.config->server).max_requests_per_connection, 0u);
}

TEST(HttpServerConfig, ZeroWriteTimeoutIsRefusedNamingKeyAndRange) {
  temp_dir dir;
  auto loaded = load_text(dir, minimal_config("[server]\nwrite_timeout_seconds = 0\n"));
  ASSERT_FALSE(loaded.ok());
  const auto* e = find_error(loaded.errors, "server.write_timeout_seconds");
  ASSERT_NE(e, nullptr) << all_messages(loaded.errors);
  EXPECT_NE(e->to_string().find("1 to 3600"), std::string::npos) << e->to_string();
  EXPECT_NE(e->to_string().find("found 0"), std::string::npos) << e->to_string();
}

TEST(HttpServerConfig, StopGraceGivenAsTextIsRefusedSayingWhatWasFound) {
  temp_dir dir;
  auto loaded = load_text(dir, minimal_config("[server]\nstop_grace_seconds = \"10s\"\n"));
  ASSERT_FALSE(loaded.ok());
  const auto* e = find_error(loaded.errors, "server.stop_grace_seconds");
  ASSERT_NE(e, nullptr) << all_messages(loaded.errors);
  EXPECT_NE(e->to_string().find("10s"), std::string::npos) << e->to_string();
}

TEST(HttpServerConfig, MisspelledLimitIsRefusedWithTheKnownKeySuggested) {
  temp_dir dir;
  auto loaded = load_text(dir, minimal_config("[server]\nmax_request_per_connection = 10\n"));
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(all_messages(loaded.errors).find("max_requests_per_connection"), std::string::npos)
      << all_messages(loaded.errors);
}

}  // namespace
