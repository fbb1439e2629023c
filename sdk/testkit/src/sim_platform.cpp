// The plugin test kit's simulator platform: the tiktok-sim engine in process, a manual clock, and a
// shop_api per demo shop that signs and sends requests the way the host's client does.
#include "kingkung/testkit/sim_platform.hpp"

#include <boost/json.hpp>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>
#include <variant>

#include "kingkung/sim/engine.hpp"
#include "kingkung/sim/signer.hpp"

namespace kingkung::testkit {
namespace json = boost::json;
namespace {

constexpr std::string_view app_key = "kk-testkit-app";
constexpr std::string_view app_secret = "kk-testkit-secret-3e91b2";

struct shop_def {
  std::string_view key, id, region, seller_type;
};
constexpr shop_def shop_defs[] = {
    {"demo-mx", "7495610013482590221", "MX", "CROSS_BORDER"},
    {"demo-br", "7496002287415330818", "BR", "LOCAL"},
    {"demo-us", "7494883102967740417", "US", "LOCAL"},
};

class manual_clock final : public plugin::clock {
 public:
  explicit manual_clock(std::int64_t start) : unix_(start) {}
  std::chrono::system_clock::time_point now() const noexcept override {
    return std::chrono::system_clock::time_point{std::chrono::seconds{unix_.load()}};
  }
  void advance(std::int64_t seconds) { unix_ += seconds; }

 private:
  std::atomic<std::int64_t> unix_;
};

class keeping_logger final : public plugin::logger {
 public:
  void log(plugin::log_level level, std::string_view message) noexcept override {
    static constexpr std::string_view names[] = {"debug", "info", "warn", "error"};
    try {
      std::lock_guard lock(mu_);
      lines_.push_back(std::string(names[static_cast<int>(level) & 3]) + ": " + std::string(message));
    } catch (...) {
    }
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mu_);
    return lines_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string target_of(std::string_view path, const std::vector<sim::query_pair>& query) {
  std::string target(path);
  char sep = '?';
  for (const auto& [name, value] : query) {
    target += sep;
    target += percent_encode(name) + "=" + percent_encode(value);
    sep = '&';
  }
  return target;
}

bool cipher_forbidden(std::string_view path) {
  return path.find("/authorization/") == 0 || path.find("/seller/") == 0;
}

std::string text_of(const json::value* v) {
  if (v == nullptr || v->is_null()) return {};
  if (v->is_string()) return std::string(v->as_string());
  return json::serialize(*v);
}

const json::value* field(const json::value& v, std::string_view name) {
  if (!v.is_object()) return nullptr;
  return v.as_object().if_contains(name);
}

struct envelope {
  int http_status = 0;
  std::int64_t code = -1;
  std::string message;
  std::string data = "null";
};

envelope read_envelope(const plugin::http_response& response) {
  envelope e;
  e.http_status = response.status;
  std::error_code ec;
  json::value v = json::parse(response.body, ec);
  if (ec || !v.is_object()) {
    e.message = "HTTP " + std::to_string(response.status) + " with a body that is not an envelope";
    return e;
  }
  if (auto* c = field(v, "code"); c != nullptr && c->is_int64()) e.code = c->as_int64();
  e.message = text_of(field(v, "message"));
  if (auto* d = field(v, "data")) e.data = json::serialize(*d);
  return e;
}

}  // namespace

// ---- config_table ----

namespace {
using table_value = std::variant<std::string, std::int64_t, double, bool, std::vector<std::string>>;
using table_values = std::map<std::string, table_value, std::less<>>;

template <class T>
std::optional<T> lookup(const table_values& values, std::string_view key) {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  if (auto* v = std::get_if<T>(&it->second)) return *v;
  return std::nullopt;
}
}  // namespace

struct config_table::impl {
  table_values values;
};

config_table::config_table() : impl_(std::make_unique<impl>()) {}
config_table::~config_table() = default;
config_table::config_table(const config_table& other) : impl_(std::make_unique<impl>(*other.impl_)) {}
config_table& config_table::operator=(const config_table& other) {
  if (this != &other) *impl_ = *other.impl_;
  return *this;
}
config_table& config_table::set(std::string key, std::string value) {
  impl_->values[std::move(key)] = std::move(value);
  return *this;
}
config_table& config_table::set(std::string key, std::int64_t value) {
  impl_->values[std::move(key)] = value;
  return *this;
}
config_table& config_table::set(std::string key, double value) {
  impl_->values[std::move(key)] = value;
  return *this;
}
config_table& config_table::set(std::string key, bool value) {
  impl_->values[std::move(key)] = value;
  return *this;
}
config_table& config_table::set(std::string key, std::vector<std::string> value) {
  impl_->values[std::move(key)] = std::move(value);
  return *this;
}

std::optional<std::string> config_table::get_string(std::string_view key) const {
  return lookup<std::string>(impl_->values, key);
}
std::optional<std::int64_t> config_table::get_int(std::string_view key) const {
  return lookup<std::int64_t>(impl_->values, key);
}
std::optional<double> config_table::get_double(std::string_view key) const {
  if (auto i = get_int(key)) return static_cast<double>(*i);
  return lookup<double>(impl_->values, key);
}
std::optional<bool> config_table::get_bool(std::string_view key) const {
  return lookup<bool>(impl_->values, key);
}
std::optional<std::vector<std::string>> config_table::get_strings(std::string_view key) const {
  return lookup<std::vector<std::string>>(impl_->values, key);
}
std::vector<std::string> config_table::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : impl_->values) out.push_back(k);
  return out;
}
std::string config_table::origin() const {
  return "test config table";
}

// ---- the platform ----

namespace {

class test_context final : public plugin::host_context {
 public:
  test_context(plugin::logger& log, const plugin::clock& clock, const config_table& config, std::string dir)
      : log_(log), clock_(clock), config_(config), dir_(std::move(dir)) {}
  plugin::logger& log() const noexcept override { return log_; }
  const plugin::clock& time() const noexcept override { return clock_; }
  const plugin::config_view& config() const noexcept override { return config_; }
  std::string_view data_dir() const noexcept override { return dir_; }

 private:
  plugin::logger& log_;
  const plugin::clock& clock_;
  config_table config_;
  std::string dir_;
};

}  // namespace

class sim_shop_api;

struct platform_state {
  platform_options options;
  manual_clock clock;
  keeping_logger logger;
  std::unique_ptr<sim::engine> engine;
  std::filesystem::path dir;
  std::vector<std::unique_ptr<sim_shop_api>> shops;
  std::vector<std::unique_ptr<test_context>> contexts;
  std::vector<recorded_call> calls;

  explicit platform_state(platform_options o) : options(o), clock(o.start_unix) {}

  plugin::http_response send(plugin::http_request request) {
    return engine->handle(request);
  }

  // A signed Open API request, as the host's client builds it.
  plugin::http_response signed_call(std::string_view method, std::string_view path,
                                    std::vector<sim::query_pair> query, const std::string& body,
                                    std::string_view cipher, std::string_view token) {
    query.emplace_back("app_key", std::string(app_key));
    query.emplace_back("timestamp", std::to_string(now()));
    if (!cipher_forbidden(path) && !cipher.empty()) query.emplace_back("shop_cipher", std::string(cipher));
    std::string sign = sim::api_signature(app_secret, path, query, body);
    query.emplace_back("sign", sign);
    plugin::http_request request;
    request.method = std::string(method);
    request.host = plugin::host_kind::api;
    request.target = target_of(path, query);
    request.headers.push_back({"x-tts-access-token", std::string(token)});
    if (!body.empty() || method == "POST" || method == "PUT")
      request.headers.push_back({"content-type", "application/json"});
    request.body = body;
    return send(std::move(request));
  }

  // The simulator's time (the clock plus any /__sim/clock/advance), so timestamps stay in its window.
  std::int64_t now() const {
    if (engine) return engine->now();
    return std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
  }
};

class sim_shop_api final : public plugin::shop_api {
 public:
  sim_shop_api(platform_state& platform, const shop_def& def) : p_(platform), def_(def) {}

  std::string_view shop_id() const noexcept override { return def_.id; }
  std::string_view region() const noexcept override { return def_.region; }
  std::string_view seller_type() const noexcept override { return def_.seller_type; }

  plugin::result<std::string> call(std::string_view method, std::string_view path,
                                    std::vector<plugin::query_param> query, std::string body_json) override {
    // The host lets modules reach only these API families (least privilege); so does the test kit.
    static constexpr std::string_view allowed[] = {"/order/", "/fulfillment/", "/product/",
                                                   "/event/", "/seller/",      "/authorization/"};
    bool permitted = false;
    for (auto prefix : allowed) permitted = permitted || path.rfind(prefix, 0) == 0;
    if (!permitted)
      return plugin::make_error(plugin::errc::permission_denied,
                                "market modules may not call " + std::string(path) +
                                    ": only the order, fulfillment, product, event, seller and authorization "
                                    "APIs are open to them");
    std::vector<sim::query_pair> pairs;
    for (auto& q : query) pairs.emplace_back(std::move(q.name), std::move(q.value));
    auto response = p_.signed_call(method, path, std::move(pairs), body_json, cipher, token);
    envelope e = read_envelope(response);
    p_.calls.push_back({std::string(def_.key), std::string(method), std::string(path), e.http_status, e.code});
    if (e.code == 0 && response.status == 200) return e.data;
    std::string message = "code " + std::to_string(e.code) + ": " + e.message;
    if (response.status == 429) return plugin::make_error(plugin::errc::rate_limited, message);
    if (response.status == 401) return plugin::make_error(plugin::errc::unauthenticated, message);
    if (response.status == 403) return plugin::make_error(plugin::errc::permission_denied, message);
    return plugin::make_error(plugin::errc::rejected, message);
  }

  plugin::result<std::optional<std::string>> load_state(std::string_view key) override {
    auto it = state_.find(std::string(key));
    if (it == state_.end()) return std::optional<std::string>{};
    return std::optional<std::string>{it->second};
  }
  plugin::result<void> save_state(std::string_view key, std::string_view value) override {
    state_[std::string(key)] = std::string(value);
    return {};
  }

  const shop_def& def() const { return def_; }
  std::string cipher;
  std::string token;

 private:
  platform_state& p_;
  const shop_def& def_;
  std::map<std::string, std::string> state_;
};

struct sim_platform::impl : platform_state {
  using platform_state::platform_state;
};

namespace {

envelope control_request(platform_state& p, std::string_view method, std::string_view path,
                         std::string_view body) {
  plugin::http_request request;
  request.method = std::string(method);
  request.target = std::string(path);
  request.body = std::string(body);
  if (!body.empty()) request.headers.push_back({"content-type", "application/json"});
  return read_envelope(p.send(std::move(request)));
}

[[noreturn]] void fail(std::string_view what, const envelope& e) {
  throw std::runtime_error(std::string(what) + ": HTTP " + std::to_string(e.http_status) + ", code " +
                           std::to_string(e.code) + ": " + e.message);
}

// The simulator's OAuth flow for one shop: authorize, token get, authorized shops (for the cipher).
void connect(platform_state& p, sim_shop_api& shop) {
  json::object authorize{{"shop", shop.def().key}};
  envelope code = control_request(p, "POST", "/__sim/authorize", json::serialize(authorize));
  if (code.code != 0) fail("simulator authorize", code);
  std::string auth_code = text_of(field(json::parse(code.data), "code"));

  plugin::http_request token_get;
  token_get.method = "GET";
  token_get.host = plugin::host_kind::auth;
  token_get.target = target_of("/api/v2/token/get", {{"app_key", std::string(app_key)},
                                                      {"app_secret", std::string(app_secret)},
                                                      {"auth_code", auth_code},
                                                      {"grant_type", "authorized_code"}});
  envelope grant = read_envelope(p.send(std::move(token_get)));
  if (grant.code != 0) fail("token get", grant);
  shop.token = text_of(field(json::parse(grant.data), "access_token"));

  auto shops = p.signed_call("GET", "/authorization/202309/shops", {}, "", "", shop.token);
  envelope listed = read_envelope(shops);
  if (listed.code != 0) fail("get authorized shops", listed);
  json::value data = json::parse(listed.data);
  if (auto* list = field(data, "shops"); list != nullptr && list->is_array())
    for (const auto& s : list->as_array())
      if (text_of(field(s, "id")) == shop.def().id) shop.cipher = text_of(field(s, "cipher"));
  if (shop.cipher.empty()) throw std::runtime_error("the simulator did not list shop " + std::string(shop.def().key));
}

plugin::order_view to_view(const json::value& o, const sim_shop_api& shop) {
  plugin::order_view v;
  v.shop_id = std::string(shop.def().id);
  v.region = std::string(shop.def().region);
  v.seller_type = std::string(shop.def().seller_type);
  v.order_id = text_of(field(o, "id"));
  v.status = text_of(field(o, "status"));
  if (auto* pay = field(o, "payment")) {
    v.currency = text_of(field(*pay, "currency"));
    v.total_amount = text_of(field(*pay, "total_amount"));
  }
  v.buyer_tax_id = text_of(field(o, "cpf"));
  if (auto* items = field(o, "line_items"); items != nullptr && items->is_array())
    for (const auto& li : items->as_array())
      v.lines.push_back({text_of(field(li, "id")), text_of(field(li, "sku_id")), text_of(field(li, "product_id")),
                         text_of(field(li, "product_name")), text_of(field(li, "sku_name")),
                         text_of(field(li, "seller_sku")), text_of(field(li, "sale_price")),
                         text_of(field(li, "package_id")), text_of(field(li, "display_status"))});
  if (auto* packages = field(o, "packages"); packages != nullptr && packages->is_array())
    for (const auto& pk : packages->as_array()) v.package_ids.push_back(text_of(field(pk, "id")));
  v.raw_json = json::serialize(o);
  return v;
}

}  // namespace

sim_platform::sim_platform(platform_options options) : impl_(std::make_unique<impl>(options)) {
  std::random_device rd;
  impl_->dir = std::filesystem::temp_directory_path() /
               ("kk-testkit-" + std::to_string(rd()) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(impl_->dir);

  sim::settings s;
  s.app_key = std::string(app_key);
  s.app_secret = std::string(app_secret);
  s.seed = options.seed;
  s.origin = "kingkung::testkit::sim_platform";
  for (const auto& d : shop_defs) {
    sim::shop_settings shop;
    shop.key = std::string(d.key);
    shop.id = std::string(d.id);
    shop.name = "Test " + std::string(d.region);
    shop.region = std::string(d.region);
    shop.seller_type = std::string(d.seller_type);
    shop.seller = shop.key;
    shop.seller_name = shop.name;
    shop.orders = options.orders_per_shop;
    shop.products = options.products_per_shop;
    s.shops.push_back(std::move(shop));
  }
  auto opened = sim::engine::open(std::move(s), impl_->clock, impl_->logger);
  if (!opened.ok()) throw std::runtime_error("simulator: " + opened.err().message);
  impl_->engine = std::move(opened.value());
  for (const auto& d : shop_defs) {
    impl_->shops.push_back(std::make_unique<sim_shop_api>(*impl_, d));
    connect(*impl_, *impl_->shops.back());
  }
}

sim_platform::~sim_platform() {
  if (impl_->engine) impl_->engine->drain_webhooks();
  impl_->engine.reset();
  std::error_code ignored;
  std::filesystem::remove_all(impl_->dir, ignored);
}

std::vector<std::string> sim_platform::shop_keys() {
  std::vector<std::string> out;
  for (const auto& d : shop_defs) out.emplace_back(d.key);
  return out;
}

plugin::shop_api& sim_platform::shop(std::string_view key) {
  for (auto& s : impl_->shops)
    if (s->def().key == key) return *s;
  throw std::invalid_argument("no simulator shop \"" + std::string(key) + "\" (demo-mx, demo-br, demo-us)");
}

const plugin::host_context& sim_platform::context(const config_table& module_config) {
  auto dir = impl_->dir / ("module-" + std::to_string(impl_->contexts.size()));
  std::filesystem::create_directories(dir);
  impl_->contexts.push_back(std::make_unique<test_context>(impl_->logger, impl_->clock, module_config, dir.string()));
  return *impl_->contexts.back();
}

plugin::order_view sim_platform::order(std::string_view shop_key, std::string_view order_id) {
  auto& api = static_cast<sim_shop_api&>(shop(shop_key));
  auto r = impl_->signed_call("GET", "/order/202309/orders", {{"ids", std::string(order_id)}}, "", api.cipher,
                              api.token);
  envelope e = read_envelope(r);
  if (e.code != 0) fail("get order detail", e);
  json::value data = json::parse(e.data);
  if (auto* orders = field(data, "orders"); orders != nullptr && orders->is_array())
    for (const auto& o : orders->as_array())
      if (text_of(field(o, "id")) == order_id) return to_view(o, api);
  throw std::runtime_error("order " + std::string(order_id) + " is not in shop " + std::string(shop_key));
}

std::vector<std::string> sim_platform::place_orders(std::string_view shop_key, int count, std::string_view scenario,
                                                    std::string_view status) {
  json::object body{{"shop", shop_key}, {"count", count}, {"scenario", scenario}, {"status", status}};
  json::value data = json::parse(control("POST", "/__sim/orders", json::serialize(body)));
  std::vector<std::string> ids;
  if (auto* list = field(data, "order_ids"); list != nullptr && list->is_array())
    for (const auto& id : list->as_array()) ids.push_back(text_of(&id));
  return ids;
}

std::string sim_platform::control(std::string_view method, std::string_view path, std::string_view body_json) {
  if (path.rfind("/__sim/", 0) != 0)
    throw std::invalid_argument("control paths start with /__sim/, found " + std::string(path));
  envelope e = control_request(*impl_, method, path, body_json);
  if (e.code != 0) fail(std::string(method) + " " + std::string(path), e);
  return e.data;
}

void sim_platform::advance(std::chrono::seconds by) {
  impl_->clock.advance(by.count());
  impl_->engine->settle();
}

std::int64_t sim_platform::now_unix() const {
  return impl_->engine->now();
}

const std::vector<recorded_call>& sim_platform::calls() const {
  return impl_->calls;
}

std::vector<std::string> sim_platform::log_lines() const {
  return impl_->logger.lines();
}

}  // namespace kingkung::testkit
