#include "kingkung/storage/oauth_state_repository.hpp"

#include <soci/soci.h>

#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;

// Names the problem without echoing the value: a state hash is not secret, but neither is it for people.
std::string hash_problem(std::string_view hash) {
  if (hash.size() != 64) return "the state hash must be 64 hex characters, got " + std::to_string(hash.size());
  for (char c : hash)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return "the state hash must be lower-case hex (sha256)";
  return {};
}

std::optional<oauth_state_row> read_row(soci::session& sql, const std::string& hash, bool for_update,
                                        backend kind) {
  oauth_state_row row;
  row.state_hash = hash;
  long long seller_id = 0;
  long long user_id = 0;
  long long created_at = 0;
  long long expires_at = 0;
  sql << std::string("SELECT seller_id, user_id, return_to, created_at, expires_at FROM oauth_states"
                     " WHERE state = :state") +
             (for_update && kind == backend::mysql ? " FOR UPDATE" : ""),
      soci::into(seller_id), soci::into(user_id), soci::into(row.return_to), soci::into(created_at),
      soci::into(expires_at), soci::use(hash);
  if (!sql.got_data()) return std::nullopt;
  row.seller_id = seller_id;
  row.user_id = user_id;
  row.created_at = created_at;
  row.expires_at = expires_at;
  return row;
}

}  // namespace

result<void> oauth_state_repository::add(const oauth_state_row& row) {
  constexpr std::string_view op = "oauth_states.add";
  if (auto p = hash_problem(row.state_hash); !p.empty()) return detail::invalid(op, p);
  if (auto p = detail::length_problem("return_to", row.return_to, 2000, false); !p.empty())
    return detail::invalid(op, p);
  return detail::in_transaction(db_, op, [&](soci::session& sql) -> result<void> {
    long long seller_id = row.seller_id;
    long long user_id = row.user_id;
    int users = 0;
    sql << "SELECT count(*) FROM users WHERE id = :user_id AND seller_id = :seller_id", soci::use(user_id),
        soci::use(seller_id), soci::into(users);
    if (users == 0)
      return make_error(errc::not_found, std::string(op) + ": user " + std::to_string(row.user_id) +
                                             " of seller " + std::to_string(row.seller_id) + " does not exist");
    int taken = 0;
    sql << "SELECT count(*) FROM oauth_states WHERE state = :state", soci::use(row.state_hash), soci::into(taken);
    if (taken > 0) return make_error(errc::failed_precondition, std::string(op) + ": this state is already pending");
    long long created_at = row.created_at != 0 ? row.created_at : detail::unix_now();
    long long expires_at = row.expires_at;
    sql << "INSERT INTO oauth_states (state, seller_id, user_id, return_to, created_at, expires_at)"
           " VALUES (:state, :seller_id, :user_id, :return_to, :created_at, :expires_at)",
        soci::use(row.state_hash), soci::use(seller_id), soci::use(user_id), soci::use(row.return_to),
        soci::use(created_at), soci::use(expires_at);
    return {};
  });
}

result<std::optional<oauth_state_row>> oauth_state_repository::find(std::string_view state_hash) {
  constexpr std::string_view op = "oauth_states.find";
  if (auto p = hash_problem(state_hash); !p.empty()) return detail::invalid(op, p);
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::optional<oauth_state_row>> {
    return read_row(sql, std::string(state_hash), false, db_.kind());
  });
}

result<std::optional<oauth_state_row>> oauth_state_repository::take(std::string_view state_hash) {
  constexpr std::string_view op = "oauth_states.take";
  if (auto p = hash_problem(state_hash); !p.empty()) return detail::invalid(op, p);
  return detail::in_transaction(db_, op, [&](soci::session& sql) -> result<std::optional<oauth_state_row>> {
    std::string hash(state_hash);
    auto row = read_row(sql, hash, true, db_.kind());
    if (!row) return std::optional<oauth_state_row>();
    soci::statement del = (sql.prepare << "DELETE FROM oauth_states WHERE state = :state", soci::use(hash));
    del.execute(true);
    // Only the caller whose DELETE removed the row has taken it.
    if (del.get_affected_rows() != 1) return std::optional<oauth_state_row>();
    return row;
  });
}

result<std::int64_t> oauth_state_repository::remove_expired(std::int64_t now) {
  return detail::with_session(db_, "oauth_states.remove_expired", [&](soci::session& sql) -> result<std::int64_t> {
    long long at = now;
    soci::statement del =
        (sql.prepare << "DELETE FROM oauth_states WHERE expires_at < :now", soci::use(at));
    del.execute(true);
    return static_cast<std::int64_t>(del.get_affected_rows());
  });
}

}  // namespace kingkung::storage
