#include "kingkung/storage/account_correction_repository.hpp"

#include <soci/soci.h>

#include "storage/session_guard.hpp"

namespace kingkung::storage {

result<std::int64_t> account_correction_repository::apply(std::int64_t user_id, const account_changes& changes) {
  constexpr std::string_view op = "users.correct";
  return detail::in_transaction(db_, op, [&](soci::session& sql) -> result<std::int64_t> {
    long long id = user_id;
    long long seller_id = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT seller_id FROM users WHERE id = :id", soci::into(seller_id, ind), soci::use(id);
    if (ind != soci::i_ok)
      return plugin::make_error(plugin::errc::not_found, std::string(op) + ": no user with id " +
                                                             std::to_string(user_id));
    if (changes.email) {
      long long other = 0;
      sql << "SELECT COUNT(*) FROM users WHERE email = :email AND id <> :id", soci::into(other),
          soci::use(*changes.email), soci::use(id);
      if (other > 0)
        return plugin::make_error(plugin::errc::failed_precondition,
                                  std::string(op) + ": email: another account already uses " + *changes.email);
      sql << "UPDATE users SET email = :email WHERE id = :id", soci::use(*changes.email), soci::use(id);
    }
    if (changes.locale)
      sql << "UPDATE users SET locale = :locale WHERE id = :id", soci::use(*changes.locale), soci::use(id);
    if (changes.seller_name) {
      long long other = 0;
      sql << "SELECT COUNT(*) FROM sellers WHERE name = :name AND id <> :id", soci::into(other),
          soci::use(*changes.seller_name), soci::use(seller_id);
      if (other > 0)
        return plugin::make_error(plugin::errc::failed_precondition,
                                  std::string(op) + ": seller_name: another seller is already named \"" +
                                      *changes.seller_name + "\"");
      sql << "UPDATE sellers SET name = :name WHERE id = :id", soci::use(*changes.seller_name),
          soci::use(seller_id);
    }
    return static_cast<std::int64_t>(seller_id);
  });
}

}  // namespace kingkung::storage
