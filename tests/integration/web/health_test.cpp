// /healthz served in process: the runtime on a temporary SQLite database, the web host's router and
// server settings, a real HTTP round trip.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "../http/test_client.hpp"
#include "health_handler.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/app/version.hpp"
#include "kingkung/http/server.hpp"
#include "web_host.hpp"
#include "web_test_config.hpp"

namespace {

using namespace kingkung;
namespace json = boost::json;

class WebHealth : public ::testing::Test {
 protected:
  void start(const std::vector<std::string>& plugins, const std::string& extra = test::one_shop) {
    auto started = app::runtime::start({config_.write(plugins, extra), &environment_});
    ASSERT_TRUE(started) << started.err().message;
    runtime_ = std::move(*started);
    web::command_line args;
    args.port = 0;
    options_ = web::make_server_options(runtime_->config(), args);
    server_ = std::make_unique<http::server>(options_, web::make_router(*runtime_));
    port_ = server_->start();
    runtime_->on_stop("http server", [this] { server_->stop(); });
  }
  void TearDown() override {
    if (runtime_) runtime_->shutdown();
  }

  json::object get_health(test::http_response& res) {
    auto got = test::fetch(port_, "GET", "/healthz");
    EXPECT_TRUE(got);
    if (!got) return {};
    res = *got;
    return json::parse(res.body()).as_object();
  }

  test::web_test_config config_;
  std::map<std::string, std::string> environment_;  // nothing from the test's own environment
  std::unique_ptr<app::runtime> runtime_;
  http::server_options options_;
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(WebHealth, AllPluginsLoadedAndDatabaseUpIsOk) {
  start({"fixture-good"});
  test::http_response res;
  auto body = get_health(res);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res[test::bhttp::field::content_type], "application/json");
  EXPECT_EQ(body.at("status"), "ok");
  EXPECT_EQ(body.at("version").as_string(), app::product_version());
}

TEST_F(WebHealth, ReportsTheDatabase) {
  start({"fixture-good"});
  test::http_response res;
  auto db = get_health(res).at("database").as_object();
  EXPECT_EQ(db.at("status"), "ok");
  EXPECT_EQ(db.at("backend"), "sqlite");
  auto url = std::string(db.at("url").as_string());
  EXPECT_NE(url.find((config_.dir() / "data" / "kingkung.db").string()), std::string::npos) << url;
}

TEST_F(WebHealth, MissingAndRefusedPluginsMakeItDegradedWith503) {
  start({"fixture-good", "fixture-wrong-build-tag", "no-such-plugin"});
  test::http_response res;
  auto body = get_health(res);
  EXPECT_EQ(res.result_int(), 503);
  EXPECT_EQ(body.at("status"), "degraded");

  auto plugins = body.at("plugins").as_array();
  ASSERT_EQ(plugins.size(), 3u);
  auto good = plugins[0].as_object();
  EXPECT_EQ(good.at("id"), "fixture-good");
  EXPECT_EQ(good.at("status"), "loaded");
  EXPECT_EQ(good.at("version"), "1.2.3");
  EXPECT_EQ(good.at("reason"), "");

  auto refused = plugins[1].as_object();
  EXPECT_EQ(refused.at("id"), "fixture-wrong-build-tag");
  EXPECT_EQ(refused.at("status"), "refused");
  EXPECT_NE(std::string(refused.at("reason").as_string()).find("clang-99"), std::string::npos)
      << refused.at("reason");

  auto missing = plugins[2].as_object();
  EXPECT_EQ(missing.at("id"), "no-such-plugin");
  EXPECT_EQ(missing.at("status"), "missing");
  EXPECT_EQ(missing.at("version"), "");
  EXPECT_NE(missing.at("reason"), "");
}

TEST_F(WebHealth, ListsEachShopWithItsTransportAndModules) {
  start({"fixture-good"});
  test::http_response res;
  auto shops = get_health(res).at("shops").as_array();
  ASSERT_EQ(shops.size(), 1u);
  auto shop = shops[0].as_object();
  EXPECT_EQ(shop.at("key"), "test-mx");
  EXPECT_EQ(shop.at("transport"), "fixture-echo");
  ASSERT_EQ(shop.at("modules").as_array().size(), 1u);
  EXPECT_EQ(shop.at("modules").as_array()[0], "fixture-module");
  EXPECT_EQ(res.body().find("7000000000000000001"), std::string::npos) << "platform shop ids stay private";
}

TEST_F(WebHealth, EveryAnswerCarriesTheSecurityHeaders) {
  start({"fixture-good"});
  for (const char* target : {"/healthz", "/no-such-page"}) {
    auto res = test::fetch(port_, "GET", target);
    ASSERT_TRUE(res);
    EXPECT_EQ((*res)["X-Content-Type-Options"], "nosniff") << target;
    EXPECT_EQ((*res)["Referrer-Policy"], "no-referrer") << target;
    EXPECT_EQ((*res)["Content-Security-Policy"],
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
              "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        << target;
    EXPECT_EQ(res->count("Strict-Transport-Security"), 0u) << "no HSTS over plain HTTP";
  }
}

TEST_F(WebHealth, HealthIsNeverCached) {
  start({"fixture-good"});
  auto res = test::fetch(port_, "GET", "/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ((*res)["Cache-Control"], "no-store");
}

TEST(WebHealthSettings, HstsOnlyWhenTlsIsOn) {
  config::app_config config;
  web::command_line args;
  EXPECT_FALSE(web::make_server_options(config, args).response_headers.contains("Strict-Transport-Security"));
  config.server.tls = {true, "/etc/kingkung/cert.pem", "/etc/kingkung/key.pem"};
  auto tls = web::make_server_options(config, args);
  ASSERT_TRUE(tls.tls);
  EXPECT_EQ(tls.tls->cert_file, "/etc/kingkung/cert.pem");
  EXPECT_EQ(tls.response_headers.get("Strict-Transport-Security"), "max-age=31536000");
}

TEST(WebHealthSettings, CommandLineOverridesPortAndListenAddress) {
  config::app_config config;
  config.server.port = 8080;
  config.server.read_timeout_seconds = 7;
  auto parsed = web::parse_command_line({"--config", "x.toml", "--port", "0", "--listen=::1"});
  ASSERT_TRUE(parsed.args) << parsed.error;
  auto o = web::make_server_options(config, *parsed.args);
  EXPECT_EQ(o.port, 0);
  EXPECT_EQ(o.listen_address, "::1");
  EXPECT_EQ(o.read_timeout, std::chrono::seconds(7));
  EXPECT_EQ(web::listen_url(o, 8443), "http://[::1]:8443/");
}

TEST(WebHealthSettings, BadPortOnTheCommandLineIsNamed) {
  auto parsed = web::parse_command_line({"--port", "80a"});
  EXPECT_FALSE(parsed.args);
  EXPECT_NE(parsed.error.find("--port"), std::string::npos) << parsed.error;
  EXPECT_NE(parsed.error.find("80a"), std::string::npos) << parsed.error;
}

TEST(WebHealthSettings, DegradedReportSerialisesAsDegraded) {
  app::health_report report;
  report.version = "9.9.9";
  report.database = {false, "database ping failed (mysql://kk:[redacted]@db:3306/kk): gone", "mysql",
                     "mysql://kk:[redacted]@db:3306/kk"};
  auto body = json::parse(web::health_json(report)).as_object();
  EXPECT_EQ(body.at("status"), "degraded");
  EXPECT_EQ(body.at("database").at("status"),
            "database ping failed (mysql://kk:[redacted]@db:3306/kk): gone");
  EXPECT_EQ(body.at("database").at("url"), "mysql://kk:[redacted]@db:3306/kk");
}

}  // namespace
