#include "kingkung/storage/session_repository.hpp"

#include <soci/soci.h>

#include "storage/random_token.hpp"
#include "storage/session_guard.hpp"
#include "storage/statement_cache.hpp"
#include "storage/text_checks.hpp"
#include "storage/user_columns.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;

// 256 bits each: the session id (cookie) and the CSRF token.
constexpr std::size_t token_bytes = 32;

// The session columns find() and find_with_user() read.
struct session_columns {
  long long user = 0, created = 0, seen = 0, expires = 0;
  std::string csrf_token;
  soci::indicator found = soci::i_null;

  session_row to_row(const std::string& hash) const {
    session_row row;
    row.id_hash = hash;
    row.user_id = user;
    row.csrf_token = csrf_token;
    row.created_at = created;
    row.last_seen_at = seen;
    row.expires_at = expires;
    return row;
  }
};

constexpr std::string_view session_select = "s.user_id, s.csrf, s.created_at, s.last_seen_at, s.expires_at";

// Kept prepared (statement_cache.hpp): the web guard reads the session and its user for the cookie of every
// signed-in request.
struct session_with_user_by_id {
  std::string id_hash;
  session_columns c;
  detail::user_columns u;
  soci::statement st;

  explicit session_with_user_by_id(soci::session& sql) : st(sql) {
    st.exchange(soci::into(c.user, c.found));
    st.exchange(soci::into(c.csrf_token));
    st.exchange(soci::into(c.created));
    st.exchange(soci::into(c.seen));
    st.exchange(soci::into(c.expires));
    u.bind_into(st);
    st.exchange(soci::use(id_hash));
    st.alloc();
    st.prepare("SELECT " + std::string(session_select) + ", " + detail::user_columns::column_list("u.") +
               " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = :id");
    st.define_and_bind();
  }
};

// A found session row: deleted and nullopt when it has ended at `now`; last_seen_at moved to now when a
// touch is due.
std::optional<session_row> settle(soci::session& sql, session_row row, std::int64_t now,
                                  std::int64_t idle_seconds) {
  if (now >= row.expires_at || now - row.last_seen_at > idle_seconds) {
    sql << "DELETE FROM sessions WHERE id = :id", soci::use(row.id_hash);
    return std::nullopt;
  }
  if (now - row.last_seen_at >= session_repository::touch_interval_seconds) {
    long long at = now;
    sql << "UPDATE sessions SET last_seen_at = :now WHERE id = :id", soci::use(at), soci::use(row.id_hash);
    row.last_seen_at = now;
  }
  return row;
}

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
  return detail::with_session(db_, "sessions.find",
                              [&](soci::session& sql) -> result<std::optional<session_row>> {
                                session_columns c;
                                sql << "SELECT " << session_select << " FROM sessions s WHERE s.id = :id",
                                    soci::use(hash), soci::into(c.user, c.found), soci::into(c.csrf_token),
                                    soci::into(c.created), soci::into(c.seen), soci::into(c.expires);
                                if (!sql.got_data() || c.found == soci::i_null)
                                  return std::optional<session_row>();
                                return settle(sql, c.to_row(hash), now, idle_seconds);
                              });
}

result<std::optional<signed_in_session>> session_repository::find_with_user(std::string_view session_id,
                                                                            std::int64_t now,
                                                                            std::int64_t idle_seconds) {
  if (session_id.empty() || session_id.size() > 128) return std::optional<signed_in_session>();
  std::string hash = hash_session_id(session_id);
  return detail::with_kept_statements(
      db_, "sessions.find_with_user",
      [&](soci::session& sql, detail::statement_cache& kept) -> result<std::optional<signed_in_session>> {
        signed_in_session out;
        {
          auto& q = kept.get<session_with_user_by_id>(sql);
          detail::kept_statement_use use(kept, q.st);
          q.id_hash = hash;
          q.c.found = soci::i_null;
          if (!q.st.execute(true) || q.c.found == soci::i_null) return std::optional<signed_in_session>();
          out.session = q.c.to_row(hash);
          out.user = q.u.to_domain();
        }
        auto row = settle(sql, std::move(out.session), now, idle_seconds);
        if (!row) return std::optional<signed_in_session>();
        out.session = std::move(*row);
        return std::optional<signed_in_session>(std::move(out));
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
