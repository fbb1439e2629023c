#include "kingkung/storage/audit_repository.hpp"

#include <soci/soci.h>

#include <limits>

#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

constexpr std::size_t max_list = 1000;

}  // namespace

result<std::int64_t> audit_repository::append(const audit_entry& entry) {
  constexpr std::string_view op = "audit.append";
  if (auto p = detail::length_problem("the action", entry.action, 64); !p.empty())
    return detail::invalid(op, p);
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::int64_t> {
    long long seller_id = entry.seller_id;
    long long user_id = entry.user_id;
    long long at = entry.at != 0 ? entry.at : detail::unix_now();
    sql << "INSERT INTO audit_log (seller_id, user_id, action, target, detail, created_at)"
           " VALUES (:seller_id, :user_id, :action, :target, :detail, :created_at)",
        soci::use(seller_id), soci::use(user_id), soci::use(entry.action), soci::use(entry.target),
        soci::use(entry.detail), soci::use(at);
    long long id = 0;
    if (!sql.get_last_insert_id("audit_log", id))
      return plugin::make_error(plugin::errc::internal,
                                std::string(op) + ": the database did not report the new id");
    return static_cast<std::int64_t>(id);
  });
}

result<std::vector<audit_entry>> audit_repository::list_by_seller(std::int64_t seller_id, std::size_t limit,
                                                                  std::int64_t before_id) {
  constexpr std::string_view op = "audit.list_by_seller";
  if (limit == 0 || limit > max_list)
    return detail::invalid(
        op, "limit must be 1 to " + std::to_string(max_list) + ", got " + std::to_string(limit));
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::vector<audit_entry>> {
    long long seller = seller_id;
    long long before = before_id > 0 ? before_id : std::numeric_limits<long long>::max();
    long long count = static_cast<long long>(limit);
    audit_entry row;
    long long id = 0, seller_col = 0, user_id = 0, at = 0;
    soci::statement st = (sql.prepare << "SELECT id, seller_id, user_id, action, target, detail, created_at"
                                         " FROM audit_log WHERE seller_id = :seller_id AND id < :before_id"
                                         " ORDER BY id DESC LIMIT :count",
                          soci::into(id), soci::into(seller_col), soci::into(user_id), soci::into(row.action),
                          soci::into(row.target), soci::into(row.detail), soci::into(at), soci::use(seller),
                          soci::use(before), soci::use(count));
    st.execute();
    std::vector<audit_entry> out;
    while (st.fetch()) {
      row.id = id;
      row.seller_id = seller_col;
      row.user_id = user_id;
      row.at = at;
      out.push_back(row);
    }
    return out;
  });
}

}  // namespace kingkung::storage
