// The product's logger: one line per event, "time level component: message". Thread-safe.
// Secrets registered with add_redaction() are replaced by "[redacted]" in every line, as a second
// line of defence: code must not pass secrets to the logger in the first place.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "kingkung/plugin/host_context.hpp"

namespace kingkung::log {

using level = plugin::log_level;

void set_level(level min_level);
level parse_level(std::string_view name, level fallback);
void write(level lvl, std::string_view component, std::string_view message);

inline void debug(std::string_view component, std::string_view message) { write(level::debug, component, message); }
inline void info(std::string_view component, std::string_view message) { write(level::info, component, message); }
inline void warn(std::string_view component, std::string_view message) { write(level::warn, component, message); }
inline void error(std::string_view component, std::string_view message) { write(level::error, component, message); }

// Replaces the output (default: stderr). Tests capture lines with it. Pass nullptr to restore.
using sink = std::function<void(std::string_view line)>;
void set_sink(sink s);

// Every later line has each occurrence of `value` replaced by "[redacted]". Values shorter than 6
// characters are ignored (they would blank ordinary words).
void add_redaction(std::string_view value);

// A plugin::logger that writes through this logger under a component name (one per plugin).
class component_logger final : public plugin::logger {
 public:
  explicit component_logger(std::string component) : component_(std::move(component)) {}
  void log(plugin::log_level lvl, std::string_view message) noexcept override;

 private:
  std::string component_;
};

}  // namespace kingkung::log
