// Changes to sign-in accounts after they were added (storage::user_repository adds and reads them): a new
// password hash, the UI locale, removal. Removing a user also ends their sessions (the sessions table
// cascades).
#pragma once

#include <cstdint>
#include <string_view>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

class account_repository {
 public:
  explicit account_repository(database& db) : db_(db) {}

  // Errors: a hash that is not a PHC string from auth::hash_password (errc::invalid_argument), an unknown
  // user (errc::not_found).
  result<void> set_password_hash(std::int64_t user_id, std::string_view password_hash);
  // Errors: an empty or over-long locale (errc::invalid_argument), an unknown user (errc::not_found).
  result<void> set_locale(std::int64_t user_id, std::string_view locale);
  // Deletes the user of `seller_id` with this id; false when the seller has no such user.
  result<bool> remove(std::int64_t seller_id, std::int64_t user_id);

 private:
  database& db_;
};

}  // namespace kingkung::storage
