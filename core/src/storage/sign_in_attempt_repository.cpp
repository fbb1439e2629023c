#include "kingkung/storage/sign_in_attempt_repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <cctype>

#include "storage/random_token.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

std::string email_key(std::string_view email) {
  std::string lower(detail::trim(email));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return detail::sha256_hex(lower);
}

// Addresses are IPv4 or IPv6 text; anything longer is cut so it still fits the column.
std::string address_key(std::string_view address) {
  return std::string(address.substr(0, 64));
}

attempt_count read_count(soci::session& sql, const std::string& query, const std::string* email,
                         const std::string& address, long long since) {
  long long failures = 0;
  long long oldest = 0;
  soci::indicator oldest_ind = soci::i_null;
  if (email != nullptr)
    sql << query, soci::use(*email), soci::use(address), soci::use(since), soci::into(failures),
        soci::into(oldest, oldest_ind);
  else
    sql << query, soci::use(address), soci::use(since), soci::into(failures), soci::into(oldest, oldest_ind);
  attempt_count c;
  c.failures = failures;
  c.oldest_at = oldest_ind == soci::i_null ? 0 : oldest;
  return c;
}

}  // namespace

result<void> sign_in_attempt_repository::record_failure(std::string_view email, std::string_view address,
                                                        std::int64_t at) {
  std::string e = email_key(email);
  std::string a = address_key(address);
  return detail::with_session(
      db_, "sign_in_attempts.record_failure", [&](soci::session& sql) -> result<void> {
        long long when = at;
        sql << "INSERT INTO sign_in_attempts (email_hash, address, failed_at) VALUES (:email, :address, :at)",
            soci::use(e), soci::use(a), soci::use(when);
        return {};
      });
}

result<attempt_count> sign_in_attempt_repository::count_for_email(std::string_view email,
                                                                  std::string_view address,
                                                                  std::int64_t since) {
  std::string e = email_key(email);
  std::string a = address_key(address);
  return detail::with_session(db_, "sign_in_attempts.count_for_email",
                              [&](soci::session& sql) -> result<attempt_count> {
                                return read_count(sql,
                                                  "SELECT count(*), min(failed_at) FROM sign_in_attempts"
                                                  " WHERE email_hash = :email AND address = :address"
                                                  " AND failed_at >= :since",
                                                  &e, a, since);
                              });
}

result<attempt_count> sign_in_attempt_repository::count_for_address(std::string_view address,
                                                                    std::int64_t since) {
  std::string a = address_key(address);
  return detail::with_session(db_, "sign_in_attempts.count_for_address",
                              [&](soci::session& sql) -> result<attempt_count> {
                                return read_count(sql,
                                                  "SELECT count(*), min(failed_at) FROM sign_in_attempts"
                                                  " WHERE address = :address AND failed_at >= :since",
                                                  nullptr, a, since);
                              });
}

result<void> sign_in_attempt_repository::clear_email(std::string_view email) {
  std::string e = email_key(email);
  return detail::with_session(db_, "sign_in_attempts.clear_email", [&](soci::session& sql) -> result<void> {
    sql << "DELETE FROM sign_in_attempts WHERE email_hash = :email", soci::use(e);
    return {};
  });
}

result<std::int64_t> sign_in_attempt_repository::purge_before(std::int64_t before) {
  return detail::with_session(
      db_, "sign_in_attempts.purge_before", [&](soci::session& sql) -> result<std::int64_t> {
        long long at = before;
        soci::statement del =
            (sql.prepare << "DELETE FROM sign_in_attempts WHERE failed_at < :before", soci::use(at));
        del.execute(true);
        return static_cast<std::int64_t>(del.get_affected_rows());
      });
}

}  // namespace kingkung::storage
