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
  result<void> put(const sealed_token_row& row);  // upsert by (shop_id, kind)
  result<std::optional<sealed_token_row>> get(std::string_view shop_id, std::string_view kind);
  result<void> remove_shop(std::string_view shop_id);  // deletes every token of the shop at once
  result<std::vector<sealed_token_row>> all();
  // Replaces the sealed text of every given row in one transaction (key rotation); all or nothing.
  result<void> replace_all(const std::vector<sealed_token_row>& rows);

 private:
  database& db_;
};

}  // namespace kingkung::storage
