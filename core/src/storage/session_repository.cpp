#include "kingkung/storage/session_repository.hpp"

#include <soci/soci.h>

#include "storage/random_token.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;

// 256 bits each: the session id (cookie) and the CSRF token.
constexpr std::size_t token_bytes = 32;

}  // namespace

std::string hash_session_id(std::string_view session_id) {
  return detail::sha256_hex(session_id);
}

result<new_session> session_repository::create(std::int64_t user_id, std::int64_t now,
                                               std::int64_t lifetime_seconds) {
  constexpr std::string_view op = "sessions.create";
  if (lifetime_seconds < 1)
    return detail::invalid(op,
                           "lifetime_seconds must be at least 1, got " + std::to_string(lifetime_seconds));
  new_session s;
  s.id = secret(detail::random_base64url(token_bytes));
  s.row.id_hash = hash_session_id(s.id.reveal());
  s.row.user_id = user_id;
  s.row.csrf_token = detail::random_base64url(token_bytes);
  s.row.created_at = now;
  s.row.last_seen_at = now;
  s.row.expires_at = now + lifetime_seconds;
  return detail::in_transaction(db_, op, [&](soci::session& sql) -> result<new_session> {
    long long user = user_id;
    int users = 0;
    sql << "SELECT count(*) FROM users WHERE id = :id", soci::use(user), soci::into(users);
    if (users == 0)
      return make_error(errc::not_found,
                        std::string(op) + ": user " + std::to_string(user_id) + " does not exist");
    long long created = s.row.created_at, seen = s.row.last_seen_at, expires = s.row.expires_at;
    sql << "INSERT INTO sessions (id, user_id, csrf, created_at, last_seen_at, expires_at)"
           " VALUES (:id, :user_id, :csrf, :created_at, :last_seen_at, :expires_at)",
        soci::use(s.row.id_hash), soci::use(user), soci::use(s.row.csrf_token), soci::use(created),
        soci::use(seen), soci::use(expires);
    return std::move(s);
  });
}

result<std::optional<session_row>> session_repository::find(std::string_view session_id, std::int64_t now,
                                                            std::int64_t idle_seconds) {
  // Ids we never issue are not looked up (and an over-long cookie costs no hashing).
  if (session_id.empty() || session_id.size() > 128) return std::optional<session_row>();
  std::string hash = hash_session_id(session_id);
  return detail::with_session(
      db_, "sessions.find", [&](soci::session& sql) -> result<std::optional<session_row>> {
        session_row row;
        long long user = 0, created = 0, seen = 0, expires = 0;
        soci::indicator found = soci::i_null;
        sql << "SELECT user_id, csrf, created_at, last_seen_at, expires_at FROM sessions WHERE id = :id",
            soci::use(hash), soci::into(user, found), soci::into(row.csrf_token), soci::into(created),
            soci::into(seen), soci::into(expires);
        if (!sql.got_data() || found == soci::i_null) return std::optional<session_row>();
        if (now >= expires || now - seen > idle_seconds) {
          sql << "DELETE FROM sessions WHERE id = :id", soci::use(hash);
          return std::optional<session_row>();
        }
        if (now - seen >= touch_interval_seconds) {
          long long at = now;
          sql << "UPDATE sessions SET last_seen_at = :now WHERE id = :id", soci::use(at), soci::use(hash);
          seen = now;
        }
        row.id_hash = hash;
        row.user_id = user;
        row.created_at = created;
        row.last_seen_at = seen;
        row.expires_at = expires;
        return std::optional<session_row>(std::move(row));
      });
}

result<bool> session_repository::remove(std::string_view session_id) {
  std::string hash = hash_session_id(session_id);
  return detail::with_session(db_, "sessions.remove", [&](soci::session& sql) -> result<bool> {
    soci::statement del = (sql.prepare << "DELETE FROM sessions WHERE id = :id", soci::use(hash));
    del.execute(true);
    return del.get_affected_rows() > 0;
  });
}

result<std::int64_t> session_repository::remove_for_user(std::int64_t user_id,
                                                         std::string_view keep_session_id) {
  std::string keep = keep_session_id.empty() ? std::string() : hash_session_id(keep_session_id);
  return detail::with_session(
      db_, "sessions.remove_for_user", [&](soci::session& sql) -> result<std::int64_t> {
        long long user = user_id;
        soci::statement del = (sql.prepare << "DELETE FROM sessions WHERE user_id = :user_id AND id <> :keep",
                               soci::use(user), soci::use(keep));
        del.execute(true);
        return static_cast<std::int64_t>(del.get_affected_rows());
      });
}

result<std::int64_t> session_repository::purge_expired(std::int64_t now, std::int64_t idle_seconds) {
  return detail::with_session(db_, "sessions.purge_expired", [&](soci::session& sql) -> result<std::int64_t> {
    long long at = now;
    long long idle_before = now - idle_seconds;
    soci::statement del =
        (sql.prepare << "DELETE FROM sessions WHERE expires_at <= :now OR last_seen_at < :idle",
         soci::use(at), soci::use(idle_before));
    del.execute(true);
    return static_cast<std::int64_t>(del.get_affected_rows());
  });
}

}  // namespace kingkung::storage
