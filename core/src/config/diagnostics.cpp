#include "config/diagnostics.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace kingkung::config::detail {

void diagnostics::add(source_location at, std::string key_path, std::string expected, std::string found,
                      std::string hint) {
  config_error e;
  e.file = file_;
  e.line = at.line;
  e.column = at.column;
  e.key_path = std::move(key_path);
  e.expected = std::move(expected);
  e.found = std::move(found);
  e.hint = std::move(hint);
  errors_.push_back(std::move(e));
}

std::vector<config_error> diagnostics::take_sorted() {
  sort_by_position(errors_);
  return std::move(errors_);
}

void sort_by_position(std::vector<config_error>& errors) {
  auto rank = [](const config_error& e) {
    return std::pair(e.line == 0 ? std::numeric_limits<unsigned>::max() : e.line, e.column);
  };
  std::stable_sort(errors.begin(), errors.end(),
                   [&](const config_error& a, const config_error& b) { return rank(a) < rank(b); });
}

std::string quote_text(std::string_view text) {
  constexpr std::size_t max_shown = 80;
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == max_shown) {
      out += "...";
      break;
    }
    const char c = text[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace kingkung::config::detail
