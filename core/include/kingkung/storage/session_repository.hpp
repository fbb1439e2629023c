// Signed-in sessions (the `sessions` table). The cookie holds the session id: 256 random bits from the
// system's CSPRNG, base64url without padding. The table holds only its SHA-256 (lower-case hex), so a
// copy of the database cannot be used to take over a session. Each session also has a random CSRF token
// that the UI sends back on state-changing requests.
//
// A session ends at `expires_at` (the absolute limit, fixed at creation) or when it was not seen for
// longer than the idle limit the caller passes to find(); find() deletes a session that has ended.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kingkung/common/secret.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct session_row {
  std::string id_hash;  // sha256 of the session id, lower-case hex (64 characters)
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;
};

// A live session with its user, read together for every signed-in request.
struct signed_in_session {
  session_row session;
  domain::user user;
};

struct new_session {
  secret id;  // for the cookie only: never logged, never stored
  session_row row;
};

// sha256 of a session id as stored in the table.
std::string hash_session_id(std::string_view session_id);

class session_repository {
 public:
  explicit session_repository(database& db) : db_(db) {}

  // A new session for `user_id`, created at `now` (Unix seconds) and ending `lifetime_seconds` later
  // at the latest. Errors: an unknown user (errc::not_found), lifetime_seconds < 1 (errc::invalid_argument).
  result<new_session> create(std::int64_t user_id, std::int64_t now, std::int64_t lifetime_seconds);
  // The live session named by the cookie's `session_id`, or nullopt when there is none: unknown, past
  // expires_at, or not seen for more than `idle_seconds` (an ended session is deleted here). Moves
  // last_seen_at to `now` when it is a minute old or more, so reads do not write on every request.
  result<std::optional<session_row>> find(std::string_view session_id, std::int64_t now,
                                          std::int64_t idle_seconds);
  // find() and the session's user in one query; nullopt also when the user no longer exists.
  result<std::optional<signed_in_session>> find_with_user(std::string_view session_id, std::int64_t now,
                                                          std::int64_t idle_seconds);
  // Deletes the session named by `session_id`; false when there was none.
  result<bool> remove(std::string_view session_id);
  // Deletes every session of the user except the one named by `keep_session_id` (when not empty); the
  // number removed.
  result<std::int64_t> remove_for_user(std::int64_t user_id, std::string_view keep_session_id = {});
  // Deletes every session that has ended at `now` (absolute or idle); the number removed.
  result<std::int64_t> purge_expired(std::int64_t now, std::int64_t idle_seconds);

  // Touching last_seen_at happens at most this often per session.
  static constexpr std::int64_t touch_interval_seconds = 60;

 private:
  database& db_;
};

}  // namespace kingkung::storage
