// kingkung keys: the token vault's master keys. Prints key ids only, never key material.
//   keys rotate [--drop-old]  new current key in the key file, every token re-encrypted with it
//   keys reseal               re-encrypt tokens still sealed with older keys (keys from the environment)
//   keys prune                remove older keys that no token uses from the key file
//   keys list                 the keys and how many tokens each one seals
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/storage/token_repository.hpp"
#include "kingkung/vault/keyring.hpp"
#include "kingkung/vault/rotation.hpp"

namespace kingkung::cli {
namespace {

constexpr const char* usage_text =
    "usage: kingkung [--config FILE] keys rotate [--drop-old]   new master key; re-encrypt every token\n"
    "       kingkung [--config FILE] keys reseal                re-encrypt tokens sealed with older keys\n"
    "       kingkung [--config FILE] keys prune                 remove older keys no token uses\n"
    "       kingkung [--config FILE] keys list                  key ids and the tokens each one seals\n";

int fail(const std::string& sub, const std::string& message) { return cli::fail("keys " + sub, message); }

std::string join(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out.append(out.empty() ? "" : ", ").append(id);
  return out.empty() ? "none" : out;
}

// What every subcommand needs: the config, the migrated database and the keyring.
struct vault_context {
  config::app_config cfg;
  std::unique_ptr<storage::database> db;
  std::unique_ptr<vault::keyring> keys;
};

int open_context(const invocation& in, const std::string& sub, vault_context& out) {
  auto loaded = load_config(in);
  if (!loaded) return 1;
  out.cfg = std::move(*loaded);
  out.db = open_database(out.cfg, "keys " + sub);
  if (!out.db) return 1;
  auto migrated = storage::migrate(*out.db);
  if (!migrated) return fail(sub, migrated.err().message);

  // The config already read KINGKUNG_MASTER_KEY; hand the keyring exactly what it found.
  std::map<std::string, std::string> env;
  if (!out.cfg.vault.master_key.empty())
    env.emplace(std::string(vault::master_key_variable), out.cfg.vault.master_key.reveal());
  vault::key_source_options options;
  options.environment = &env;
  options.create_if_missing = false;
  auto keys = vault::keyring::load(out.cfg.vault.key_file, options);
  if (!keys && keys.err().code == plugin::errc::not_found) {
    // A first start creates the key file; with tokens stored, a missing file means lost keys.
    storage::token_repository tokens(*out.db);
    auto rows = tokens.all();
    if (!rows) return fail(sub, rows.err().message);
    if (!rows->empty())
      return fail(sub, keys.err().message + ", but " + std::to_string(rows->size()) +
                           " token records are stored: restore the key file from your backup");
    options.create_if_missing = true;
    keys = vault::keyring::load(out.cfg.vault.key_file, options);
  }
  for (auto& [name, value] : env) std::fill(value.begin(), value.end(), '\0');
  if (!keys) return fail(sub, keys.err().message);
  out.keys = std::make_unique<vault::keyring>(std::move(*keys));
  return 0;
}

void print_key_source(const vault::keyring& keys) {
  if (keys.origin() == vault::key_origin::environment)
    std::printf("keys from %.*s\n", static_cast<int>(vault::master_key_variable.size()),
                vault::master_key_variable.data());
  else
    std::printf("key file %s\n", keys.file().c_str());
}

void print_old_keys(const vault::rotation_report& report, bool dropped_requested) {
  if (!report.dropped_key_ids.empty()) {
    std::printf("removed old keys: %s\n", join(report.dropped_key_ids).c_str());
  } else if (!report.unused_key_ids.empty()) {
    std::printf("old keys no token uses: %s\n", join(report.unused_key_ids).c_str());
    if (!dropped_requested)
      std::printf("  remove them with `kingkung keys prune` once every host seals with the new key\n");
  }
  if (!report.in_use_key_ids.empty())
    std::printf("old keys still used by tokens (kept): %s\n", join(report.in_use_key_ids).c_str());
}

int rotate(const invocation& in, bool drop_old) {
  vault_context ctx;
  if (int rc = open_context(in, "rotate", ctx); rc != 0) return rc;
  storage::token_repository tokens(*ctx.db);
  vault::rotation_options options;
  options.drop_old = drop_old;
  auto report = vault::rotate(*ctx.keys, tokens, ctx.cfg.vault.key_file, options);
  if (!report) return fail("rotate", report.err().message);
  print_key_source(*ctx.keys);
  std::printf("new current key: %s\n", report->new_key_id.c_str());
  std::printf("re-encrypted %zu token record%s\n", report->records_resealed,
              report->records_resealed == 1 ? "" : "s");
  print_old_keys(*report, drop_old);
  return 0;
}

int reseal(const invocation& in) {
  vault_context ctx;
  if (int rc = open_context(in, "reseal", ctx); rc != 0) return rc;
  storage::token_repository tokens(*ctx.db);
  auto report = vault::reseal(*ctx.keys, tokens);
  if (!report) return fail("reseal", report.err().message);
  print_key_source(*ctx.keys);
  std::printf("current key: %s\n", ctx.keys->current().id.c_str());
  std::printf("re-encrypted %zu token record%s\n", report->records_resealed,
              report->records_resealed == 1 ? "" : "s");
  print_old_keys(*report, true);
  return 0;
}

int prune(const invocation& in) {
  vault_context ctx;
  if (int rc = open_context(in, "prune", ctx); rc != 0) return rc;
  storage::token_repository tokens(*ctx.db);
  auto report = vault::prune(*ctx.keys, tokens, ctx.cfg.vault.key_file);
  if (!report) return fail("prune", report.err().message);
  print_key_source(*ctx.keys);
  if (report->dropped_key_ids.empty()) std::printf("no old key to remove\n");
  print_old_keys(*report, true);
  return 0;
}

int list(const invocation& in) {
  vault_context ctx;
  if (int rc = open_context(in, "list", ctx); rc != 0) return rc;
  storage::token_repository tokens(*ctx.db);
  auto usage = vault::usage(*ctx.keys, tokens);
  if (!usage) return fail("list", usage.err().message);
  print_key_source(*ctx.keys);
  bool missing = false;
  for (const auto& u : *usage) {
    const char* role = u.current ? "current" : u.in_keyring ? "old" : "MISSING";
    missing = missing || !u.in_keyring;
    std::printf("  %-11s %-7s %zu token record%s\n", u.key_id.c_str(), role, u.records,
                u.records == 1 ? "" : "s");
  }
  if (missing) {
    std::fprintf(
        stderr,
        "kingkung keys list: some token records name a key the keyring lacks; they cannot be opened\n");
    return 1;
  }
  return 0;
}

}  // namespace

int cmd_keys(const invocation& in) {
  const auto& a = in.args;
  if (a.size() == 1 && a[0] == "rotate") return rotate(in, false);
  if (a.size() == 2 && a[0] == "rotate" && a[1] == "--drop-old") return rotate(in, true);
  if (a.size() == 1 && a[0] == "reseal") return reseal(in);
  if (a.size() == 1 && a[0] == "prune") return prune(in);
  if (a.size() == 1 && a[0] == "list") return list(in);
  std::fputs(usage_text, stderr);
  return 2;
}

}  // namespace kingkung::cli
