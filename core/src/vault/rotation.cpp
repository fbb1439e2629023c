#include "kingkung/vault/rotation.hpp"

#include <algorithm>
#include <set>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/token_repository.hpp"
#include "vault/key_file_lock.hpp"
#include "vault/record.hpp"

namespace kingkung::vault {
namespace {

using plugin::errc;
using plugin::make_error;

std::string subject_of(const storage::sealed_token_row& row) {
  return "vault record for shop " + row.shop_id + " (" + row.kind + " token)";
}

std::string join(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out.append(out.empty() ? "" : ", ").append(id);
  return out.empty() ? "none" : out;
}

// Re-encrypts `rows` in place with `target`, opening each with `keys`. Nothing is written here; an
// unreadable record fails the whole batch.
result<void> reseal_rows(const keyring& keys, const master_key& target,
                         std::vector<storage::sealed_token_row>& rows) {
  std::vector<std::string> resealed;
  resealed.reserve(rows.size());
  for (const auto& row : rows) {
    auto plain = detail::open_record(keys, detail::token_associated_data(row.shop_id), row.sealed,
                                     subject_of(row), "this shop");
    if (!plain)
      return make_error(plain.err().code, plain.err().message +
                                              "; no record was changed (remove that shop's tokens "
                                              "by disconnecting it, or restore the missing key)");
    resealed.push_back(
        detail::seal_record(target, detail::token_associated_data(row.shop_id), plain->reveal()));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].sealed = std::move(resealed[i]);
  return {};
}

// Reads the token records, re-encrypts those not sealed with the current key and stores them in one
// transaction. When another process refreshed or removed a token between the read and the write, the
// repository refuses the whole batch (changing nothing) and the batch is read and re-encrypted again.
result<std::size_t> reencrypt_stale(const keyring& keys, storage::token_repository& tokens) {
  constexpr int attempts = 5;
  for (int attempt = 1;; ++attempt) {
    auto rows = tokens.all();
    if (!rows) return make_error(rows.err().code, "could not read the token records: " + rows.err().message);
    std::vector<storage::sealed_token_row> stale;
    for (auto& row : *rows) {
      auto parts = detail::parse_record(row.sealed, subject_of(row));
      if (!parts || parts->key_id != keys.current().id) stale.push_back(std::move(row));
    }
    if (stale.empty()) return std::size_t{0};
    if (auto resealed = reseal_rows(keys, keys.current(), stale); !resealed) return std::move(resealed).err();
    auto replaced = tokens.replace_all(stale);
    if (replaced) return stale.size();
    if (replaced.err().code != errc::failed_precondition || attempt == attempts)
      return make_error(replaced.err().code, "could not store the re-encrypted token records: " +
                                                 replaced.err().message + "; no record was changed");
    log::info("vault", "token records changed while being re-encrypted; reading them again");
  }
}

// Sorts the keyring's older keys into those some stored record names and those none does. Reads the
// table afresh, so records sealed meanwhile by other processes are counted. False (every old key counted
// as in use) when the table cannot be read.
bool classify_old_keys(const keyring& keys, storage::token_repository& tokens, rotation_report& report) {
  auto ids = keys.key_ids();
  std::vector<std::string> old(ids.begin() + 1, ids.end());
  auto rows = tokens.all();
  if (!rows) {
    log::warn("vault", "could not check which keys are still used (" + rows.err().message +
                           "); keeping every old key");
    report.in_use_key_ids = old;
    return false;
  }
  std::set<std::string> used;
  for (const auto& row : *rows) {
    auto parts = detail::parse_record(row.sealed, subject_of(row));
    if (parts) used.insert(parts->key_id);
  }
  for (const auto& id : old) (used.count(id) ? report.in_use_key_ids : report.unused_key_ids).push_back(id);
  return true;
}

// Takes the key file lock and makes `keys` what the file holds now, in case another process rewrote it
// since `keys` was read.
result<detail::key_file_lock> lock_and_refresh(keyring& keys, const std::filesystem::path& key_file) {
  auto lock = detail::key_file_lock::acquire(key_file);
  if (!lock) return lock;
  std::error_code ec;
  if (std::filesystem::exists(key_file, ec)) {
    auto on_disk = keyring::read_file(key_file);
    if (!on_disk) return std::move(on_disk).err();
    keys = std::move(*on_disk);
  }
  return lock;
}

// Removes report.unused_key_ids from the keyring and rewrites the key file; the keyring changes only
// once the file is written.
result<void> drop_unused(keyring& keys, const std::filesystem::path& key_file, rotation_report& report) {
  if (report.unused_key_ids.empty()) return {};
  keyring kept = keys;
  for (const auto& id : report.unused_key_ids)
    if (auto removed = kept.remove(id); !removed) return removed;
  if (auto saved = kept.save(key_file); !saved)
    return make_error(saved.err().code,
                      "removing the unused old keys from the key file failed: " + saved.err().message +
                          "; they stay in the file, which is harmless");
  keys = std::move(kept);
  report.dropped_key_ids = report.unused_key_ids;
  log::info("vault",
            "removed unused old keys from " + key_file.string() + ": " + join(report.dropped_key_ids));
  return {};
}

}  // namespace

result<rotation_report> rotate(keyring& keys, storage::token_repository& tokens,
                               const std::filesystem::path& key_file, const rotation_options& options) {
  if (keys.origin() == key_origin::environment)
    return make_error(
        errc::failed_precondition,
        "the master keys come from KINGKUNG_MASTER_KEY, so there is no key file to rotate: put a new "
        "key first in KINGKUNG_MASTER_KEY (\"NEW,OLD\"), restart, then run `kingkung keys reseal` "
        "(see docs/security-vault.md)");
  if (key_file.empty())
    return make_error(errc::invalid_argument, "key rotation needs the key file (vault.key_file)");
  auto lock = lock_and_refresh(keys, key_file);
  if (!lock) return std::move(lock).err();

  // Every record must open before anything changes.
  auto rows = tokens.all();
  if (!rows) return make_error(rows.err().code, "could not read the token records: " + rows.err().message);
  if (auto readable = reseal_rows(keys, keys.current(), *rows); !readable) return std::move(readable).err();

  // Step 1: the file learns the new key before any record uses it.
  keyring before = keys;
  auto fresh = master_key::generate();
  std::string new_id = fresh.id;
  if (auto added = keys.make_current(std::move(fresh)); !added) return std::move(added).err();
  if (auto saved = keys.save(key_file); !saved) {
    keys = before;
    return make_error(saved.err().code, saved.err().message + "; nothing was changed");
  }
  log::info("vault", "key file " + key_file.string() + " now seals with new key " + new_id +
                         " (keys: " + join(keys.key_ids()) + ")");

  // Step 2: every record re-encrypted in one transaction.
  auto count = reencrypt_stale(keys, tokens);
  if (!count)
    return make_error(count.err().code,
                      count.err().message + "; the key file keeps new key " + new_id +
                          " as current and the old keys, so every token still opens; run the "
                          "rotation again");

  rotation_report report;
  report.new_key_id = new_id;
  report.records_resealed = *count;
  (void)classify_old_keys(keys, tokens, report);
  log::info("vault", "re-encrypted " + std::to_string(report.records_resealed) + " token records with key " +
                         new_id + "; old keys no longer used: " + join(report.unused_key_ids));

  // Step 3: drop what nothing uses any more.
  if (options.drop_old) {
    if (auto dropped = drop_unused(keys, key_file, report); !dropped)
      return make_error(dropped.err().code, "rotation done, but " + dropped.err().message);
  }
  return report;
}

result<rotation_report> prune(keyring& keys, storage::token_repository& tokens,
                              const std::filesystem::path& key_file) {
  if (keys.origin() == key_origin::environment)
    return make_error(
        errc::failed_precondition,
        "the master keys come from KINGKUNG_MASTER_KEY: remove unused keys from that variable instead");
  if (key_file.empty())
    return make_error(errc::invalid_argument, "pruning keys needs the key file (vault.key_file)");
  auto lock = lock_and_refresh(keys, key_file);
  if (!lock) return std::move(lock).err();
  rotation_report report;
  if (!classify_old_keys(keys, tokens, report))
    return make_error(errc::unavailable, "could not read the token records, so no key was removed");
  if (auto dropped = drop_unused(keys, key_file, report); !dropped) return std::move(dropped).err();
  return report;
}

result<std::vector<key_usage>> usage(const keyring& keys, storage::token_repository& tokens) {
  auto rows = tokens.all();
  if (!rows) return make_error(rows.err().code, "could not read the token records: " + rows.err().message);
  std::vector<key_usage> out;
  for (const auto& id : keys.key_ids()) out.push_back({id, out.empty(), true, 0});
  for (const auto& row : *rows) {
    auto parts = detail::parse_record(row.sealed, subject_of(row));
    std::string id = parts ? parts->key_id : std::string("(malformed)");
    auto it = std::find_if(out.begin(), out.end(), [&](const key_usage& u) { return u.key_id == id; });
    if (it == out.end()) it = out.insert(out.end(), key_usage{id, false, false, 0});
    ++it->records;
  }
  return out;
}

result<rotation_report> reseal(const keyring& keys, storage::token_repository& tokens) {
  auto count = reencrypt_stale(keys, tokens);
  if (!count) return std::move(count).err();
  rotation_report report;
  report.records_resealed = *count;
  (void)classify_old_keys(keys, tokens, report);
  log::info("vault", "re-encrypted " + std::to_string(report.records_resealed) + " token records with key " +
                         keys.current().id + "; old keys no longer used: " + join(report.unused_key_ids));
  return report;
}

}  // namespace kingkung::vault
