// Test doubles for the market service's unit tests: a transport that records what the client sends and
// answers from a script, a token source with one fixed token, and scripted in-process market modules
// ("fake-a", "fake-b") registered through the plugin host's real registrar.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kingkung/markets/market_service.hpp"
#include "kingkung/plugin/plugin.hpp"
#include "kingkung/plugins/plugin_host.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/tiktok/client.hpp"

namespace kingkung::markets_unit {

inline constexpr std::string_view test_token = "tok-access-7f3a9c2e51";
inline constexpr std::string_view test_secret = "app-secret-9d1e44b0aa";

inline std::string envelope(std::int64_t code, std::string_view message, std::string_view data = "{}") {
  return "{\"code\":" + std::to_string(code) + ",\"message\":\"" + std::string(message) +
         "\",\"request_id\":\"req-1\",\"data\":" + std::string(data) + "}";
}

class recording_transport final : public plugin::transport {
 public:
  using answer = plugin::result<plugin::http_response>;

  plugin::result<plugin::http_response> send(const plugin::http_request& request) noexcept override {
    std::lock_guard lock(mu_);
    sent_.push_back(request);
    if (!script_.empty()) {
      auto a = script_.front();
      script_.pop_front();
      return a;
    }
    return plugin::http_response{200, {}, envelope(0, "Success")};
  }
  std::string describe() const override { return "recording transport"; }

  void answer_next(int status, std::string body) {
    std::lock_guard lock(mu_);
    script_.push_back(plugin::http_response{status, {}, std::move(body)});
  }
  void fail_next(plugin::errc code, std::string message) {
    std::lock_guard lock(mu_);
    script_.push_back(plugin::make_error(code, std::move(message)));
  }
  std::vector<plugin::http_request> sent() const {
    std::lock_guard lock(mu_);
    return sent_;
  }
  std::size_t count() const {
    std::lock_guard lock(mu_);
    return sent_.size();
  }

 private:
  mutable std::mutex mu_;
  std::vector<plugin::http_request> sent_;
  std::deque<answer> script_;
};

class fixed_tokens final : public tiktok::token_source {
 public:
  tiktok::result<secret> current(std::string_view) override { return secret(std::string(test_token)); }
  tiktok::result<secret> refresh(std::string_view) override { return secret(std::string(test_token)); }
};

inline std::unique_ptr<tiktok::client> make_client(std::shared_ptr<recording_transport> transport) {
  tiktok::client_options o;
  o.app_key = "kk-unit-app";
  o.app_secret = secret(std::string(test_secret));
  o.qps_per_api = 1000;
  o.backoff.max_retries = 0;
  tiktok::client_services s;
  s.transport = std::move(transport);
  s.tokens = std::make_shared<fixed_tokens>();
  s.jitter = [](std::int64_t) { return std::int64_t{0}; };
  return std::make_unique<tiktok::client>(std::move(o), std::move(s));
}

// A migrated private in-memory SQLite database.
inline std::unique_ptr<storage::database> memory_database() {
  auto url = storage::database_url::parse("sqlite3::memory:");
  if (!url) throw std::runtime_error(url.err().message);
  auto db = storage::database::open(*url, 1);
  if (!db) throw std::runtime_error(db.err().message);
  auto migrated = storage::migrate(**db);
  if (!migrated) throw std::runtime_error(migrated.err().message);
  return std::move(*db);
}

// What each scripted module does; set before the call, read by every instance of that module.
struct module_script {
  plugin::ship_gate gate;                      // check_ship answer when no error
  std::optional<plugin::error> check_error;    // check_ship answers this instead
  std::optional<plugin::error> changed_error;  // on_order_changed answers this
  plugin::action_state state{true, true, ""};  // action_state_for of "fake.act"
  bool call_platform_in_check = false;         // check_ship calls GET /order/202309/orders/search
};

struct module_journal {
  std::atomic<int> created{0};
  std::atomic<int> ran{0};
  std::atomic<int> changed{0};
  std::atomic<int> events{0};
  std::atomic<int> in_flight{0};
  std::atomic<int> max_in_flight{0};
  std::mutex mu;
  std::vector<std::string> event_log;  // "<module> <shop> <type> <data>"
  std::map<std::string, module_script> scripts;
  std::map<std::string, std::string> config_seen;  // module -> origin of its config table
};

inline module_journal& journal() {
  static module_journal j;
  return j;
}

inline module_script script_of(const std::string& module) {
  std::lock_guard lock(journal().mu);
  return journal().scripts[module];
}

class scripted_module final : public plugin::market_module {
 public:
  scripted_module(std::string name, std::string shop) : name_(std::move(name)), shop_(std::move(shop)) {}
  std::uint32_t capabilities() const noexcept override { return plugin::capability_ship_gating; }
  std::vector<plugin::action_spec> actions() const override {
    return {{"fake.act", "Act", "Does the fake thing.", {}, false}};
  }
  plugin::result<plugin::action_state> action_state_for(std::string_view,
                                                        const plugin::order_view&) noexcept override {
    return script_of(name_).state;
  }
  plugin::result<plugin::ship_gate> check_ship(const plugin::order_view&,
                                               plugin::shop_api& api) noexcept override {
    enter();
    auto s = script_of(name_);
    std::this_thread::yield();
    if (s.call_platform_in_check) (void)api.call("POST", "/order/202309/orders/search", {}, "{}");
    leave();
    if (s.check_error) return *s.check_error;
    return s.gate;
  }
  plugin::result<plugin::action_outcome> run_action(std::string_view action, const plugin::order_view& order,
                                                    const plugin::action_input&,
                                                    plugin::shop_api& api) noexcept override {
    ++journal().ran;
    if (auto saved = api.save_state("ran:" + order.order_id, std::string(action)); !saved) return saved.err();
    return plugin::action_outcome{name_ + " did " + std::string(action), "{}"};
  }
  plugin::result<void> on_order_changed(const plugin::order_view&, plugin::shop_api&) noexcept override {
    ++journal().changed;
    auto s = script_of(name_);
    if (s.changed_error) return *s.changed_error;
    return {};
  }
  plugin::result<void> on_event(int type, std::string_view data, plugin::shop_api& api) noexcept override {
    ++journal().events;
    std::lock_guard lock(journal().mu);
    journal().event_log.push_back(name_ + " " + std::string(api.shop_id()) + " " + std::to_string(type) +
                                  " " + std::string(data));
    return {};
  }

 private:
  static void enter() {
    int now = ++journal().in_flight;
    int seen = journal().max_in_flight.load();
    while (now > seen && !journal().max_in_flight.compare_exchange_weak(seen, now)) {
    }
  }
  static void leave() { --journal().in_flight; }
  std::string name_;
  std::string shop_;
};

template <const char* Name>
plugin::result<std::unique_ptr<plugin::market_module>> make_scripted(const plugin::host_context& ctx,
                                                                     std::string_view shop_id) {
  ++journal().created;
  {
    std::lock_guard lock(journal().mu);
    journal().config_seen[Name] = ctx.config().origin();
  }
  return std::unique_ptr<plugin::market_module>(
      std::make_unique<scripted_module>(Name, std::string(shop_id)));
}

inline constexpr char fake_a[] = "fake-a";
inline constexpr char fake_b[] = "fake-b";

inline plugin::result<void> register_fakes(plugin::registrar& r) {
  if (auto ok = r.add_market_module(fake_a, &make_scripted<fake_a>); !ok) return ok;
  return r.add_market_module(fake_b, &make_scripted<fake_b>);
}

inline const kingkung_plugin_descriptor fake_descriptor{
    plugin::api_major, plugin::api_minor,          sizeof(kingkung_plugin_descriptor), "fake-markets",
    "0.1.0",           plugin::kind_market_module, KINGKUNG_PLUGIN_BUILD_TAG,          &register_fakes,
    "scripted modules"};

inline void reset_journal() {
  auto& j = journal();
  j.created = 0;
  j.ran = 0;
  j.changed = 0;
  j.events = 0;
  j.in_flight = 0;
  j.max_in_flight = 0;
  std::lock_guard lock(j.mu);
  j.event_log.clear();
  j.scripts.clear();
  j.config_seen.clear();
}

}  // namespace kingkung::markets_unit
