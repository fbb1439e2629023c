// Test support for the simulator: a manual clock, a capturing logger, signed request building (with
// its own percent-encoder), a loopback webhook listener and a harness that opens an engine on demo
// shops in a temporary folder.
#pragma once

#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/transport.hpp"
#include "kingkung/sim/engine.hpp"
#include "kingkung/sim/settings.hpp"

// Lets tests compare a JSON string with a std::string directly (string literals already compare).
namespace boost::json {
template <class S>
requires std::same_as<S, std::string>
bool operator==(const value& v, const S& s) {
  return v.is_string() && v.get_string() == s;
}
}  // namespace boost::json

namespace simtest {

namespace json = boost::json;
using kingkung::plugin::host_kind;

inline constexpr std::int64_t start_time = 1'760'000'000;  // 2025-10-09 08:53:20 UTC
inline constexpr std::string_view app_key = "sim-test-app";
inline constexpr std::string_view app_secret = "sim-test-secret-0123456789";

class manual_clock final : public kingkung::plugin::clock {
 public:
  std::chrono::system_clock::time_point now() const noexcept override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(seconds_.load()));
  }
  std::int64_t seconds() const { return seconds_.load(); }
  void set(std::int64_t s) { seconds_ = s; }

 private:
  std::atomic<std::int64_t> seconds_{start_time};
};

class capture_logger final : public kingkung::plugin::logger {
 public:
  void log(kingkung::plugin::log_level level, std::string_view message) noexcept override;
  std::vector<std::string> lines() const;
  bool contains(std::string_view text) const;

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A config table held in memory, as the host would hand it to the plugin.
class map_config final : public kingkung::plugin::config_view {
 public:
  std::map<std::string, std::string> strings;
  std::map<std::string, std::int64_t> ints;
  std::map<std::string, std::vector<std::string>> lists;
  std::map<std::string, double> doubles;
  std::string where = "test.toml [plugins.config.tiktok-sim]";

  std::optional<std::string> get_string(std::string_view key) const override;
  std::optional<std::int64_t> get_int(std::string_view key) const override;
  std::optional<double> get_double(std::string_view key) const override;
  std::optional<bool> get_bool(std::string_view) const override { return std::nullopt; }
  std::optional<std::vector<std::string>> get_strings(std::string_view key) const override;
  std::vector<std::string> keys() const override;
  std::string origin() const override { return where; }
};

// Percent-encodes everything but RFC 3986 unreserved characters (so '+' and '/' become %2B and %2F).
std::string percent_encode(std::string_view in);

// The NF-e access key check digit (mod 11, weights 2..9 from the right), computed here independently.
char nfe_check_digit(std::string_view first43);
// A 44-digit access key with a correct check digit, distinct per `serial`.
std::string valid_access_key(int serial);
// A distributed NF-e file (nfeProc) with the given key and authorisation status; no cStat when empty.
std::string nfe_xml(const std::string& access_key, const std::string& c_stat = "100");
std::string base64(std::string_view in);

struct response {
  int status = 0;
  std::int64_t code = -1;
  std::string message;
  std::string request_id;
  json::value data;
  std::string body;
  const json::object& obj() const { return data.as_object(); }
};

response parse_response(const kingkung::plugin::http_response& r);

struct connection {
  std::string shop_key;
  std::string shop_id;
  std::string access_token;
  std::string refresh_token;
  std::string cipher;
};

// One API request; fields left unset get their normal, correct value.
struct request_spec {
  std::string method = "GET";
  host_kind host = host_kind::api;
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;  // decoded values
  std::string body;
  const connection* as = nullptr;           // token and cipher from this connection
  std::optional<std::string> token;         // overrides the connection's token ("" sends none)
  std::optional<std::string> cipher;        // overrides the connection's cipher ("" sends none)
  std::optional<std::string> content_type;  // default: application/json ("" sends none)
  std::optional<std::int64_t> timestamp;    // default: the clock
  std::optional<std::string> app_key_override;
  std::optional<std::string> sign_override;     // "" sends no sign
  std::optional<std::string> raw_query_suffix;  // appended to the target verbatim (encoding tests)
};

// A received webhook.
struct received_webhook {
  std::string authorization;
  std::string body;
};

// A tiny HTTP server on 127.0.0.1 that answers every POST (200 unless told otherwise) and keeps what it got.
class webhook_listener {
 public:
  webhook_listener();
  ~webhook_listener();
  // The status the following requests are answered with.
  void answer_with(int status) { answer_status_ = status; }
  std::uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/webhooks/tiktok"; }
  std::vector<received_webhook> received() const;
  // The received webhooks with this payload type.
  std::vector<json::object> of_type(int type) const;

 private:
  void run();
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> answer_status_{200};
  mutable std::mutex mu_;
  std::vector<received_webhook> received_;
  std::thread thread_;
};

// Settings with four demo shops: MX cross-border, MX local, BR local and US local.
kingkung::sim::settings demo_settings(const std::filesystem::path& data_dir, std::uint64_t seed = 42);

class harness {
 public:
  explicit harness(std::optional<kingkung::sim::settings> s = std::nullopt);
  ~harness();

  kingkung::sim::engine& engine() { return *engine_; }
  manual_clock& clock() { return clock_; }
  capture_logger& log() { return log_; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  kingkung::sim::settings& settings() { return settings_; }

  // Closes the engine and opens a new one on the same folder (a restart).
  void restart();
  void close();

  kingkung::plugin::http_request build(const request_spec& spec) const;
  response send(const request_spec& spec);
  response send_raw(const kingkung::plugin::http_request& r);

  response control(const std::string& method, const std::string& path, const json::value& body = nullptr);
  void advance(std::int64_t seconds);
  std::string auth_code(const std::string& shop_key, const std::vector<std::string>& scopes = {});
  response token_get(const std::string& code, std::optional<std::string> secret = std::nullopt);
  response token_refresh(const std::string& refresh_token);
  connection connect(const std::string& shop_key, const std::vector<std::string>& scopes = {});

  // Calls an API endpoint as `c` with a JSON body.
  response api(const connection& c, const std::string& method, const std::string& path,
               std::vector<std::pair<std::string, std::string>> query = {},
               const json::value& body = nullptr);

  // Every order of a shop (all pages).
  std::vector<json::object> all_orders(const connection& c, const json::object& filter = {});
  json::object order(const connection& c, const std::string& id);
  json::object package(const connection& c, const std::string& id);

 private:
  manual_clock clock_;
  capture_logger log_;
  temp_dir dir_;
  kingkung::sim::settings settings_;
  std::unique_ptr<kingkung::sim::engine> engine_;
};

}  // namespace simtest
