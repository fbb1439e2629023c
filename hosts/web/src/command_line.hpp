// kingkung-web's command line: --config FILE [--port N] [--listen ADDR].
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kingkung::web {

struct command_line {
  std::filesystem::path config_file = "config/kingkung.toml";
  std::optional<std::uint16_t> port;  // overrides [server] port; 0 picks a free port
  std::optional<std::string> listen;  // overrides [server] listen
  bool help = false;
};

struct command_line_result {
  std::optional<command_line> args;
  std::string error;  // says which argument was wrong and what was expected, when args is empty
};

command_line_result parse_command_line(const std::vector<std::string>& argv);

inline constexpr const char* usage_text =
    "usage: kingkung-web [--config FILE] [--port N] [--listen ADDR]\n"
    "\n"
    "  --config FILE   the configuration (default config/kingkung.toml)\n"
    "  --port N        listen on this port instead of [server] port (0: any free port)\n"
    "  --listen ADDR   listen on this address instead of [server] listen (e.g. 127.0.0.1, ::1)\n";

}  // namespace kingkung::web
