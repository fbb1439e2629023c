// End-to-end test support: the real tiktok-sim plugin loaded through the plugin host, in a temporary data
// folder, with the core client in front of it. The simulator and the client read one manual timeline, so
// the timestamp window is deterministic; the client's waits advance that timeline instead of sleeping.
#pragma once

#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "kingkung/config/value_table.hpp"
#include "kingkung/plugins/plugin_host.hpp"
#include "kingkung/tiktok/api.hpp"

namespace kingkung::tiktok_sim_test {

namespace json = boost::json;
using tiktok::shop_ref;

inline constexpr std::int64_t start_unix = 1'760'000'000;
inline constexpr std::string_view app_key = "kk-e2e-app";
inline constexpr std::string_view app_secret = "kk-e2e-secret-5c1f0a9d";

// Demo shops of the simulator, each its own seller.
inline constexpr std::string_view mx_shop_id = "7495610013482590221";  // MX cross-border
inline constexpr std::string_view br_shop_id = "7496002287415330818";  // BR local
inline constexpr std::string_view us_shop_id = "7494883102967740417";  // US local

class timeline {
 public:
  struct wall final : plugin::clock {
    explicit wall(const timeline& t) : t_(t) {}
    std::chrono::system_clock::time_point now() const noexcept override {
      return std::chrono::system_clock::time_point{std::chrono::seconds{start_unix}} + t_.elapsed();
    }
    const timeline& t_;
  };
  struct pacing final : tiktok::pacing_clock {
    explicit pacing(timeline& t) : t_(t) {}
    std::chrono::steady_clock::time_point now() const noexcept override {
      return std::chrono::steady_clock::time_point{} + t_.elapsed();
    }
    void sleep_for(std::chrono::nanoseconds d) noexcept override {
      if (d.count() > 0) t_.nanos_ += d.count();
    }
    timeline& t_;
  };

  std::chrono::nanoseconds elapsed() const { return std::chrono::nanoseconds{nanos_.load()}; }
  std::int64_t unix_now() const {
    return start_unix + std::chrono::duration_cast<std::chrono::seconds>(elapsed()).count();
  }

 private:
  std::atomic<std::int64_t> nanos_{0};
};

// A token source over tokens obtained by OAuth; refresh goes through the client's refresh_access_token.
class grant_tokens final : public tiktok::token_source {
 public:
  void store(const std::string& shop_id, const tiktok::token_grant& grant) {
    std::lock_guard lock(mu_);
    grants_[shop_id] = grant;
  }
  void attach(tiktok::client& api) { api_ = &api; }

  tiktok::result<secret> current(std::string_view shop_id) override {
    std::lock_guard lock(mu_);
    auto it = grants_.find(std::string(shop_id));
    if (it == grants_.end()) return missing(shop_id);
    return it->second.access_token;
  }
  tiktok::result<secret> refresh(std::string_view shop_id) override {
    std::lock_guard lock(mu_);
    ++refresh_calls;
    auto it = grants_.find(std::string(shop_id));
    if (it == grants_.end() || api_ == nullptr) return missing(shop_id);
    auto renewed = tiktok::refresh_access_token(*api_, it->second.refresh_token);
    if (!renewed) return std::move(renewed).err();
    it->second = *renewed;
    return it->second.access_token;
  }

  int refresh_calls = 0;

 private:
  static tiktok::api_error missing(std::string_view shop_id) {
    tiktok::api_error e;
    e.kind = tiktok::error_class::invalid_request;
    e.message = "no token for shop " + std::string(shop_id);
    return e;
  }
  std::mutex mu_;
  std::map<std::string, tiktok::token_grant> grants_;
  tiktok::client* api_ = nullptr;
};

class counting_observer final : public tiktok::call_observer {
 public:
  void on_call(const tiktok::call_record& record) noexcept override {
    std::lock_guard lock(mu_);
    records.push_back(record);
  }
  std::size_t count_path_prefix(std::string_view prefix) {
    std::lock_guard lock(mu_);
    std::size_t n = 0;
    for (const auto& r : records)
      if (r.path.rfind(prefix, 0) == 0) ++n;
    return n;
  }
  std::vector<tiktok::call_record> records;

 private:
  std::mutex mu_;
};

struct env_options {
  std::int64_t mx_orders = 40;
  std::int64_t br_orders = 40;
  std::int64_t us_orders = 40;
  unsigned qps_per_api = 1000;
  unsigned max_retries = 0;
};

class sim_env {
 public:
  explicit sim_env(env_options options = {}) {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("kk-e2e-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    auto secret_file = dir_ / "app-secret";
    std::ofstream(secret_file) << app_secret << "\n";

    using vt = config::value_table;
    std::map<std::string, vt::value> values{
        {"app_key", std::string(app_key)},
        {"app_secret_file", secret_file.string()},
        {"seed", std::int64_t{20251009}},
        {"shops", vt::strings{"demo-mx", "demo-br", "demo-us"}},
        {"shop.demo-mx.id", std::string(mx_shop_id)},
        {"shop.demo-mx.region", std::string("MX")},
        {"shop.demo-mx.seller_type", std::string("CROSS_BORDER")},
        {"shop.demo-mx.orders", options.mx_orders},
        {"shop.demo-br.id", std::string(br_shop_id)},
        {"shop.demo-br.region", std::string("BR")},
        {"shop.demo-br.seller_type", std::string("LOCAL")},
        {"shop.demo-br.orders", options.br_orders},
        {"shop.demo-us.id", std::string(us_shop_id)},
        {"shop.demo-us.region", std::string("US")},
        {"shop.demo-us.seller_type", std::string("LOCAL")},
        {"shop.demo-us.orders", options.us_orders},
    };
    plugins::host_services services;
    services.clock = std::make_shared<timeline::wall>(time);
    services.data_dir = dir_;
    services.plugin_config["tiktok-sim"] =
        std::make_shared<vt>("e2e [plugins.config.tiktok-sim]", std::move(values));
    host_ = std::make_unique<plugins::plugin_host>(std::move(services));
    auto report = host_->load_file(std::filesystem::path(KINGKUNG_PLUGIN_DIR) / "libtiktok-sim.so");
    if (report.status != plugins::load_status::loaded)
      throw std::runtime_error("tiktok-sim not loaded: " + report.reason);
    auto made = host_->make_transport("tiktok-sim");
    if (!made.ok()) throw std::runtime_error("tiktok-sim transport: " + made.err().message);
    transport = made.value();
    api = make_client(std::string(app_secret), options.qps_per_api, options.max_retries);
    tokens->attach(*api);
  }

  ~sim_env() {
    api.reset();
    transport.reset();
    host_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  sim_env(const sim_env&) = delete;
  sim_env& operator=(const sim_env&) = delete;

  std::unique_ptr<tiktok::client> make_client(std::string secret_text, unsigned qps, unsigned max_retries) {
    tiktok::client_options o;
    o.app_key = std::string(app_key);
    o.app_secret = secret(std::move(secret_text));
    o.qps_per_api = qps;
    o.backoff.base = std::chrono::milliseconds{500};
    o.backoff.cap = std::chrono::milliseconds{2000};
    o.backoff.max_retries = max_retries;
    tiktok::client_services s;
    s.transport = transport;
    s.tokens = tokens;
    s.clock = std::make_shared<timeline::wall>(time);
    s.pacing = std::make_shared<timeline::pacing>(time);
    s.jitter = [](std::int64_t max) { return max; };
    s.observer = observer;
    return std::make_unique<tiktok::client>(std::move(o), std::move(s));
  }

  // A control API call (/__sim/...); returns the whole envelope. Throws when no response came back.
  json::object control(std::string method, std::string path, const json::value& body = nullptr) {
    plugin::http_request r;
    r.method = std::move(method);
    r.host = plugin::host_kind::api;
    r.target = std::move(path);
    if (!body.is_null()) {
      r.body = json::serialize(body);
      r.headers.push_back({"content-type", "application/json"});
    }
    auto sent = transport->send(r);
    if (!sent.ok()) throw std::runtime_error("control call failed: " + sent.err().message);
    return json::parse(sent.value().body).as_object();
  }

  // The `data` of a control call that must succeed.
  json::value control_data(std::string method, std::string path, const json::value& body = nullptr) {
    auto envelope = control(method, path, body);
    if (envelope.at("code").as_int64() != 0)
      throw std::runtime_error("control " + path + " refused: " + json::serialize(envelope));
    return envelope.at("data");
  }

  std::string issue_auth_code(std::string_view shop) {
    auto data = control_data("POST", "/__sim/authorize", json::object{{"shop", shop}});
    return std::string(data.at("code").as_string());
  }

  // Authorises the shop, stores its tokens in `tokens`, and returns it with its cipher.
  shop_ref connect(std::string_view shop_id) {
    auto grant = tiktok::get_access_token(*api, secret(issue_auth_code(shop_id)));
    if (!grant) throw std::runtime_error("token/get: " + grant.err().to_string());
    auto shops = tiktok::get_authorized_shops(*api, grant->access_token);
    if (!shops) throw std::runtime_error("authorized shops: " + shops.err().to_string());
    for (const auto& s : *shops)
      if (s.id == shop_id) {
        tokens->store(s.id, *grant);
        return shop_ref{s.id, s.cipher};
      }
    throw std::runtime_error("shop not among the authorized shops");
  }

  std::vector<std::string> create_orders(std::string_view shop_id, int count, std::string_view scenario,
                                         std::string_view status = "AWAITING_SHIPMENT") {
    auto data = control_data("POST", "/__sim/orders",
                             json::object{{"shop", shop_id},
                                          {"count", count},
                                          {"status", status},
                                          {"scenario", scenario}});
    std::vector<std::string> ids;
    for (const auto& id : data.at("order_ids").as_array()) ids.emplace_back(id.as_string());
    return ids;
  }

  void advance(std::int64_t seconds) {
    control_data("POST", "/__sim/clock/advance", json::object{{"seconds", seconds}});
  }

  timeline time;
  std::shared_ptr<grant_tokens> tokens = std::make_shared<grant_tokens>();
  std::shared_ptr<counting_observer> observer = std::make_shared<counting_observer>();
  std::shared_ptr<plugin::transport> transport;
  std::unique_ptr<tiktok::client> api;

 private:
  std::filesystem::path dir_;
  std::unique_ptr<plugins::plugin_host> host_;
};

// The platform code of a write: the call's own error, else its first item error, else 0.
inline std::int64_t first_code(const tiktok::result<tiktok::write_outcome>& r) {
  if (!r.ok()) return r.err().code;
  return r->errors.empty() ? 0 : r->errors.front().code;
}

}  // namespace kingkung::tiktok_sim_test
