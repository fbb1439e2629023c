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

  void bind_into(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(seller_id));
    st.exchange(soci::into(email));
    st.exchange(soci::into(password_hash));
    st.exchange(soci::into(role));
    st.exchange(soci::into(locale));
    st.exchange(soci::into(created_at));
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

inline constexpr std::string_view select_users =
    "SELECT id, seller_id, email, password_hash, role, locale, created_at FROM users ";

}  // namespace kingkung::storage::detail
