// Sellers (tenants), their users, and their connected shops.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kingkung::domain {

struct seller {
  std::int64_t id = 0;
  std::string name;
  std::int64_t created_at = 0;
};

enum class role { owner, staff };

struct user {
  std::int64_t id = 0;
  std::int64_t seller_id = 0;
  std::string email;
  std::string password_hash;  // PHC-style string from kingkung::auth::hash_password
  role user_role = role::staff;
  std::string locale = "en";
  std::int64_t created_at = 0;
};

enum class shop_state { connected, needs_reauthorization, disconnected };

struct shop {
  std::int64_t seller_id = 0;
  std::string id;              // platform shop id
  std::string name;
  std::string region;          // MX, BR, US, ...
  std::string seller_type;     // CROSS_BORDER | LOCAL
  std::string cipher;          // shop_cipher (stored encrypted: it identifies the shop)
  std::string transport;       // selected transport name
  std::vector<std::string> modules;
  std::vector<std::string> granted_scopes;
  shop_state state = shop_state::connected;
  bool demo = false;
  std::int64_t connected_at = 0;
  std::int64_t disconnected_at = 0;  // 0 while connected; the purge runs retention_days after it
  std::string code;            // the platform's shop code, e.g. "CNGBCBA4LLU8"
};

}  // namespace kingkung::domain
