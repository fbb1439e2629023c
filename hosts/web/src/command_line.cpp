#include "command_line.hpp"

#include <charconv>

namespace kingkung::web {
namespace {

std::optional<std::uint16_t> parse_port(const std::string& text) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

}  // namespace

command_line_result parse_command_line(const std::vector<std::string>& argv) {
  command_line out;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    std::string arg = argv[i];
    std::optional<std::string> value;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
    }
    auto take_value = [&]() -> std::optional<std::string> {
      if (value) return value;
      if (i + 1 < argv.size()) return argv[++i];
      return std::nullopt;
    };
    if (arg == "-h" || arg == "--help") {
      out.help = true;
    } else if (arg == "--config") {
      auto v = take_value();
      if (!v || v->empty()) return {std::nullopt, "--config: expected a file name"};
      out.config_file = *v;
    } else if (arg == "--port") {
      auto v = take_value();
      if (!v) return {std::nullopt, "--port: expected a port number from 0 to 65535"};
      auto port = parse_port(*v);
      if (!port)
        return {std::nullopt, "--port: expected a port number from 0 to 65535, found \"" + *v + "\""};
      out.port = *port;
    } else if (arg == "--listen") {
      auto v = take_value();
      if (!v || v->empty())
        return {std::nullopt, "--listen: expected an IP address such as 127.0.0.1 or ::1"};
      out.listen = *v;
    } else {
      return {std::nullopt, "unknown argument \"" + argv[i] + "\""};
    }
  }
  return {std::move(out), {}};
}

}  // namespace kingkung::web
