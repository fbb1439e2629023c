#include "support.hpp"

#include <cstdio>
#include <stdexcept>

#include "kingkung/log/log.hpp"

namespace kingkung::fuzz {
namespace detail {

void require(bool holds, std::string_view target, std::string_view what) {
  if (!holds) throw property_violation(std::string(target) + ": " + std::string(what));
}

std::string_view take_line(std::string_view& rest) {
  const auto end = rest.find('\n');
  const auto line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  return line;
}

std::string printable(std::string_view bytes) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < 80; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  if (bytes.size() > 80) out += "...";
  return out;
}

}  // namespace detail

void quiet_logs() {
  log::set_sink([](std::string_view) {});
}

void check(std::string_view name, std::string_view input) {
  if (name == "signing") return check_signing(input);
  if (name == "webhook") return check_webhook(input);
  if (name == "platform_decode") return check_platform_decode(input);
  if (name == "config") return check_config(input);
  if (name == "nfe") return check_nfe(input);
  if (name == "http") return check_http(input);
  throw std::invalid_argument("no fuzz check named \"" + std::string(name) + "\"");
}

}  // namespace kingkung::fuzz
