#include "kingkung/storage/seller_repository.hpp"

#include <soci/soci.h>

#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;

std::string name_problem(std::string_view name) {
  if (auto p = detail::length_problem("the seller name", name, 255); !p.empty()) return p;
  if (detail::has_control_characters(name)) return "the seller name contains control characters";
  return {};
}

template <class Key>
result<std::optional<domain::seller>> find_where(database& db, std::string_view operation,
                                                 const std::string& column, const Key& key) {
  return detail::with_session(
      db, operation, [&](soci::session& sql) -> result<std::optional<domain::seller>> {
        domain::seller s;
        long long id = 0;
        long long created_at = 0;
        soci::statement st(sql);
        st.exchange(soci::into(id));
        st.exchange(soci::into(s.name));
        st.exchange(soci::into(created_at));
        st.exchange(soci::use(key));
        st.alloc();
        st.prepare("SELECT id, name, created_at FROM sellers WHERE " + column + " = :key");
        st.define_and_bind();
        if (!st.execute(true)) return std::optional<domain::seller>();
        s.id = id;
        s.created_at = created_at;
        return std::optional<domain::seller>(std::move(s));
      });
}

}  // namespace

result<domain::seller> seller_repository::create(std::string_view raw_name) {
  std::string name(detail::trim(raw_name));
  if (auto p = name_problem(name); !p.empty()) return detail::invalid("sellers.create", p);
  return detail::in_transaction(db_, "sellers.create", [&](soci::session& sql) -> result<domain::seller> {
    int taken = 0;
    sql << "SELECT count(*) FROM sellers WHERE name = :name", soci::use(name), soci::into(taken);
    if (taken > 0)
      return make_error(errc::failed_precondition,
                        "sellers.create: a seller named \"" + name + "\" already exists");
    domain::seller s;
    s.name = name;
    long long created_at = detail::unix_now();
    sql << "INSERT INTO sellers (name, created_at) VALUES (:name, :created_at)", soci::use(s.name),
        soci::use(created_at);
    long long id = 0;
    if (!sql.get_last_insert_id("sellers", id))
      return make_error(errc::internal, "sellers.create: the database did not report the new seller's id");
    s.id = id;
    s.created_at = created_at;
    return s;
  });
}

result<std::optional<domain::seller>> seller_repository::get(std::int64_t id) {
  long long key = id;
  return find_where(db_, "sellers.get", "id", key);
}

result<std::optional<domain::seller>> seller_repository::find_by_name(std::string_view raw_name) {
  std::string name(detail::trim(raw_name));
  return find_where(db_, "sellers.find_by_name", "name", name);
}

}  // namespace kingkung::storage
