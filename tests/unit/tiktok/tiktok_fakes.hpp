// Test doubles for the TikTok Shop client: a scripted transport that records every request, a manual
// clock (wall and monotonic time advance only when something sleeps), a token source that counts its
// calls, and an observer that keeps every record.
#pragma once

#include <chrono>
#include <deque>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "kingkung/plugin/transport.hpp"
#include "kingkung/tiktok/client.hpp"
#include "kingkung/tiktok/query.hpp"
#include "kingkung/tiktok/signature.hpp"

namespace kingkung::tiktok::testing {

inline constexpr std::string_view test_app_key = "29a39d";
inline constexpr std::string_view test_app_secret = "e59af819cc-test-secret";
inline constexpr std::int64_t start_unix = 1'700'000'000;

inline std::string read_fixture(const std::string& name) {
  std::ifstream file(std::string(KINGKUNG_SOURCE_DIR) + "/tests/fixtures/tiktok/" + name, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

inline std::string ok_body(std::string_view data_json,
                           std::string_view request_id = "202401010000000101REQ") {
  return std::string(R"({"code":0,"message":"Success","request_id":")") + std::string(request_id) +
         R"(","data":)" + std::string(data_json) + "}";
}

inline std::string error_body(std::int64_t code, std::string_view message,
                              std::string_view request_id = "202401010000000101ERR") {
  return R"({"code":)" + std::to_string(code) + R"(,"message":")" + std::string(message) +
         R"(","request_id":")" + std::string(request_id) + R"(","data":null})";
}

// One manual timeline seen through both clocks the client takes: wall time for timestamps and monotonic
// time for waits and durations. Time moves only when the client sleeps (or a test advances it).
class manual_time {
 public:
  struct wall final : plugin::clock {
    explicit wall(manual_time& t) : t_(t) {}
    std::chrono::system_clock::time_point now() const noexcept override {
      return std::chrono::system_clock::time_point{std::chrono::seconds{start_unix}} + t_.elapsed;
    }
    manual_time& t_;
  };
  struct steady final : pacing_clock {
    explicit steady(manual_time& t) : t_(t) {}
    std::chrono::steady_clock::time_point now() const noexcept override {
      return std::chrono::steady_clock::time_point{} + t_.elapsed;
    }
    void sleep_for(std::chrono::nanoseconds d) noexcept override {
      if (d.count() <= 0) return;
      t_.sleeps.push_back(d);
      t_.elapsed += d;
    }
    manual_time& t_;
  };

  std::shared_ptr<plugin::clock> wall_clock() { return std::make_shared<wall>(*this); }
  std::shared_ptr<pacing_clock> pacing() { return std::make_shared<steady>(*this); }
  std::int64_t unix_now() const {
    return start_unix + std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  }

  std::chrono::nanoseconds elapsed{0};
  std::vector<std::chrono::nanoseconds> sleeps;
};

class scripted_transport final : public plugin::transport {
 public:
  // Each send() takes the next scripted reply; with none left it answers via `fallback` or fails.
  void reply(int status, std::string body, std::vector<plugin::http_header> headers = {}) {
    plugin::http_response r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    replies_.emplace_back(std::move(r));
  }
  void reply_ok(std::string_view data_json) { reply(200, ok_body(data_json)); }
  void fail(plugin::errc code, std::string message) {
    replies_.emplace_back(plugin::make_error(code, std::move(message)));
  }

  std::function<plugin::result<plugin::http_response>(const plugin::http_request&)> fallback;

  plugin::result<plugin::http_response> send(const plugin::http_request& request) noexcept override {
    std::lock_guard lock(mutex_);
    requests.push_back(request);
    if (replies_.empty()) {
      if (fallback) return fallback(request);
      return plugin::make_error(plugin::errc::internal, "scripted transport: no reply left");
    }
    auto next = std::move(replies_.front());
    replies_.pop_front();
    return next;
  }
  std::string describe() const override { return "scripted"; }

  std::vector<plugin::http_request> requests;

 private:
  std::mutex mutex_;
  std::deque<plugin::result<plugin::http_response>> replies_;
};

class counting_tokens final : public token_source {
 public:
  result<secret> current(std::string_view shop_id) override {
    ++current_calls;
    last_shop = std::string(shop_id);
    if (current_error) return *current_error;
    return secret(token);
  }
  result<secret> refresh(std::string_view shop_id) override {
    ++refresh_calls;
    last_shop = std::string(shop_id);
    if (refresh_error) return *refresh_error;
    token = refreshed_token;
    return secret(token);
  }

  std::string token = "TTP_current_access_token";
  std::string refreshed_token = "TTP_refreshed_access_token";
  std::optional<api_error> current_error;
  std::optional<api_error> refresh_error;
  int current_calls = 0;
  int refresh_calls = 0;
  std::string last_shop;
};

class recording_observer final : public call_observer {
 public:
  void on_call(const call_record& record) noexcept override {
    std::lock_guard lock(mutex_);
    records.push_back(record);
  }
  std::vector<call_record> records;

 private:
  std::mutex mutex_;
};

inline std::string header(const plugin::http_request& r, std::string_view name) {
  for (const auto& h : r.headers)
    if (h.name == name) return h.value;
  return {};
}

inline std::string param(const plugin::http_request& r, std::string_view name) {
  for (const auto& p : parse_target(r.target).query)
    if (p.name == name) return p.value;
  return {};
}

inline bool has_param(const plugin::http_request& r, std::string_view name) {
  for (const auto& p : parse_target(r.target).query)
    if (p.name == name) return true;
  return false;
}

// Recomputes the signature the way the platform does: from the target as received and the body.
inline bool signature_valid(const plugin::http_request& r, std::string_view app_secret = test_app_secret) {
  auto target = parse_target(r.target);
  std::string sent;
  for (const auto& p : target.query)
    if (p.name == "sign") sent = p.value;
  auto expected = sign(secret(std::string(app_secret)), string_to_sign(target.path, target.query, r.body));
  return !sent.empty() && sent == expected;
}

// A client over a scripted transport, a manual clock, fixed jitter (the full ceiling) and a counting
// token source.
struct client_fixture {
  explicit client_fixture(unsigned max_retries = 3, unsigned qps = 1000) {
    transport = std::make_shared<scripted_transport>();
    tokens = std::make_shared<counting_tokens>();
    observer = std::make_shared<recording_observer>();
    client_options options;
    options.app_key = std::string(test_app_key);
    options.app_secret = secret(std::string(test_app_secret));
    options.qps_per_api = qps;
    options.backoff.base = std::chrono::milliseconds{1000};
    options.backoff.cap = std::chrono::milliseconds{8000};
    options.backoff.max_retries = max_retries;
    client_services services;
    services.transport = transport;
    services.tokens = tokens;
    services.clock = time.wall_clock();
    services.pacing = time.pacing();
    services.jitter = [this](std::int64_t max) {
      jitter_ceilings.push_back(max);
      return max;
    };
    services.observer = observer;
    api = std::make_unique<client>(std::move(options), std::move(services));
  }

  manual_time time;
  std::shared_ptr<scripted_transport> transport;
  std::shared_ptr<counting_tokens> tokens;
  std::shared_ptr<recording_observer> observer;
  std::vector<std::int64_t> jitter_ceilings;
  std::unique_ptr<client> api;
  shop_ref shop{"7495540735365777507", "ROW_cipher_mx_1"};
};

}  // namespace kingkung::tiktok::testing
