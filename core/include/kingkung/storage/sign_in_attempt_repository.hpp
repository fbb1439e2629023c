// Failed sign-ins (the `sign_in_attempts` table), counted per email and client address so throttling
// holds across every process that shares the database. Emails are kept only as a SHA-256 of their
// lower-case form.
#pragma once

#include <cstdint>
#include <string_view>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct attempt_count {
  std::int64_t failures = 0;
  std::int64_t oldest_at = 0;  // the earliest counted failure (Unix seconds); 0 when none
};

class sign_in_attempt_repository {
 public:
  explicit sign_in_attempt_repository(database& db) : db_(db) {}

  // Records a failed sign-in for `email` (case-insensitive) from `address` at `at`.
  result<void> record_failure(std::string_view email, std::string_view address, std::int64_t at);
  // Failures at or after `since` for this email from this address.
  result<attempt_count> count_for_email(std::string_view email, std::string_view address, std::int64_t since);
  // Failures at or after `since` from this address, whatever the email.
  result<attempt_count> count_for_address(std::string_view address, std::int64_t since);
  // Forgets the email's failures (after a successful sign-in), from every address.
  result<void> clear_email(std::string_view email);
  // Deletes failures older than `before`; the number removed.
  result<std::int64_t> purge_before(std::int64_t before);

 private:
  database& db_;
};

}  // namespace kingkung::storage
