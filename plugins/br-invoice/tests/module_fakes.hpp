// In-process fakes for the module tests: a host context with a config table, and a shop_api that
// records every platform call and keeps module state in memory.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/market_module.hpp"

namespace kingkung::br::test {

class fake_logger final : public plugin::logger {
 public:
  void log(plugin::log_level, std::string_view message) noexcept override { lines.emplace_back(message); }
  std::vector<std::string> lines;
};

class fake_clock final : public plugin::clock {
 public:
  std::chrono::system_clock::time_point now() const noexcept override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(1795000000));
  }
};

class fake_config final : public plugin::config_view {
 public:
  std::map<std::string, std::string> strings;
  std::map<std::string, std::int64_t> ints;
  std::map<std::string, double> doubles;

  std::optional<std::string> get_string(std::string_view key) const override {
    auto it = strings.find(std::string(key));
    return it == strings.end() ? std::nullopt : std::optional(it->second);
  }
  std::optional<std::int64_t> get_int(std::string_view key) const override {
    auto it = ints.find(std::string(key));
    return it == ints.end() ? std::nullopt : std::optional(it->second);
  }
  std::optional<double> get_double(std::string_view key) const override {
    auto it = doubles.find(std::string(key));
    return it == doubles.end() ? std::nullopt : std::optional(it->second);
  }
  std::optional<bool> get_bool(std::string_view) const override { return std::nullopt; }
  std::optional<std::vector<std::string>> get_strings(std::string_view) const override {
    return std::nullopt;
  }
  std::vector<std::string> keys() const override {
    std::vector<std::string> out;
    for (const auto& [k, v] : strings) out.push_back(k);
    for (const auto& [k, v] : ints) out.push_back(k);
    for (const auto& [k, v] : doubles) out.push_back(k);
    return out;
  }
  std::string origin() const override { return "test.toml [markets.BR.br-invoice]"; }
};

class fake_context final : public plugin::host_context {
 public:
  plugin::logger& log() const noexcept override { return logger; }
  const plugin::clock& time() const noexcept override { return clock; }
  const plugin::config_view& config() const noexcept override { return table; }
  std::string_view data_dir() const noexcept override { return ""; }

  mutable fake_logger logger;
  fake_clock clock;
  fake_config table;
};

struct recorded_call {
  std::string method;
  std::string path;
  std::vector<plugin::query_param> query;
  std::string body;
};

class fake_shop_api final : public plugin::shop_api {
 public:
  std::string_view shop_id() const noexcept override { return "7496002287415330818"; }
  std::string_view region() const noexcept override { return "BR"; }
  std::string_view seller_type() const noexcept override { return "LOCAL"; }

  plugin::result<std::string> call(std::string_view method, std::string_view path,
                                   std::vector<plugin::query_param> query, std::string body) override {
    calls.push_back({std::string(method), std::string(path), std::move(query), std::move(body)});
    if (responder) return responder(calls.back());
    return std::string("{\"errors\":[]}");
  }
  plugin::result<std::optional<std::string>> load_state(std::string_view key) override {
    auto it = state.find(std::string(key));
    return it == state.end() ? std::optional<std::string>{} : std::optional(it->second);
  }
  plugin::result<void> save_state(std::string_view key, std::string_view value) override {
    state[std::string(key)] = std::string(value);
    return {};
  }

  std::vector<recorded_call> calls;
  std::map<std::string, std::string> state;
  std::function<plugin::result<std::string>(const recorded_call&)> responder;
};

}  // namespace kingkung::br::test
