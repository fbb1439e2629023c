// kingkung migrate: applies the database migrations this build knows. Safe to run again.
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli_support.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"

namespace kingkung::cli {
namespace {

constexpr const char* usage_text = "usage: kingkung [--config FILE] migrate\n";

int fail(const std::string& message) { return cli::fail("migrate", message); }

}  // namespace

int cmd_migrate(const invocation& in) {
  if (!in.args.empty()) {
    bool help = in.args[0] == "-h" || in.args[0] == "--help";
    std::fputs(usage_text, help ? stdout : stderr);
    return help ? 0 : 2;
  }
  auto cfg = load_config(in);
  if (!cfg) return 1;
  auto db = open_database(*cfg, "migrate");
  if (!db) return 1;

  auto report = storage::migrate(*db);
  if (!report) return fail(report.err().message);
  if (report->applied.empty()) {
    std::printf("database is up to date (version %d)\n", report->to_version);
    return 0;
  }
  for (const auto& m : report->applied) std::printf("applied migration %d: %s\n", m.version, m.name.c_str());
  std::printf("database %s is now at version %d (was %d)\n", db->describe().c_str(), report->to_version,
              report->from_version);
  return 0;
}

}  // namespace kingkung::cli
