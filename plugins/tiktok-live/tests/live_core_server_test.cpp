// Interoperation with the product's own HTTP server (kingkung::http::server over TLS), the server the
// web host and `kingkung sim-server` run.
#include <gtest/gtest.h>

#include <thread>

#include "kingkung/http/server.hpp"
#include "live_test_support.hpp"

namespace kingkung::live {
namespace {

using namespace test;

class core_server {
 public:
  explicit core_server(http::router routes,
                       std::chrono::milliseconds idle_timeout = std::chrono::seconds(60)) {
    http::server_options options;
    options.threads = 1;
    options.idle_timeout = idle_timeout;
    options.stop_grace = std::chrono::milliseconds(200);
    options.tls = http::tls_options{dir_.write("cert.pem", shared_pki().localhost.cert_pem),
                                    dir_.write("key.pem", shared_pki().localhost.key_pem)};
    server_ = std::make_unique<http::server>(std::move(options), std::move(routes));
    port_ = server_->start();
  }
  ~core_server() { server_->stop(); }

  std::string url() const { return "https://localhost:" + std::to_string(port_); }

 private:
  testkit::temp_dir dir_;
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

TEST(LiveWithCoreServer, GetAndPostRoundTripOverTls) {
  http::router routes;
  routes.get("/authorization/202309/shops", [](const http::request& r) {
    return http::response::json(
        200, R"({"code":0,"token":")" + std::string(r.header("x-tts-access-token").value_or("")) +
                 R"(","app_key":")" + std::string(r.query_param("app_key").value_or("")) + R"("})");
  });
  routes.post("/order/202309/orders/search",
              [](const http::request& r) { return http::response::json(200, r.body); });
  core_server server(std::move(routes));
  auto t = make_transport(config_for(server.url()));

  auto shops = get("/authorization/202309/shops?app_key=38abcd");
  shops.headers.push_back({"x-tts-access-token", "ROW_token"});
  auto r1 = t->send(shops);
  ASSERT_TRUE(r1.ok()) << r1.err().message;
  EXPECT_EQ(r1->status, 200);
  EXPECT_EQ(r1->body, R"({"code":0,"token":"ROW_token","app_key":"38abcd"})");

  const std::string body = R"({"order_status":"AWAITING_SHIPMENT"})";
  auto r2 = t->send(post("/order/202309/orders/search?page_size=20", body));
  ASSERT_TRUE(r2.ok()) << r2.err().message;
  EXPECT_EQ(r2->body, body);
  EXPECT_EQ(header_of(*r2, "content-type").value_or("").rfind("application/json", 0), 0u);
}

TEST(LiveWithCoreServer, UnknownPathIsA404Response) {
  core_server server{http::router{}};
  auto t = make_transport(config_for(server.url()));
  auto r = t->send(get("/nothing/here"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->status, 404);
}

TEST(LiveWithCoreServer, SequentialCallsShareOneConnection) {
  http::router routes;
  routes.get("/ping", [](const http::request&) { return http::response::text(200, "pong"); });
  core_server server(std::move(routes));
  auto t = make_transport(config_for(server.url()));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(t->send(get("/ping")).ok());
  EXPECT_EQ(t->stats(plugin::host_kind::api).opened, 1u);
  EXPECT_EQ(t->stats(plugin::host_kind::api).reused, 4u);
}

TEST(LiveWithCoreServer, ServerIdleTimeoutCloseIsRecoveredOnNextCall) {
  http::router routes;
  routes.get("/ping", [](const http::request&) { return http::response::text(200, "pong"); });
  core_server server(std::move(routes), std::chrono::milliseconds(30));
  auto t = make_transport(config_for(server.url()));
  ASSERT_TRUE(t->send(get("/ping")).ok());
  // Long enough for the server to close the idle keep-alive connection.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto r = t->send(get("/ping"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->body, "pong");
  EXPECT_EQ(t->stats(plugin::host_kind::api).opened, 2u);
  EXPECT_EQ(t->stats(plugin::host_kind::api).stale, 1u);
}

}  // namespace
}  // namespace kingkung::live
