// The seller's right of correction for account data: a user's email and locale, and the seller's
// (tenant's) name. Each change is checked like a new value would be, applied in full or not at all, and
// audited with the names of the fields changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kingkung/domain/shop.hpp"
#include "kingkung/plugin/result.hpp"
#include "kingkung/privacy/actor.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::privacy {

template <class T>
using result = plugin::result<T>;

struct user_corrections {
  std::optional<std::string> email;        // a valid address, stored in lower case, unique
  std::optional<std::string> locale;       // "en", "pt-BR", "es-MX": 2 letters, optionally "-" and 2 letters
  std::optional<std::string> seller_name;  // the user's seller; 1 to 255 characters, unique
};

// The user as stored afterwards. Errors: errc::not_found (unknown user), errc::invalid_argument (a value
// that is not allowed; names the field, what was expected and what was found), errc::failed_precondition
// (the email or seller name belongs to someone else). Nothing changes on error.
result<domain::user> correct_user(storage::database& db, std::int64_t user_id, const user_corrections& fields,
                                  const actor& who);

}  // namespace kingkung::privacy
