// Encrypted OAuth tokens per shop. Rows hold only vault records (see kingkung/vault/token_vault.hpp);
// plaintext never reaches this layer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct sealed_token_row {
  std::string shop_id;       // platform shop id (also the vault's associated data)
  std::string kind;          // "access" | "refresh"
  std::string sealed;        // vault record text (key id, nonce, ciphertext, tag)
  std::int64_t expires_at = 0;  // Unix seconds
  std::int64_t updated_at = 0;
};

class token_repository {
 public:
  explicit token_repository(database& db) : db_(db) {}
  // Upsert by (shop_id, kind); updated_at 0 means now. shop_id is 1 to 64 characters, kind "access" or
  // "refresh", sealed non-empty (errc::invalid_argument otherwise).
  result<void> put(const sealed_token_row& row);
  result<std::optional<sealed_token_row>> get(std::string_view shop_id, std::string_view kind);
  result<void> remove_shop(std::string_view shop_id);  // deletes every token of the shop at once
  result<std::vector<sealed_token_row>> all();  // ordered by shop_id, kind
  // Replaces the sealed text of every given row in one transaction (key rotation); all or nothing.
  // Each row must still hold the expires_at and updated_at it was read with (from all()): when a token
  // was refreshed or removed since, the call fails with errc::failed_precondition and changes nothing,
  // so a re-encryption never overwrites a newer token nor brings back a removed one.
  result<void> replace_all(const std::vector<sealed_token_row>& rows);

 private:
  database& db_;
};

}  // namespace kingkung::storage
