// [vault], [sync], [privacy], [demo], [log]
#include <algorithm>
#include <string>
#include <vector>

#include "config/sections.hpp"
#include "config/suggestion.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/vault/keyring.hpp"

namespace kingkung::config::detail {

void read_vault(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "vault", ctx.diag);
  auto& vault = ctx.config.vault;
  r.reject_unknown_keys({"key_file"});
  vault.key_file = resolve_path(ctx.base_dir, "../var/master.key");
  std::string key_file;
  if (r.read("key_file", key_file)) {
    if (key_file.empty())
      r.invalid("key_file", "a path for the master key file, such as \"../var/master.key\"");
    else
      vault.key_file = resolve_path(ctx.base_dir, key_file);
  }
  if (auto value = ctx.env.get(master_key_variable)) {
    auto parsed = vault::keyring::parse_environment_value(*value, master_key_variable);
    if (parsed) {
      log::add_redaction(*value);
      vault.master_key = secret(std::move(*value));
    } else {
      ctx.diag.add({}, std::string("env ") + master_key_variable,
                   "the base64 of a 32-byte key (several separated by commas, current first)",
                   "a value that does not decode (" + parsed.err().message + ")");
    }
  }
}

void read_sync(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "sync", ctx.diag);
  auto& sync = ctx.config.sync;
  r.reject_unknown_keys({"interval_seconds", "overlap_seconds", "backfill_days", "reconcile_hours",
                         "lease_seconds", "workers", "reconcile_window_days", "write_back_max_attempts"});
  r.read("interval_seconds", sync.interval_seconds, 5, 86400);
  r.read("overlap_seconds", sync.overlap_seconds, 0, 86400);
  r.read("backfill_days", sync.backfill_days, 1, 365);
  r.read("reconcile_hours", sync.reconcile_hours, 1, 24 * 30);
  r.read("lease_seconds", sync.lease_seconds, 10, 3600);
  r.read("workers", sync.workers, 1, 64);
  r.read("reconcile_window_days", sync.reconcile_window_days, 1, 365);
  r.read("write_back_max_attempts", sync.write_back_max_attempts, 1, 100);
}

void read_privacy(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "privacy", ctx.diag);
  r.reject_unknown_keys({"retention_days"});
  r.read("retention_days", ctx.config.privacy.retention_days, 1, 3650);
}

void read_demo(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "demo", ctx.diag);
  auto& demo = ctx.config.demo;
  r.reject_unknown_keys({"enabled", "seller_name", "email", "password"});
  r.read("enabled", demo.enabled);
  r.read("seller_name", demo.seller_name);
  const bool has_email = r.read("email", demo.email);
  const bool has_password = r.read("password", demo.password, /*hide_value=*/true);
  if (!demo.enabled) return;
  if (demo.seller_name.empty()) r.invalid("seller_name", "a name for the demo seller", "an empty string");
  if (r.find("email") == nullptr)
    r.missing("email", "the demo sign-in email, since [demo] is enabled");
  else if (auto at = demo.email.find('@');
           has_email && (at == std::string::npos || at == 0 || at + 1 == demo.email.size()))
    r.invalid("email", "an email address such as \"demo@kingkung.example\"");
  if (r.find("password") == nullptr)
    r.missing("password", "the demo sign-in password, since [demo] is enabled");
  else if (has_password && demo.password.size() < 8)
    r.invalid("password", "a password of at least 8 characters",
              "a password of " + std::to_string(demo.password.size()) + " characters");
}

void read_log(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "log", ctx.diag);
  r.reject_unknown_keys({"level"});
  std::string level = ctx.config.log.level;
  if (!r.read("level", level)) return;
  const std::vector<std::string> levels = {"debug", "info", "warn", "error"};
  if (std::find(levels.begin(), levels.end(), level) != levels.end())
    ctx.config.log.level = level;
  else
    r.invalid("level", "one of " + join(levels), {}, did_you_mean(level, levels));
}

}  // namespace kingkung::config::detail
