// Master key rotation. The order of the steps keeps every token readable if the process dies at any point:
//   1. a new key is generated and made current, the old keys kept, and the key file rewritten
//      atomically (so the file knows the new key before any record uses it);
//   2. every token record is re-encrypted with the new key in one database transaction (all or nothing);
//   3. old keys that no record uses any more are reported, and removed from the file when asked.
// rotate() and prune() hold an exclusive lock beside the key file ("<key file>.lock") while they work and
// start from what the file holds then (updating `keys`), so two runs at once never lose a key.
// Operators run it as `kingkung keys rotate [--drop-old]`; docs/security-vault.md has the procedure.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "kingkung/vault/keyring.hpp"

namespace kingkung::storage {
class token_repository;
}

namespace kingkung::vault {

struct rotation_options {
  // Remove the old keys from the keyring and the key file, but only those no record uses after the
  // re-encryption (a record sealed meanwhile by a process still on an old key keeps that key alive).
  bool drop_old = false;
};

struct rotation_report {
  std::string new_key_id;  // empty for reseal()
  std::size_t records_resealed = 0;
  std::vector<std::string> unused_key_ids;   // old keys no record uses any more (safe to remove)
  std::vector<std::string> in_use_key_ids;   // old keys some record still uses
  std::vector<std::string> dropped_key_ids;  // removed from the keyring and the file (drop_old)
};

// Generates a new key, makes it current and re-encrypts every token record (steps above). Needs a
// keyring read from `key_file`; a keyring from KINGKUNG_MASTER_KEY is refused (rotate it there, then
// run reseal()). On a database error the new key stays in the file as current and no record changes.
result<rotation_report> rotate(keyring& keys, storage::token_repository& tokens,
                               const std::filesystem::path& key_file, const rotation_options& options = {});

// Removes the older keys that no token record uses from the keyring and the key file (file keyrings).
result<rotation_report> prune(keyring& keys, storage::token_repository& tokens,
                              const std::filesystem::path& key_file);

// How many token records name each key: the keyring's keys first (current first), then any key id
// found in records but missing from the keyring.
struct key_usage {
  std::string key_id;
  bool current = false;
  bool in_keyring = true;
  std::size_t records = 0;
};
result<std::vector<key_usage>> usage(const keyring& keys, storage::token_repository& tokens);

// Re-encrypts every token record not already sealed with the current key, in one transaction, and
// reports which older keys are left unused. Fails, changing nothing, when a record cannot be opened.
result<rotation_report> reseal(const keyring& keys, storage::token_repository& tokens);

}  // namespace kingkung::vault
