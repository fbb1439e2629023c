// The seller web host in process for the web tests, built the way kingkung-web builds it: a config file in
// a fresh temporary folder (SQLite, the built simulator, mx-split and br-invoice plugins, the three demo
// shops and the demo sign-in), the runtime, the platform services (no background sync workers: tests call
// sync_all()), the demo set-up and the HTTP server on 127.0.0.1 with a free port. Everything stops and the
// folder is removed on destruction.
//
// web_client acts like the browser UI: it keeps the session cookie, sends the CSRF token the sign-in gave
// and the host's own Origin on state-changing requests. shared_host<Suite> is the fixture of a suite whose
// tests share one web_app and one signed-in demo client.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "../integration/http/test_client.hpp"
#include "kingkung/app/platform_services.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/connect/shop_links.hpp"
#include "kingkung/http/message.hpp"
#include "kingkung/http/server.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/sync/engine.hpp"
#include "web_host.hpp"
#include "demo_setup.hpp"
#include "security_headers.hpp"

namespace kingkung::web_test {

inline constexpr std::string_view demo_email = "demo@kingkung.example";
inline constexpr std::string_view demo_password = "kingkung-demo";
inline constexpr std::string_view mx_shop_id = "7495610013482590221";
inline constexpr std::string_view br_shop_id = "7496002287415330818";
inline constexpr std::string_view us_shop_id = "7494883102967740417";
// A simulator shop that is not connected at start: the connect flow's shop.
inline constexpr std::string_view extra_shop_id = "7497100045521830662";

struct app_options {
  int orders_per_shop = 12;  // the simulator's demo orders per shop
  bool sync_at_start = true; // sync orders, products and packages of the demo shops before the test
  std::string extra_toml;    // appended to the config file verbatim
};

class web_app {
 public:
  explicit web_app(app_options options = {}) {
    std::string pattern = (std::filesystem::temp_directory_path() / "kk-web-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("no temporary folder");
    dir_ = pattern;
    write_config(options);
    {
      std::ofstream(dir_ / "app-secret") << "web-test-app-secret\n";
      ::chmod((dir_ / "app-secret").c_str(), 0600);
    }
    auto started = app::runtime::start({dir_ / "kingkung.toml", &environment_});
    if (!started) throw std::runtime_error("runtime: " + started.err().message);
    runtime_ = std::move(*started);
    app::platform_options platform;
    platform.sync_workers = false;
    platform.purge_schedule = false;
    auto services = app::platform_services::start(*runtime_, platform);
    if (!services) throw std::runtime_error("platform services: " + services.err().message);
    services_ = *services;
    if (auto demo = web::set_up_demo(*runtime_, services_->links()); !demo)
      throw std::runtime_error("demo: " + demo.err().message);
    if (options.sync_at_start) sync_all();

    web::web_context context;
    context.runtime = runtime_.get();
    context.services = services_.get();
    std::weak_ptr<app::platform_services> weak = services_;
    context.on_webhook_stored = [weak] {
      if (auto s = weak.lock()) s->wake_webhook_processor();
    };
    http::server_options o;
    o.listen_address = "127.0.0.1";
    o.port = 0;
    o.threads = 2;
    o.response_headers = web::security_headers(false);
    server_ = std::make_unique<http::server>(o, web::make_router(std::move(context)));
    port_ = server_->start();
  }

  ~web_app() {
    if (server_) server_->stop();
    server_.reset();
    services_.reset();
    if (runtime_) runtime_->shutdown();
    runtime_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  web_app(const web_app&) = delete;
  web_app& operator=(const web_app&) = delete;

  std::uint16_t port() const { return port_; }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  app::runtime& runtime() { return *runtime_; }
  app::platform_services& services() { return *services_; }
  const std::filesystem::path& dir() const { return dir_; }

  // Orders, products and packages of every connected shop, from the simulator into the database.
  void sync_all() {
    auto shops = storage::shop_repository(runtime_->database(), runtime_->vault()).list_demo();
    if (!shops) throw std::runtime_error(shops.err().message);
    for (const auto& shop : *shops) {
      if (shop.state != domain::shop_state::connected) continue;
      auto link = services_->links().link_for(shop);
      if (!link) throw std::runtime_error("no link for shop " + shop.id);
      services_->sync().sync_orders(*link);
      services_->sync().sync_products(*link);
      services_->sync().sync_packages(*link);
    }
  }

 private:
  void write_config(const app_options& options) {
    const auto n = std::to_string(options.orders_per_shop);
    std::ofstream out(dir_ / "kingkung.toml");
    out << "[server]\nlisten = \"127.0.0.1\"\nport = 8080\nthreads = 2\npublic_url = \"http://127.0.0.1:8080\"\n"
        << "run_sync_workers = false\n\n"
        << "[database]\nurl = \"sqlite3:data/kingkung.db\"\npool_size = 4\n\n"
        << "[vault]\nkey_file = \"data/master.key\"\n\n"
        << "[tiktok]\napp_key = \"kk-web-test\"\nservice_id = \"kk-web-test-service\"\nmax_retries = 1\n"
        << "qps_per_api = 50\napp_secret_file = \"app-secret\"\n\n"
        << "[transports]\ndefault = \"tiktok-sim\"\n\n"
        << "[plugins]\ndir = \"" << KINGKUNG_PLUGIN_DIR << "\"\n"
        << "load = [\"tiktok-sim\", \"mx-split\", \"br-invoice\"]\n\n"
        << "[plugins.config.tiktok-sim]\napp_key = \"kk-web-test\"\napp_secret_file = \"app-secret\"\n"
        << "seed = 20261129\nshops = [\"demo-mx\", \"demo-br\", \"demo-us\", \"extra-mx\"]\n\n"
        << "[plugins.config.tiktok-sim.shop.demo-mx]\nid = \"" << mx_shop_id
        << "\"\nname = \"KingKung Demo MX\"\nregion = \"MX\"\nseller_type = \"CROSS_BORDER\"\norders = " << n << "\n\n"
        << "[plugins.config.tiktok-sim.shop.demo-br]\nid = \"" << br_shop_id
        << "\"\nname = \"KingKung Demo BR\"\nregion = \"BR\"\nseller_type = \"LOCAL\"\norders = " << n << "\n\n"
        << "[plugins.config.tiktok-sim.shop.demo-us]\nid = \"" << us_shop_id
        << "\"\nname = \"KingKung Demo US\"\nregion = \"US\"\nseller_type = \"LOCAL\"\norders = " << n << "\n\n"
        << "[plugins.config.tiktok-sim.shop.extra-mx]\nid = \"" << extra_shop_id
        << "\"\nname = \"KingKung Second MX\"\nregion = \"MX\"\nseller_type = \"CROSS_BORDER\"\norders = " << n
        << "\n\n"
        << "[markets.MX]\nmodules = [\"mx-split\"]\n\n[markets.BR]\nmodules = [\"br-invoice\"]\n\n";
    auto shop = [&](std::string_view key, std::string_view id, std::string_view name, std::string_view region,
                    std::string_view type) {
      out << "[[shops]]\nkey = \"" << key << "\"\nshop_id = \"" << id << "\"\nname = \"" << name
          << "\"\nregion = \"" << region << "\"\nseller_type = \"" << type
          << "\"\ntransport = \"tiktok-sim\"\ndemo = true\n\n";
    };
    shop("demo-mx", mx_shop_id, "KingKung Demo MX", "MX", "CROSS_BORDER");
    shop("demo-br", br_shop_id, "KingKung Demo BR", "BR", "LOCAL");
    shop("demo-us", us_shop_id, "KingKung Demo US", "US", "LOCAL");
    out << "[demo]\nenabled = true\nseller_name = \"Demo Seller\"\nemail = \"" << demo_email
        << "\"\npassword = \"" << demo_password << "\"\n\n"
        << "[log]\nlevel = \"warn\"\n\n"
        << options.extra_toml;
  }

  std::filesystem::path dir_;
  std::map<std::string, std::string> environment_;
  std::unique_ptr<app::runtime> runtime_;
  std::shared_ptr<app::platform_services> services_;
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

// A browser-like client of one web_app (or of any server of the web host on 127.0.0.1): session cookie,
// CSRF token and Origin handled as the UI does, unless a test changes that through the knobs below.
class web_client {
 public:
  explicit web_client(const web_app& app) : port_(app.port()), origin_(app.origin()) {}
  explicit web_client(std::uint16_t port) : port_(port), origin_("http://127.0.0.1:" + std::to_string(port)) {}

  bool send_csrf = true;                      // false: no X-CSRF-Token header
  std::optional<std::string> origin_override; // sent instead of the host's Origin; "" sends no Origin
  std::string extra_headers;                  // raw "Name: value\r\n" lines on every request

  // POST /api/v1/session; keeps the cookie and CSRF token on success. Returns the answer.
  test::http_response sign_in(std::string_view email = demo_email, std::string_view password = demo_password) {
    boost::json::object body{{"email", email}, {"password", password}};
    auto r = send("POST", "/api/v1/session", boost::json::serialize(body));
    if (r.result_int() == 200) {
      auto v = boost::json::parse(r.body());
      csrf_ = std::string(v.at("csrf_token").as_string());
    }
    return r;
  }

  test::http_response get(std::string_view target) { return send("GET", target); }
  test::http_response post(std::string_view target, std::string_view json = "{}") { return send("POST", target, json); }
  test::http_response put(std::string_view target, std::string_view json) { return send("PUT", target, json); }
  test::http_response patch(std::string_view target, std::string_view json) { return send("PATCH", target, json); }
  test::http_response del(std::string_view target) { return send("DELETE", target); }

  // Any request; `extra_headers` are raw "Name: value\r\n" lines added after the client's own.
  test::http_response send(std::string_view method, std::string_view target, std::string_view body = {},
                           std::string_view extra_headers = {}) {
    std::string headers = "Host: 127.0.0.1:" + std::to_string(port_) + "\r\n";
    if (!cookies_.empty()) {
      std::string jar;
      for (const auto& [name, value] : cookies_) jar += (jar.empty() ? "" : "; ") + name + "=" + value;
      headers += "Cookie: " + jar + "\r\n";
    }
    if (method != "GET" && method != "HEAD") {
      const std::string& origin = origin_override ? *origin_override : origin_;
      if (!origin.empty()) headers += "Origin: " + origin + "\r\n";
      if (send_csrf && !csrf_.empty()) headers += "X-CSRF-Token: " + csrf_ + "\r\n";
      if (!body.empty()) headers += "Content-Type: application/json\r\n";
    }
    headers += this->extra_headers;
    headers += std::string(extra_headers);
    test::raw_connection c(port_);
    std::string req = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n" + headers +
                      "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
                      std::string(body);
    if (!c.send(req)) throw std::runtime_error("the server closed the connection");
    auto r = c.read_response(method == "HEAD");
    if (!r) throw std::runtime_error("no answer to " + std::string(method) + " " + std::string(target));
    remember_cookies(*r);
    return std::move(*r);
  }

  static boost::json::value json(const test::http_response& r) { return boost::json::parse(r.body()); }

  const std::string& csrf_token() const { return csrf_; }
  std::string& csrf_token() { return csrf_; }
  void set_csrf_token(std::string token) { csrf_ = std::move(token); }
  std::map<std::string, std::string>& cookies() { return cookies_; }

 private:
  void remember_cookies(const test::http_response& r) {
    for (const auto& field : r.base()) {
      if (!http::iequals(field.name_string(), "Set-Cookie")) continue;
      std::string v(field.value());
      auto eq = v.find('=');
      auto semi = v.find(';');
      if (eq == std::string::npos) continue;
      std::string name = v.substr(0, eq);
      std::string value = v.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
      bool expired = v.find("Max-Age=0") != std::string::npos;
      if (expired || value.empty())
        cookies_.erase(name);
      else
        cookies_[name] = value;
    }
  }

  std::uint16_t port_;
  std::string origin_;
  std::string csrf_;
  std::map<std::string, std::string> cookies_;
};

// The default host: the simulator's demo orders, synced at start.
inline app_options default_host() {
  return {};
}

// A host with one order per shop and nothing synced at start: for suites about sign-in and sessions.
inline app_options light_host() {
  app_options o;
  o.orders_per_shop = 1;
  o.sync_at_start = false;
  return o;
}

// The fixture of a suite whose tests share one web_app (started once per suite) and one client signed in
// as the demo owner on first use. `Suite` is the fixture deriving from it, so every suite has a host of
// its own; `Options` chooses the host:
//   class WebFulfilShip : public web_test::shared_host<WebFulfilShip> {};
//   class WebAuthUsers : public web_test::shared_host<WebAuthUsers, web_test::light_host> {...};
// A suite with more to set up defines its own SetUpTestSuite() calling shared_host's first (and its own
// TearDownTestSuite() calling shared_host's last).
template <class Suite, app_options (*Options)() = default_host>
class shared_host : public ::testing::Test {
 public:
  static void SetUpTestSuite() { app_ = std::make_unique<web_app>(Options()); }
  static void TearDownTestSuite() {
    demo_.reset();
    app_.reset();
  }

 protected:
  static web_app& app() {
    if (!app_) throw std::runtime_error("the suite's web host did not start");
    return *app_;
  }
  // The demo owner's client, signed in once per suite.
  static web_client& demo() {
    if (!demo_) {
      auto c = std::make_unique<web_client>(app());
      auto r = c->sign_in();
      if (r.result_int() != 200) throw std::runtime_error("demo sign-in answered " + std::to_string(r.result_int()));
      demo_ = std::move(c);
    }
    return *demo_;
  }

 private:
  inline static std::unique_ptr<web_app> app_;
  inline static std::unique_ptr<web_client> demo_;
};

}  // namespace kingkung::web_test
