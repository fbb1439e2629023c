// The host services each plugin receives: logger "plugin:<id>", clock, config view, data folder.
#pragma once

#include <memory>
#include <string>

#include "kingkung/log/log.hpp"
#include "kingkung/plugin/host_context.hpp"

namespace kingkung::plugins::detail {

// A config table with no keys, for plugins and modules that have none in the config file.
class empty_config_view final : public plugin::config_view {
 public:
  explicit empty_config_view(std::string origin) : origin_(std::move(origin)) {}
  std::optional<std::string> get_string(std::string_view) const override { return std::nullopt; }
  std::optional<std::int64_t> get_int(std::string_view) const override { return std::nullopt; }
  std::optional<double> get_double(std::string_view) const override { return std::nullopt; }
  std::optional<bool> get_bool(std::string_view) const override { return std::nullopt; }
  std::optional<std::vector<std::string>> get_strings(std::string_view) const override {
    return std::nullopt;
  }
  std::vector<std::string> keys() const override { return {}; }
  std::string origin() const override { return origin_; }

 private:
  std::string origin_;
};

// The process-wide system clock.
std::shared_ptr<const plugin::clock> system_clock();

class plugin_context final : public plugin::host_context {
 public:
  plugin_context(std::string_view plugin_id, std::shared_ptr<const plugin::clock> clock,
                 std::shared_ptr<const plugin::config_view> config, std::string data_dir);

  plugin::logger& log() const noexcept override { return logger_; }
  const plugin::clock& time() const noexcept override { return *clock_; }
  const plugin::config_view& config() const noexcept override { return *config_; }
  std::string_view data_dir() const noexcept override { return data_dir_; }

 private:
  mutable log::component_logger logger_;  // logging does not change what the context is
  std::shared_ptr<const plugin::clock> clock_;
  std::shared_ptr<const plugin::config_view> config_;
  std::string data_dir_;
};

}  // namespace kingkung::plugins::detail
