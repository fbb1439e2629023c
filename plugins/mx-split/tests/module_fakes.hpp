// In-process fakes for driving the mx-split module: a host context with a config table made of plain
// values, and a shop_api that answers from scripted routes, records every call and keeps state in
// memory.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/market_module.hpp"

namespace kingkung::mx::testing {

using config_value = std::variant<std::string, std::int64_t, double, bool>;

class fake_config final : public plugin::config_view {
 public:
  explicit fake_config(std::map<std::string, config_value> values = {})
      : values_(values.begin(), values.end()) {}
  std::optional<std::string> get_string(std::string_view key) const override;
  std::optional<std::int64_t> get_int(std::string_view key) const override;
  std::optional<double> get_double(std::string_view key) const override;
  std::optional<bool> get_bool(std::string_view key) const override;
  std::optional<std::vector<std::string>> get_strings(std::string_view key) const override;
  std::vector<std::string> keys() const override;
  std::string origin() const override { return "test.toml [markets.MX.mx-split]"; }

 private:
  std::map<std::string, config_value, std::less<>> values_;
};

class fake_context final : public plugin::host_context, public plugin::logger, public plugin::clock {
 public:
  explicit fake_context(std::map<std::string, config_value> config = {}) : config_(std::move(config)) {}
  plugin::logger& log() const noexcept override { return const_cast<fake_context&>(*this); }
  const plugin::clock& time() const noexcept override { return *this; }
  const plugin::config_view& config() const noexcept override { return config_; }
  std::string_view data_dir() const noexcept override { return ""; }
  void log(plugin::log_level, std::string_view message) noexcept override { lines.emplace_back(message); }
  std::chrono::system_clock::time_point now() const noexcept override { return {}; }

  std::vector<std::string> lines;

 private:
  fake_config config_;
};

struct recorded_call {
  std::string method;
  std::string path;
  std::vector<plugin::query_param> query;
  std::string body;
};

class fake_shop_api final : public plugin::shop_api {
 public:
  using route = std::function<plugin::result<std::string>(const recorded_call&)>;

  explicit fake_shop_api(std::string seller_type = "CROSS_BORDER") : seller_type_(std::move(seller_type)) {}

  // Answers `method path` with `handler` from now on.
  void on(std::string method, std::string path, route handler);
  // Calls made to `method path` so far.
  std::size_t count(std::string_view method, std::string_view path) const;
  std::size_t count_containing(std::string_view fragment) const;

  std::string_view shop_id() const noexcept override { return "7495610013482590221"; }
  std::string_view region() const noexcept override { return "MX"; }
  std::string_view seller_type() const noexcept override { return seller_type_; }
  plugin::result<std::string> call(std::string_view method, std::string_view path,
                                   std::vector<plugin::query_param> query, std::string body_json) override;
  plugin::result<std::optional<std::string>> load_state(std::string_view key) override;
  plugin::result<void> save_state(std::string_view key, std::string_view value) override;

  std::vector<recorded_call> calls;
  std::map<std::string, std::string, std::less<>> state;

 private:
  std::string seller_type_;
  std::map<std::string, route> routes_;
};

// An order awaiting shipment with one line item per (id, sku, product) triple.
struct line_spec {
  std::string id;
  std::string sku_id;
  std::string product_id;
  std::string sale_price = "100.00";
};
plugin::order_view make_order(std::string order_id, std::vector<line_spec> lines,
                              std::string seller_type = "CROSS_BORDER");

// Get Order Split Attributes `data` for one order.
std::string attributes_json(const std::string& order_id, bool must_split,
                            const std::string& reasons_json = "[]", bool can_split = true,
                            const std::string& reason = "");
// Get Product `data` with a two-level category chain ending in `leaf`.
std::string product_json(const std::string& product_id, const std::string& leaf,
                         const std::string& leaf_name);

}  // namespace kingkung::mx::testing
