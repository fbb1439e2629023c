#include "kingkung/log/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <vector>

namespace kingkung::log {
namespace {

struct state {
  std::mutex mutex;
  sink out;
  std::vector<std::string> redactions;
};

state& global() {
  static state s;
  return s;
}

std::atomic<int> min_level{static_cast<int>(level::info)};

std::string_view level_name(level l) {
  switch (l) {
    case level::debug: return "DEBUG";
    case level::info: return "INFO";
    case level::warn: return "WARN";
    case level::error: return "ERROR";
  }
  return "INFO";
}

void redact(std::string& line, const std::vector<std::string>& values) {
  for (const auto& v : values) {
    for (auto pos = line.find(v); pos != std::string::npos; pos = line.find(v, pos)) {
      line.replace(pos, v.size(), "[redacted]");
      pos += 10;
    }
  }
}

}  // namespace

void set_level(level l) { min_level.store(static_cast<int>(l)); }

level parse_level(std::string_view name, level fallback) {
  if (name == "debug") return level::debug;
  if (name == "info") return level::info;
  if (name == "warn") return level::warn;
  if (name == "error") return level::error;
  return fallback;
}

void write(level lvl, std::string_view component, std::string_view message) {
  if (static_cast<int>(lvl) < min_level.load()) return;
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[64];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  std::string line;
  line.reserve(64 + message.size());
  line.append(stamp).append(" ").append(level_name(lvl)).append(" ").append(component).append(": ").append(message);
  auto& s = global();
  std::lock_guard lock(s.mutex);
  redact(line, s.redactions);
  if (s.out) {
    s.out(line);
  } else {
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
}

void set_sink(sink s) {
  auto& g = global();
  std::lock_guard lock(g.mutex);
  g.out = std::move(s);
}

void add_redaction(std::string_view value) {
  if (value.size() < 6) return;
  auto& g = global();
  std::lock_guard lock(g.mutex);
  for (const auto& v : g.redactions)
    if (v == value) return;
  g.redactions.emplace_back(value);
}

void component_logger::log(plugin::log_level lvl, std::string_view message) noexcept {
  try {
    write(lvl, component_, message);
  } catch (...) {
  }
}

}  // namespace kingkung::log
