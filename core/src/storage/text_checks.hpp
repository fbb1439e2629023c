// Checks on values before they reach a column, so a bad value fails with a message that names it
// instead of a database error (MySQL's strict mode would reject an over-long value mid-transaction).
#pragma once

#include <string>
#include <string_view>

#include "kingkung/plugin/result.hpp"

namespace kingkung::storage::detail {

// "<what> must be 1 to <max> characters, got <n>" when empty or longer than max (bytes).
inline std::string length_problem(std::string_view what, std::string_view value, std::size_t max,
                                  bool required = true) {
  if ((required && value.empty()) || value.size() > max)
    return std::string(what) + " must be " + (required ? "1" : "0") + " to " + std::to_string(max) +
           " characters, got " + std::to_string(value.size());
  return {};
}

inline bool has_control_characters(std::string_view value) {
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

inline std::string_view trim(std::string_view s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

inline plugin::error invalid(std::string_view operation, const std::string& problem) {
  return plugin::make_error(plugin::errc::invalid_argument, std::string(operation) + ": " + problem);
}

}  // namespace kingkung::storage::detail
