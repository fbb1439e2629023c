// kingkung: the admin CLI. kingkung [--config FILE] <command> [args...]
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include "commands.hpp"

namespace {

struct command {
  std::string_view name;
  int (*run)(const kingkung::cli::invocation&);
  std::string_view usage;
};

constexpr command commands[] = {
    {"config", kingkung::cli::cmd_config_check, "config check            validate the config file and exit"},
    {"migrate", kingkung::cli::cmd_migrate, "migrate                 apply database migrations (idempotent)"},
    {"plugins", kingkung::cli::cmd_plugins, "plugins list | inspect FILE   loaded plugins / a plugin file's descriptor"},
    {"keys", kingkung::cli::cmd_keys, "keys rotate [--drop-old] | reseal | prune | list   master keys and token re-encryption"},
    {"users", kingkung::cli::cmd_users, "users add EMAIL --seller NAME [--role owner|staff] [--password-stdin]   add a sign-in"},
    {"sign", kingkung::cli::cmd_sign, "sign --method M --path P [--query k=v]... [--body B]   print string-to-sign and signature"},
    {"sim-server", kingkung::cli::cmd_sim_server, "sim-server [--port N] [--listen ADDR] [--tls --cert F --key F]   serve the simulator on loopback"},
    {"purge", kingkung::cli::cmd_purge, "purge [--dry-run]       delete data of shops disconnected longer than privacy.retention_days"},
    {"export", kingkung::cli::cmd_export, "export --seller ID|NAME --format json|csv --out FILE [--force]   a seller's data (JSON) or orders (CSV)"},
    {"serve-sync", kingkung::cli::cmd_serve_sync, "serve-sync [--once]     run the sync workers until SIGTERM (shops by lease, write-backs)"},
};

void usage(std::FILE* out) {
  std::fprintf(out, "usage: kingkung [--config FILE] <command> [args...]\n\ncommands:\n");
  for (const auto& c : commands) std::fprintf(out, "  %.*s\n", static_cast<int>(c.usage.size()), c.usage.data());
}

}  // namespace

int main(int argc, char** argv) {
  kingkung::cli::invocation in;
  in.config_path = "config/kingkung.toml";
  int i = 1;
  for (; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--config" && i + 1 < argc) {
      in.config_path = argv[++i];
    } else if (a.rfind("--config=", 0) == 0) {
      in.config_path = std::string(a.substr(9));
    } else if (a == "-h" || a == "--help" || a == "help") {
      usage(stdout);
      return 0;
    } else {
      break;
    }
  }
  if (i >= argc) {
    usage(stderr);
    return 2;
  }
  std::string_view name = argv[i++];
  for (; i < argc; ++i) in.args.emplace_back(argv[i]);
  for (const auto& c : commands) {
    if (c.name == name) {
      try {
        return c.run(in);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "kingkung %.*s: %s\n", static_cast<int>(name.size()), name.data(), e.what());
        return 1;
      }
    }
  }
  std::fprintf(stderr, "kingkung: unknown command \"%.*s\"\n\n", static_cast<int>(name.size()), name.data());
  usage(stderr);
  return 2;
}
