// Sign-in accounts. Emails are stored in lower case and unique across all sellers; only password
// hashes (kingkung::auth::hash_password) are stored, never passwords.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/domain/shop.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

std::string_view to_string(domain::role r) noexcept;  // "owner" | "staff"
std::optional<domain::role> parse_role(std::string_view text);

class user_repository {
 public:
  explicit user_repository(database& db) : db_(db) {}

  // Adds `u` and returns it with its id (and created_at, when 0, set to now). Errors: a malformed email
  // or a password_hash that is not a PHC string (errc::invalid_argument), an unknown seller
  // (errc::not_found), an email already in use (errc::failed_precondition).
  result<domain::user> add(domain::user u);
  result<std::optional<domain::user>> get(std::int64_t id);
  result<std::optional<domain::user>> find_by_email(std::string_view email);  // case-insensitive
  result<std::vector<domain::user>> list_by_seller(std::int64_t seller_id);   // in the order added

 private:
  database& db_;
};

}  // namespace kingkung::storage
