// kingkung migrate: applies the database migrations this build knows. Safe to run again.
#include <cstdio>
#include <filesystem>
#include <string>

#include "commands.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"

namespace kingkung::cli {
namespace {

constexpr const char* usage_text = "usage: kingkung [--config FILE] migrate\n";

int fail(const std::string& message) {
  std::fprintf(stderr, "kingkung migrate: %s\n", message.c_str());
  return 1;
}

}  // namespace

int cmd_migrate(const invocation& in) {
  if (!in.args.empty()) {
    bool help = in.args[0] == "-h" || in.args[0] == "--help";
    std::fputs(usage_text, help ? stdout : stderr);
    return help ? 0 : 2;
  }
  auto loaded = config::load(in.config_path);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.message().c_str());
    return 1;
  }
  const config::app_config& cfg = *loaded.config;
  log::set_level(log::parse_level(cfg.log.level, log::level::info));

  std::string base_dir = std::filesystem::absolute(in.config_path).parent_path().string();
  auto url = storage::database_url::parse(cfg.database.url, base_dir);
  if (!url) return fail("database.url: " + url.err().message);
  auto db = storage::database::open(*url, 1);
  if (!db) return fail(db.err().message);

  auto report = storage::migrate(**db);
  if (!report) return fail(report.err().message);
  if (report->applied.empty()) {
    std::printf("database is up to date (version %d)\n", report->to_version);
    return 0;
  }
  for (const auto& m : report->applied) std::printf("applied migration %d: %s\n", m.version, m.name.c_str());
  std::printf("database %s is now at version %d (was %d)\n", (*db)->describe().c_str(), report->to_version,
              report->from_version);
  return 0;
}

}  // namespace kingkung::cli
