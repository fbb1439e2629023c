#include "cli_support.hpp"

#include <cstdio>

#include "kingkung/log/log.hpp"

namespace kingkung::cli {

int fail(std::string_view command, const std::string& message) {
  std::fprintf(stderr, "kingkung %.*s: %s\n", static_cast<int>(command.size()), command.data(), message.c_str());
  return 1;
}

std::optional<config::app_config> load_config(const invocation& in) {
  auto loaded = config::load(in.config_path);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.message().c_str());
    return std::nullopt;
  }
  log::set_level(log::parse_level(loaded.config->log.level, log::level::info));
  return std::move(loaded.config);
}

std::unique_ptr<storage::database> open_database(const config::app_config& cfg, std::string_view command) {
  auto url = storage::database_url::parse(cfg.database.url, cfg.source.parent_path().string());
  if (!url) {
    fail(command, "database.url: " + url.err().message);
    return nullptr;
  }
  auto db = storage::database::open(*url, 1);
  if (!db) {
    fail(command, db.err().message);
    return nullptr;
  }
  return std::move(*db);
}

}  // namespace kingkung::cli
