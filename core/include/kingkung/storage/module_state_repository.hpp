// Durable key/value state of market modules (split plans, invoice status, ...), one namespace per
// (shop, module). Values are opaque text to the host. Rows live in the module_state table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct module_state_entry {
  std::string key;
  std::string value;
  std::int64_t updated_at = 0;  // Unix seconds
};

class module_state_repository {
 public:
  static constexpr std::size_t max_id_length = 64;          // shop id and module id
  static constexpr std::size_t max_key_length = 191;        // bytes
  static constexpr std::size_t max_value_length = 1 << 20;  // bytes (1 MiB)

  explicit module_state_repository(database& db) : db_(db) {}

  // Limits: shop id and module id 1 to 64 characters, key 1 to 191 characters without control
  // characters (errc::invalid_argument), value at most 1 MiB (errc::too_large).
  result<std::optional<std::string>> get(std::string_view shop_id, std::string_view module,
                                         std::string_view key);
  // Insert or replace; updated_at 0 means now.
  result<void> put(std::string_view shop_id, std::string_view module, std::string_view key,
                   std::string_view value, std::int64_t updated_at = 0);
  // Removing a key that does not exist is not an error.
  result<void> erase(std::string_view shop_id, std::string_view module, std::string_view key);
  // Every entry of one module for one shop, ordered by key (export, diagnostics).
  result<std::vector<module_state_entry>> list(std::string_view shop_id, std::string_view module);
  // Deletes every module's state of a shop (the privacy purge); returns how many rows went.
  result<std::size_t> erase_shop(std::string_view shop_id);

 private:
  database& db_;
};

}  // namespace kingkung::storage
