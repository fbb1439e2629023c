// Pending OAuth authorisations (the `oauth_states` table). Only a hash of each state is stored, so a copy
// of the database cannot be used to complete someone's authorisation. A state is taken exactly once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct oauth_state_row {
  std::string state_hash;  // sha256 of the state, lower-case hex (64 characters)
  std::int64_t seller_id = 0;
  std::int64_t user_id = 0;
  std::string return_to;  // where the seller goes after the callback; may be empty
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

class oauth_state_repository {
 public:
  explicit oauth_state_repository(database& db) : db_(db) {}

  // Errors: a hash that is not 64 hex characters (errc::invalid_argument), an unknown seller or user
  // (errc::not_found), a hash already stored (errc::failed_precondition).
  result<void> add(const oauth_state_row& row);
  // The row, without consuming it (e.g. to show the simulator's consent page).
  result<std::optional<oauth_state_row>> find(std::string_view state_hash);
  // Deletes and returns the row; nullopt when no such state exists (never issued, already taken). Two
  // concurrent calls for one state: exactly one gets the row.
  result<std::optional<oauth_state_row>> take(std::string_view state_hash);
  // Deletes every state that expired before `now` (Unix seconds); the number removed.
  result<std::int64_t> remove_expired(std::int64_t now);

 private:
  database& db_;
};

}  // namespace kingkung::storage
