#include <string>

#include "kingkung/config/config.hpp"

namespace kingkung::config {

std::string config_error::to_string() const {
  std::string out = file;
  if (line != 0) {
    out += ':' + std::to_string(line);
    if (column != 0) out += ':' + std::to_string(column);
  }
  if (!out.empty()) out += ": ";
  if (!key_path.empty()) out += key_path + ": ";
  out += "expected " + expected;
  if (!found.empty()) out += ", found " + found;
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

std::string load_result::message() const {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += '\n';
    out += e.to_string();
  }
  return out;
}

}  // namespace kingkung::config
