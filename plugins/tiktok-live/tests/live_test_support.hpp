// Shared pieces of the tiktok-live tests: one CA per test binary, a trust file, a map-backed
// config_view, a recording logger, and request helpers.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kingkung/live/live_config.hpp"
#include "kingkung/live/live_transport.hpp"
#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/transport.hpp"
#include "test_pki.hpp"
#include "test_server.hpp"

namespace kingkung::live::test {

// The CA, its trust file and the server identities, made once per test binary.
struct pki {
  testkit::test_ca ca{"KingKung Test CA"};
  testkit::test_ca stranger{"Unknown CA"};
  testkit::temp_dir dir;
  std::string ca_file = dir.write("ca.pem", ca.cert_pem());
  testkit::key_and_cert localhost = ca.issue();
  testkit::key_and_cert expired = ca.issue({.expired = true});
  testkit::key_and_cert wrong_host = ca.issue(
      {.common_name = "wrong.example", .dns_names = {"wrong.example"}, .ip_addresses = {"192.0.2.7"}});
  testkit::key_and_cert untrusted = stranger.issue();
};
const pki& shared_pki();

inline testkit::server_options tls_server(const testkit::key_and_cert& identity = shared_pki().localhost) {
  testkit::server_options o;
  o.tls = testkit::tls_mode::modern;
  o.identity = identity;
  return o;
}

// A config pointing both hosts at `url`, trusting the test CA.
live_config config_for(const std::string& url);

// Creates the transport or fails the test.
std::unique_ptr<live_transport> make_transport(const live_config& config, plugin::logger* log = nullptr);

plugin::http_request get(std::string target, std::chrono::milliseconds timeout = std::chrono::seconds(10));
plugin::http_request post(std::string target, std::string body,
                          std::chrono::milliseconds timeout = std::chrono::seconds(10));

std::optional<std::string> header_of(const plugin::http_response& r, std::string_view name);

// A config table held in memory, as the host would hand it over.
class map_config final : public plugin::config_view {
 public:
  using value = std::variant<std::string, std::int64_t, double, bool, std::vector<std::string>>;
  map_config() = default;
  map_config(std::initializer_list<std::pair<const std::string, value>> init) : values_(init) {}

  std::optional<std::string> get_string(std::string_view key) const override { return get<std::string>(key); }
  std::optional<std::int64_t> get_int(std::string_view key) const override { return get<std::int64_t>(key); }
  std::optional<double> get_double(std::string_view key) const override { return get<double>(key); }
  std::optional<bool> get_bool(std::string_view key) const override { return get<bool>(key); }
  std::optional<std::vector<std::string>> get_strings(std::string_view key) const override {
    return get<std::vector<std::string>>(key);
  }
  std::vector<std::string> keys() const override {
    std::vector<std::string> out;
    for (const auto& [k, v] : values_) out.push_back(k);
    return out;
  }
  std::string origin() const override { return "test.toml [plugins.config.tiktok-live]"; }

 private:
  template <class T>
  std::optional<T> get(std::string_view key) const {
    auto it = values_.find(std::string(key));
    if (it == values_.end()) return std::nullopt;
    if (const T* v = std::get_if<T>(&it->second)) return *v;
    return std::nullopt;
  }
  std::map<std::string, value> values_;
};

class recording_logger final : public plugin::logger {
 public:
  void log(plugin::log_level, std::string_view message) noexcept override {
    std::lock_guard lock(mutex_);
    lines_.emplace_back(message);
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

}  // namespace kingkung::live::test
