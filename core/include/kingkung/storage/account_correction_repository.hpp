// Corrections of account data (a user's email and locale, the seller's name) in one transaction.
// Values arrive checked (kingkung/privacy/correction.hpp); this layer enforces uniqueness.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct account_changes {
  std::optional<std::string> email;  // lower case already
  std::optional<std::string> locale;
  std::optional<std::string> seller_name;
};

class account_correction_repository {
 public:
  explicit account_correction_repository(database& db) : db_(db) {}

  // errc::not_found for an unknown user; errc::failed_precondition when the email or seller name is
  // taken by another user or seller. All or nothing. Returns the user's seller id.
  result<std::int64_t> apply(std::int64_t user_id, const account_changes& changes);

 private:
  database& db_;
};

}  // namespace kingkung::storage
