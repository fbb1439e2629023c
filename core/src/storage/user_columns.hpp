// The columns of a users row, bound for reading and turned into a domain::user: shared by the user and
// session repositories. Include only from core/src/storage/*.cpp (it pulls in SOCI).
#pragma once

#include <soci/soci.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "kingkung/storage/user_repository.hpp"

namespace kingkung::storage::detail {

struct user_columns {
  long long id = 0;
  long long seller_id = 0;
  std::string email;
  std::string password_hash;
  std::string role;
  std::string locale;
  long long created_at = 0;

  // Every column in table order; `f(name, field)`.
  template <class F>
  void visit(F&& f) {
    f("id", id);
    f("seller_id", seller_id);
    f("email", email);
    f("password_hash", password_hash);
    f("role", role);
    f("locale", locale);
    f("created_at", created_at);
  }
  void bind_into(soci::statement& st) {
    visit([&](const char*, auto& field) { st.exchange(soci::into(field)); });
  }
  // "id, seller_id, ..." with each name after `prefix` (a table alias such as "u.").
  static std::string column_list(std::string_view prefix = {}) {
    std::string out;
    user_columns probe;
    probe.visit([&](const char* name, auto&) {
      if (!out.empty()) out += ", ";
      out += prefix;
      out += name;
    });
    return out;
  }
  domain::user to_domain() const {
    domain::user u;
    u.id = id;
    u.seller_id = seller_id;
    u.email = email;
    u.password_hash = password_hash;
    auto r = parse_role(role);
    if (!r) throw std::runtime_error("users.role holds \"" + role + "\", which is not owner or staff");
    u.user_role = *r;
    u.locale = locale;
    u.created_at = created_at;
    return u;
  }
};

// "SELECT <every column> FROM users ", to be followed by a WHERE clause.
inline std::string select_users() {
  return "SELECT " + user_columns::column_list() + " FROM users ";
}

}  // namespace kingkung::storage::detail
