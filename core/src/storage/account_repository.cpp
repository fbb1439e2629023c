#include "kingkung/storage/account_repository.hpp"

#include <soci/soci.h>

#include <string>

#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;

result<void> update_one(database& db, std::string_view op, const std::string& statement,
                        const std::string& value, std::int64_t user_id) {
  return detail::with_session(db, op, [&](soci::session& sql) -> result<void> {
    long long id = user_id;
    soci::statement st = (sql.prepare << statement, soci::use(value), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      // MySQL counts only changed rows: an unchanged value is not a missing user.
      int users = 0;
      sql << "SELECT count(*) FROM users WHERE id = :id", soci::use(id), soci::into(users);
      if (users == 0)
        return make_error(errc::not_found,
                          std::string(op) + ": user " + std::to_string(user_id) + " does not exist");
    }
    return {};
  });
}

}  // namespace

result<void> account_repository::set_password_hash(std::int64_t user_id, std::string_view password_hash) {
  constexpr std::string_view op = "users.set_password_hash";
  if (password_hash.empty() || password_hash.front() != '$' || password_hash.size() > 255)
    return detail::invalid(
        op,
        "password_hash must be a hash from auth::hash_password (a PHC string starting with "
        "'$'); refusing to store anything else");
  return update_one(db_, op, "UPDATE users SET password_hash = :hash WHERE id = :id",
                    std::string(password_hash), user_id);
}

result<void> account_repository::set_locale(std::int64_t user_id, std::string_view locale) {
  constexpr std::string_view op = "users.set_locale";
  if (auto p = detail::length_problem("the locale", locale, 16); !p.empty()) return detail::invalid(op, p);
  if (detail::has_control_characters(locale)) return detail::invalid(op, "the locale has control characters");
  return update_one(db_, op, "UPDATE users SET locale = :locale WHERE id = :id", std::string(locale),
                    user_id);
}

result<bool> account_repository::remove(std::int64_t seller_id, std::int64_t user_id) {
  return detail::with_session(db_, "users.remove", [&](soci::session& sql) -> result<bool> {
    long long seller = seller_id;
    long long id = user_id;
    soci::statement del = (sql.prepare << "DELETE FROM users WHERE id = :id AND seller_id = :seller",
                           soci::use(id), soci::use(seller));
    del.execute(true);
    return del.get_affected_rows() > 0;
  });
}

}  // namespace kingkung::storage
