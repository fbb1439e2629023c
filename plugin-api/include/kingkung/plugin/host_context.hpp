// Host services handed to a plugin: logger, clock, the plugin's own config table, a data folder.
// Everything here is owned by the host and outlives every object the plugin creates.
// Added in 1.0.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kingkung::plugin {

enum class log_level : int { debug = 0, info = 1, warn = 2, error = 3 };

// Thread-safe: may be called from any thread. Never pass secrets to it.
class logger {
 public:
  virtual ~logger() = default;
  virtual void log(log_level level, std::string_view message) noexcept = 0;  // 1.0
};

// Thread-safe. Tests substitute a manual clock.
class clock {
 public:
  virtual ~clock() = default;
  virtual std::chrono::system_clock::time_point now() const noexcept = 0;  // 1.0
};

// A read-only view of one config table, owned by the host. Keys are plain names inside this table;
// a dotted key ("limits.max_value") walks into sub-tables. Thread-safe (immutable after start).
class config_view {
 public:
  virtual ~config_view() = default;
  virtual std::optional<std::string> get_string(std::string_view key) const = 0;            // 1.0
  virtual std::optional<std::int64_t> get_int(std::string_view key) const = 0;              // 1.0
  virtual std::optional<double> get_double(std::string_view key) const = 0;                 // 1.0
  virtual std::optional<bool> get_bool(std::string_view key) const = 0;                     // 1.0
  virtual std::optional<std::vector<std::string>> get_strings(std::string_view key) const = 0;  // 1.0
  virtual std::vector<std::string> keys() const = 0;                                        // 1.0
  // Where the table comes from, for messages ("config/kingkung.toml [plugins.config.tiktok-sim]").
  virtual std::string origin() const = 0;  // 1.0
};

// The context a factory receives. The references stay valid until the object created with it is
// destroyed. Thread-safe.
class host_context {
 public:
  virtual ~host_context() = default;
  virtual logger& log() const noexcept = 0;             // 1.0
  virtual const clock& time() const noexcept = 0;       // 1.0
  virtual const config_view& config() const noexcept = 0;  // 1.0: [plugins.config.<plugin-id>]
  virtual std::string_view data_dir() const noexcept = 0;  // 1.0: a folder the plugin may write to
};

}  // namespace kingkung::plugin
