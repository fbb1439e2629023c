// The admin CLI's commands. Each lives in its own cmd_<name>.cpp and is listed in main.cpp's table.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kingkung::cli {

struct invocation {
  std::filesystem::path config_path;  // --config FILE (default config/kingkung.toml)
  std::vector<std::string> args;      // words after the command name
};

// Each returns the process exit code: 0 success, 1 failure (message already printed), 2 usage error.
int cmd_config_check(const invocation& in);
int cmd_migrate(const invocation& in);
int cmd_plugins(const invocation& in);   // plugins list | plugins inspect FILE
int cmd_keys(const invocation& in);      // keys rotate
int cmd_users(const invocation& in);     // users add
int cmd_sign(const invocation& in);      // sign --method M --path P [--query k=v]... [--body B]
int cmd_sim_server(const invocation& in);  // sim-server [--port N] [--listen ADDR] [--tls --cert F --key F]
int cmd_purge(const invocation& in);       // purge [--dry-run]
int cmd_export(const invocation& in);      // export --seller ID|NAME --format json|csv --out FILE [--force]
int cmd_serve_sync(const invocation& in);  // serve-sync [--once]

}  // namespace kingkung::cli
