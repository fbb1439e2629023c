#include "kingkung/storage/lease_repository.hpp"

#include <soci/soci.h>

#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

result<void> check(std::string_view operation, std::string_view name, std::string_view holder) {
  if (auto p = detail::length_problem("lease name", name, lease_repository::max_name_length); !p.empty())
    return detail::invalid(operation, p);
  if (auto p = detail::length_problem("lease holder", holder, lease_repository::max_name_length); !p.empty())
    return detail::invalid(operation, p);
  return {};
}

std::optional<lease_info> read(soci::session& sql, const std::string& name) {
  lease_info info;
  long long acquired = 0, expires = 0;
  sql << "SELECT holder, acquired_at, expires_at FROM leases WHERE name = :name", soci::into(info.holder),
      soci::into(acquired), soci::into(expires), soci::use(name);
  if (!sql.got_data()) return std::nullopt;
  info.name = name;
  info.acquired_at = acquired;
  info.expires_at = expires;
  return info;
}

}  // namespace

result<bool> lease_repository::try_acquire(std::string_view name, std::string_view holder, std::int64_t now,
                                           std::int64_t ttl_seconds) {
  if (auto ok = check("leases.try_acquire", name, holder); !ok) return ok.err();
  return detail::with_session(db_, "leases.try_acquire", [&](soci::session& sql) -> result<bool> {
    std::string n(name), h(holder);
    long long at = now, expires = now + ttl_seconds;
    // acquired_at is assigned first: MySQL evaluates SET left to right with the new values.
    soci::statement update =
        (sql.prepare
             << "UPDATE leases SET acquired_at = CASE WHEN holder = :me1 THEN acquired_at ELSE :now1 END,"
                " holder = :me2, expires_at = :expires WHERE name = :name"
                " AND (expires_at <= :now2 OR holder = :me3)",
         soci::use(h), soci::use(at), soci::use(h), soci::use(expires), soci::use(n), soci::use(at),
         soci::use(h));
    update.execute(true);
    if (update.get_affected_rows() == 0) {
      try {
        sql << "INSERT INTO leases (name, holder, acquired_at, expires_at) VALUES (:name, :holder, :at, "
               ":expires)",
            soci::use(n), soci::use(h), soci::use(at), soci::use(expires);
      } catch (const std::exception& e) {
        if (!detail::classify(e).duplicate_key) throw;  // someone else holds it (or took it just now)
      }
    }
    // MySQL reports 0 rows for an UPDATE that changed nothing (a renewal in the same second): the row
    // itself says who holds the lease.
    auto current = read(sql, n);
    return current && current->holder == h && current->expires_at > at;
  });
}

result<bool> lease_repository::renew(std::string_view name, std::string_view holder, std::int64_t now,
                                     std::int64_t ttl_seconds) {
  if (auto ok = check("leases.renew", name, holder); !ok) return ok.err();
  return detail::with_session(db_, "leases.renew", [&](soci::session& sql) -> result<bool> {
    std::string n(name), h(holder);
    long long at = now, expires = now + ttl_seconds;
    sql << "UPDATE leases SET expires_at = :expires WHERE name = :name AND holder = :holder AND expires_at > "
           ":now",
        soci::use(expires), soci::use(n), soci::use(h), soci::use(at);
    auto current = read(sql, n);
    return current && current->holder == h && current->expires_at > at;
  });
}

result<void> lease_repository::release(std::string_view name, std::string_view holder) {
  if (auto ok = check("leases.release", name, holder); !ok) return ok;
  return detail::with_session(db_, "leases.release", [&](soci::session& sql) -> result<void> {
    std::string n(name), h(holder);
    sql << "DELETE FROM leases WHERE name = :name AND holder = :holder", soci::use(n), soci::use(h);
    return {};
  });
}

result<std::optional<lease_info>> lease_repository::get(std::string_view name) {
  if (auto p = detail::length_problem("lease name", name, max_name_length); !p.empty())
    return detail::invalid("leases.get", p);
  return detail::with_session(
      db_, "leases.get",
      [&](soci::session& sql) -> result<std::optional<lease_info>> { return read(sql, std::string(name)); });
}

}  // namespace kingkung::storage
