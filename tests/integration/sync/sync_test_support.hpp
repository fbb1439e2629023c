// Support for the sync tests: the real simulator (sim_env) behind a transport that can inject faults
// on chosen calls, a manual wall clock for leases and retries, and a database on SQLite or MariaDB with
// the simulator's shops registered.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "../storage/storage_test_data.hpp"
#include "../tiktok_sim/sim_env.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/sync_state_repository.hpp"
#include "kingkung/sync/engine.hpp"
#include "kingkung/sync/write_back.hpp"
#include "test_databases.hpp"

namespace kingkung::sync_test {

using tiktok_sim_test::sim_env;

// What a fault does to a matching request.
enum class fault_kind {
  rate_limited,  // HTTP 429, 36009002, without reaching the simulator
  server_error,  // HTTP 503, 36009003, without reaching the simulator
  timeout,       // transport timeout, without reaching the simulator
  lost_answer,   // reaches the simulator (it acts), then the transport reports maybe_delivered
};

struct fault_rule {
  std::string method;       // "POST", "GET"
  std::string path_prefix;  // matched against the path (no query)
  int skip = 0;             // matching requests let through before the fault starts
  int times = 1;            // faults injected, then requests pass again
  fault_kind kind = fault_kind::server_error;
};

// A transport in front of the simulator's: records every platform request (method, path, when on the
// test timeline) and injects the faults of its rules.
class fault_transport final : public plugin::transport {
 public:
  struct sent {
    std::string method;
    std::string path;
    std::string target;  // with the query
    std::chrono::nanoseconds at{0};
    int status = 0;  // 0: a transport error
  };

  fault_transport(std::shared_ptr<plugin::transport> inner, const tiktok_sim_test::timeline& time)
      : inner_(std::move(inner)), time_(time) {}

  // Keeps the next answer to a matching request, and answers the matching request after that with it
  // (a late, older snapshot).
  void capture_next(std::string method, std::string path_prefix) {
    std::lock_guard lock(mu_);
    capture_ = {std::move(method), std::move(path_prefix)};
    captured_.reset();
  }
  void replay_captured_once() {
    std::lock_guard lock(mu_);
    replay_ = true;
  }

  void add(fault_rule rule) {
    std::lock_guard lock(mu_);
    rules_.push_back({std::move(rule), 0, 0});
  }
  // Runs before each platform request reaches the simulator (e.g. to break the database mid-sync).
  void on_request(std::function<void(const std::string& method, const std::string& path)> hook) {
    std::lock_guard lock(mu_);
    hook_ = std::move(hook);
  }

  plugin::result<plugin::http_response> send(const plugin::http_request& request) noexcept override {
    std::string path = request.target.substr(0, request.target.find('?'));
    if (path.rfind("/__sim/", 0) == 0) return inner_->send(request);
    std::optional<fault_kind> fault;
    std::function<void(const std::string&, const std::string&)> hook;
    {
      std::lock_guard lock(mu_);
      hook = hook_;
      for (auto& r : rules_) {
        if (r.rule.method != request.method || path.rfind(r.rule.path_prefix, 0) != 0) continue;
        if (r.seen++ < r.rule.skip || r.injected >= r.rule.times) continue;
        ++r.injected;
        fault = r.rule.kind;
        break;
      }
    }
    if (hook) hook(request.method, path);
    {
      std::lock_guard lock(mu_);
      if (replay_ && captured_ && request.method == capture_.first && path.rfind(capture_.second, 0) == 0) {
        replay_ = false;
        return *captured_;
      }
    }
    auto record = [&](int status) {
      std::lock_guard lock(mu_);
      log_.push_back({request.method, path, request.target, time_.elapsed(), status});
    };
    if (fault == fault_kind::rate_limited || fault == fault_kind::server_error) {
      bool limited = fault == fault_kind::rate_limited;
      plugin::http_response r;
      r.status = limited ? 429 : 503;
      r.headers.push_back({"content-type", "application/json"});
      r.body = std::string("{\"code\":") + (limited ? "36009002" : "36009003") + ",\"message\":\"" +
               (limited ? "Too many requests." : "Internal error. Please try again.") +
               "\",\"request_id\":\"20251009000000FAULT000000000000000\",\"data\":null}";
      record(r.status);
      return r;
    }
    if (fault == fault_kind::timeout) {
      record(0);
      return plugin::make_error(plugin::errc::timeout, "injected timeout");
    }
    auto answer = inner_->send(request);
    if (fault == fault_kind::lost_answer) {
      record(0);
      return plugin::make_error(plugin::errc::maybe_delivered,
                                "injected: the connection broke after sending");
    }
    record(answer.ok() ? answer.value().status : 0);
    {
      std::lock_guard lock(mu_);
      if (answer.ok() && !captured_ && !capture_.first.empty() && request.method == capture_.first &&
          path.rfind(capture_.second, 0) == 0)
        captured_ = answer.value();
    }
    return answer;
  }
  std::string describe() const override { return "fault injector over " + inner_->describe(); }

  std::vector<sent> requests() {
    std::lock_guard lock(mu_);
    return log_;
  }
  // The order ids of the first Get Order Detail request that asked for `order_id` (the page it was
  // listed on); empty when none did.
  std::set<std::string> detail_batch_of(const std::string& order_id) {
    for (const auto& r : requests()) {
      if (r.method != "GET" || r.path.rfind("/order/", 0) != 0 || r.target.find(order_id) == std::string::npos)
        continue;
      auto ids = r.target.substr(r.target.find("ids=") + 4);
      ids = ids.substr(0, ids.find('&'));
      std::set<std::string> out;
      for (std::size_t start = 0;;) {
        auto comma = ids.find("%2C", start);
        out.insert(ids.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 3;
      }
      return out;
    }
    return {};
  }
  std::size_t count(std::string_view method, std::string_view path_prefix, int status = -1) {
    std::lock_guard lock(mu_);
    return static_cast<std::size_t>(std::count_if(log_.begin(), log_.end(), [&](const sent& s) {
      return s.method == method && s.path.rfind(path_prefix, 0) == 0 && (status < 0 || s.status == status);
    }));
  }

 private:
  struct active_rule {
    fault_rule rule;
    int seen = 0;
    int injected = 0;
  };
  std::shared_ptr<plugin::transport> inner_;
  const tiktok_sim_test::timeline& time_;
  std::mutex mu_;
  std::vector<active_rule> rules_;
  std::vector<sent> log_;
  std::function<void(const std::string&, const std::string&)> hook_;
  std::pair<std::string, std::string> capture_;
  std::optional<plugin::http_response> captured_;
  bool replay_ = false;
};

// A wall clock that moves only when told.
class manual_clock final : public plugin::clock {
 public:
  explicit manual_clock(std::int64_t start) : now_(start) {}
  std::chrono::system_clock::time_point now() const noexcept override {
    return std::chrono::system_clock::time_point{std::chrono::seconds{now_.load()}};
  }
  void advance(std::int64_t seconds) { now_ += seconds; }
  std::int64_t unix_now() const { return now_.load(); }

 private:
  std::atomic<std::int64_t> now_;
};

// Shop links over one client.
class fixed_links final : public sync::shop_link_provider {
 public:
  void add(const tiktok::shop_ref& shop, tiktok::client& api) {
    std::lock_guard lock(mu_);
    links_[shop.id] = sync::shop_link{&api, shop};
  }
  std::optional<sync::shop_link> link_for(std::string_view shop_id) override {
    std::lock_guard lock(mu_);
    auto it = links_.find(std::string(shop_id));
    if (it == links_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::mutex mu_;
  std::map<std::string, sync::shop_link, std::less<>> links_;
};

struct sim_options {
  tiktok_sim_test::env_options env;
  unsigned client_qps = 1000;
  unsigned client_retries = 0;
};

// The simulator with a fault transport in front, a database of the test's backend with the three demo
// shops registered, and the engine's settings for small pages.
class sync_test : public test::database_test {
 protected:
  void start(sim_options options = {}) {
    env_ = std::make_unique<sim_env>(options.env);
    faults_ = std::make_shared<fault_transport>(env_->transport, env_->time);
    env_->transport = faults_;
    env_->api = env_->make_client(std::string(tiktok_sim_test::app_secret), options.client_qps,
                                  options.client_retries);
    env_->tokens->attach(*env_->api);
    std::int64_t seller = test::add_seller(db(), "Sync seller");
    for (auto id : {tiktok_sim_test::mx_shop_id, tiktok_sim_test::br_shop_id, tiktok_sim_test::us_shop_id})
      test::add_shop_row(db(), seller, std::string(id));
    settings_.page_size = 10;
    settings_.overlap_seconds = 60;
    settings_.backfill_days = 365;  // every demo order
    wall_ = std::make_shared<tiktok_sim_test::timeline::wall>(env_->time);
  }

  sim_env& env() { return *env_; }
  // Moves the shared timeline (simulator and client) forward.
  void pass_time(std::int64_t seconds) {
    tiktok_sim_test::timeline::pacing(env_->time).sleep_for(std::chrono::seconds(seconds));
  }
  fault_transport& faults() { return *faults_; }

  sync::shop_link link(std::string_view shop_id) { return {env_->api.get(), env_->connect(shop_id)}; }
  sync::engine make_engine() { return sync::engine(db(), settings_, wall_); }

  // Every order the simulator has for the shop: id -> status, straight from Search Orders.
  std::map<std::string, std::string> platform_orders(const sync::shop_link& l) {
    tiktok::search_orders_request all;
    all.page_size = 100;
    auto orders = tiktok::search_all_orders(*env_->api, l.shop, all);
    EXPECT_TRUE(orders.ok()) << (orders.ok() ? "" : orders.err().to_string());
    std::map<std::string, std::string> out;
    if (orders.ok())
      for (const auto& o : *orders) out[o.id] = o.status_text;
    return out;
  }

  // Every order the simulator has for the shop: id -> update_time.
  std::map<std::string, std::int64_t> platform_update_times(const sync::shop_link& l) {
    tiktok::search_orders_request all;
    all.page_size = 100;
    auto orders = tiktok::search_all_orders(*env_->api, l.shop, all);
    EXPECT_TRUE(orders.ok()) << (orders.ok() ? "" : orders.err().to_string());
    std::map<std::string, std::int64_t> out;
    if (orders.ok())
      for (const auto& o : *orders) out[o.id] = o.update_time;
    return out;
  }

  // Every order stored for the shop: id -> status.
  std::map<std::string, std::string> stored_orders(std::string_view shop_id) {
    std::map<std::string, std::string> out;
    storage::order_page_request request;
    request.shop_id = shop_id;
    request.limit = 500;
    for (;;) {
      auto page = storage::order_repository(db()).list(request);
      EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.err().message);
      if (!page.ok()) break;
      for (const auto& o : page->orders) out[o.id] = std::string(domain::to_string(o.status));
      if (page->next_cursor.empty()) break;
      request.cursor = page->next_cursor;
    }
    return out;
  }

  std::int64_t cursor_of(std::string_view shop_id, std::string_view resource = sync::orders_resource) {
    auto state = storage::sync_state_repository(db()).get(shop_id, resource);
    EXPECT_TRUE(state.ok());
    if (!state.ok() || !state.value() || (*state)->cursor.empty()) return -1;
    return std::stoll((*state)->cursor);
  }

  sync::sync_settings settings_;
  std::shared_ptr<const plugin::clock> wall_;

 private:
  std::unique_ptr<sim_env> env_;
  std::shared_ptr<fault_transport> faults_;
};

}  // namespace kingkung::sync_test
