#include "kingkung/storage/user_repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"
#include "storage/user_columns.hpp"

namespace kingkung::storage {
namespace {

using detail::select_users;
using detail::user_columns;
using plugin::errc;
using plugin::make_error;

std::string normalise_email(std::string_view email) {
  std::string out(detail::trim(email));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string email_problem(const std::string& email) {
  if (auto p = detail::length_problem("the email", email, 254); !p.empty()) return p;
  auto at = email.find('@');
  bool shape = at != std::string::npos && at > 0 && at + 1 < email.size() &&
               email.find('@', at + 1) == std::string::npos;
  for (unsigned char c : email)
    if (std::isspace(c) || c < 0x20 || c == 0x7f) shape = false;
  if (!shape) return "\"" + email + "\" is not an email address (expected name@domain)";
  return {};
}

template <class Key>
std::vector<domain::user> query_users(soci::session& sql, std::string_view where, const Key& key) {
  user_columns row;
  soci::statement st(sql);
  row.bind_into(st);
  st.exchange(soci::use(key));
  st.alloc();
  st.prepare(select_users() + std::string(where));
  st.define_and_bind();
  st.execute();
  std::vector<domain::user> out;
  while (st.fetch()) out.push_back(row.to_domain());
  return out;
}

}  // namespace

std::string_view to_string(domain::role r) noexcept {
  return r == domain::role::owner ? "owner" : "staff";
}

std::optional<domain::role> parse_role(std::string_view text) {
  if (text == "owner") return domain::role::owner;
  if (text == "staff") return domain::role::staff;
  return std::nullopt;
}

result<domain::user> user_repository::add(domain::user u) {
  constexpr std::string_view op = "users.add";
  u.email = normalise_email(u.email);
  if (auto p = email_problem(u.email); !p.empty()) return detail::invalid(op, p);
  // A PHC string starts with '$'; anything else may be a plain password passed by mistake.
  if (u.password_hash.empty() || u.password_hash.front() != '$' || u.password_hash.size() > 255)
    return detail::invalid(
        op,
        "password_hash must be a hash from auth::hash_password (a PHC string starting with "
        "'$'); refusing to store anything else");
  if (u.locale.empty()) u.locale = "en";
  if (auto p = detail::length_problem("the locale", u.locale, 16); !p.empty()) return detail::invalid(op, p);
  if (u.created_at == 0) u.created_at = detail::unix_now();

  return detail::in_transaction(db_, op, [&](soci::session& sql) -> result<domain::user> {
    long long seller_id = u.seller_id;
    int sellers = 0;
    sql << "SELECT count(*) FROM sellers WHERE id = :id", soci::use(seller_id), soci::into(sellers);
    if (sellers == 0)
      return make_error(errc::not_found,
                        std::string(op) + ": seller " + std::to_string(u.seller_id) + " does not exist");
    int taken = 0;
    sql << "SELECT count(*) FROM users WHERE email = :email", soci::use(u.email), soci::into(taken);
    if (taken > 0)
      return make_error(errc::failed_precondition,
                        std::string(op) + ": a user with email " + u.email + " already exists");
    std::string role(to_string(u.user_role));
    long long created_at = u.created_at;
    sql << "INSERT INTO users (seller_id, email, password_hash, role, locale, created_at)"
           " VALUES (:seller_id, :email, :password_hash, :role, :locale, :created_at)",
        soci::use(seller_id), soci::use(u.email), soci::use(u.password_hash), soci::use(role),
        soci::use(u.locale), soci::use(created_at);
    long long id = 0;
    if (!sql.get_last_insert_id("users", id))
      return make_error(errc::internal, std::string(op) + ": the database did not report the new user's id");
    u.id = id;
    return u;
  });
}

result<std::optional<domain::user>> user_repository::get(std::int64_t id) {
  return detail::with_session(db_, "users.get",
                              [&](soci::session& sql) -> result<std::optional<domain::user>> {
                                long long key = id;
                                auto users = query_users(sql, "WHERE id = :id", key);
                                if (users.empty()) return std::optional<domain::user>();
                                return std::optional<domain::user>(std::move(users.front()));
                              });
}

result<std::optional<domain::user>> user_repository::find_by_email(std::string_view email) {
  std::string key = normalise_email(email);
  return detail::with_session(db_, "users.find_by_email",
                              [&](soci::session& sql) -> result<std::optional<domain::user>> {
                                auto users = query_users(sql, "WHERE email = :email", key);
                                if (users.empty()) return std::optional<domain::user>();
                                return std::optional<domain::user>(std::move(users.front()));
                              });
}

result<std::vector<domain::user>> user_repository::list_by_seller(std::int64_t seller_id) {
  return detail::with_session(db_, "users.list_by_seller",
                              [&](soci::session& sql) -> result<std::vector<domain::user>> {
                                long long key = seller_id;
                                return query_users(sql, "WHERE seller_id = :seller_id ORDER BY id", key);
                              });
}

}  // namespace kingkung::storage
