#include "kingkung/storage/sync_state_repository.hpp"

#include <soci/soci.h>

#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

constexpr std::size_t max_id = 64;
constexpr std::size_t max_resource = 32;
constexpr std::size_t max_error = 2000;

result<void> check(std::string_view operation, std::string_view shop_id, std::string_view resource) {
  if (auto p = detail::length_problem("shop id", shop_id, max_id); !p.empty())
    return detail::invalid(operation, p);
  if (auto p = detail::length_problem("sync resource", resource, max_resource); !p.empty())
    return detail::invalid(operation, p);
  return {};
}

std::string clip(std::string_view text) {
  return std::string(text.size() > max_error ? text.substr(0, max_error) : text);
}

// Makes sure the (shop, resource) row exists, so the statements after it are plain UPDATEs.
void ensure_row(soci::session& sql, backend kind, const std::string& shop, const std::string& resource) {
  sql << std::string(kind == backend::sqlite ? "INSERT OR IGNORE" : "INSERT IGNORE") +
             " INTO sync_state (shop_id, resource) VALUES (:shop_id, :resource)",
      soci::use(shop), soci::use(resource);
}

}  // namespace

result<std::optional<sync_state>> sync_state_repository::get(std::string_view shop_id,
                                                             std::string_view resource) {
  if (auto ok = check("sync_state.get", shop_id, resource); !ok) return ok.err();
  return detail::with_session(
      db_, "sync_state.get", [&](soci::session& sql) -> result<std::optional<sync_state>> {
        sync_state s;
        s.shop_id = shop_id;
        s.resource = resource;
        long long success = 0, attempt = 0, seen = 0, changed = 0;
        sql << "SELECT sync_cursor, last_success, last_attempt, last_error, items_seen, items_changed,"
               " consecutive_failures FROM sync_state WHERE shop_id = :shop_id AND resource = :resource",
            soci::into(s.cursor), soci::into(success), soci::into(attempt), soci::into(s.last_error),
            soci::into(seen), soci::into(changed), soci::into(s.consecutive_failures), soci::use(s.shop_id),
            soci::use(s.resource);
        if (!sql.got_data()) return std::optional<sync_state>();
        s.last_success = success;
        s.last_attempt = attempt;
        s.items_seen = seen;
        s.items_changed = changed;
        return std::optional<sync_state>(std::move(s));
      });
}

result<std::vector<sync_state>> sync_state_repository::list(std::string_view shop_id) {
  if (auto p = detail::length_problem("shop id", shop_id, max_id); !p.empty())
    return detail::invalid("sync_state.list", p);
  return detail::with_session(
      db_, "sync_state.list", [&](soci::session& sql) -> result<std::vector<sync_state>> {
        std::vector<sync_state> out;
        std::string shop(shop_id);
        sync_state s;
        long long success = 0, attempt = 0, seen = 0, changed = 0;
        soci::statement st =
            (sql.prepare
                 << "SELECT resource, sync_cursor, last_success, last_attempt, last_error, items_seen,"
                    " items_changed, consecutive_failures FROM sync_state WHERE shop_id = :shop_id"
                    " ORDER BY resource",
             soci::into(s.resource), soci::into(s.cursor), soci::into(success), soci::into(attempt),
             soci::into(s.last_error), soci::into(seen), soci::into(changed),
             soci::into(s.consecutive_failures), soci::use(shop));
        st.execute();
        while (st.fetch()) {
          s.shop_id = shop;
          s.last_success = success;
          s.last_attempt = attempt;
          s.items_seen = seen;
          s.items_changed = changed;
          out.push_back(s);
        }
        return out;
      });
}

result<void> sync_state_repository::save_cursor(std::string_view shop_id, std::string_view resource,
                                                std::string_view cursor, std::int64_t at) {
  if (auto ok = check("sync_state.save_cursor", shop_id, resource); !ok) return ok;
  return detail::in_transaction(db_, "sync_state.save_cursor", [&](soci::session& sql) -> result<void> {
    std::string shop(shop_id), res(resource), cur(cursor);
    long long when = at;
    ensure_row(sql, db_.kind(), shop, res);
    sql << "UPDATE sync_state SET sync_cursor = :cursor, last_attempt = :at WHERE shop_id = :shop_id"
           " AND resource = :resource",
        soci::use(cur), soci::use(when), soci::use(shop), soci::use(res);
    return {};
  });
}

result<void> sync_state_repository::record_success(std::string_view shop_id, std::string_view resource,
                                                   std::string_view cursor, std::int64_t at,
                                                   std::int64_t items_seen, std::int64_t items_changed) {
  if (auto ok = check("sync_state.record_success", shop_id, resource); !ok) return ok;
  return detail::in_transaction(db_, "sync_state.record_success", [&](soci::session& sql) -> result<void> {
    std::string shop(shop_id), res(resource), cur(cursor);
    long long when = at, seen = items_seen, changed = items_changed;
    ensure_row(sql, db_.kind(), shop, res);
    sql << "UPDATE sync_state SET sync_cursor = :cursor, last_success = :success, last_attempt = :attempt,"
           " last_error = '', items_seen = :seen, items_changed = :changed, consecutive_failures = 0"
           " WHERE shop_id = :shop_id AND resource = :resource",
        soci::use(cur), soci::use(when), soci::use(when), soci::use(seen), soci::use(changed),
        soci::use(shop), soci::use(res);
    return {};
  });
}

result<void> sync_state_repository::record_failure(std::string_view shop_id, std::string_view resource,
                                                   std::string_view error, std::int64_t at) {
  if (auto ok = check("sync_state.record_failure", shop_id, resource); !ok) return ok;
  return detail::in_transaction(db_, "sync_state.record_failure", [&](soci::session& sql) -> result<void> {
    std::string shop(shop_id), res(resource), text = db_.redact(clip(error));
    long long when = at;
    ensure_row(sql, db_.kind(), shop, res);
    sql << "UPDATE sync_state SET last_attempt = :at, last_error = :error,"
           " consecutive_failures = consecutive_failures + 1 WHERE shop_id = :shop_id AND resource = "
           ":resource",
        soci::use(when), soci::use(text), soci::use(shop), soci::use(res);
    return {};
  });
}

result<std::vector<std::string>> sync_state_repository::connected_shops() {
  return detail::with_session(db_, "sync_state.connected_shops",
                              [&](soci::session& sql) -> result<std::vector<std::string>> {
                                std::vector<std::string> out;
                                std::string id;
                                soci::statement st = (sql.prepare << "SELECT id FROM shops WHERE state = "
                                                                     "'connected' ORDER BY id",
                                                      soci::into(id));
                                st.execute();
                                while (st.fetch()) out.push_back(id);
                                return out;
                              });
}

result<stored_counts> sync_state_repository::counts(std::string_view shop_id) {
  return detail::with_session(db_, "sync_state.counts", [&](soci::session& sql) -> result<stored_counts> {
    stored_counts c;
    std::string shop(shop_id);
    long long n = 0;
    sql << "SELECT count(*) FROM orders WHERE shop_id = :shop_id", soci::into(n), soci::use(shop);
    c.orders = n;
    sql << "SELECT count(*) FROM products WHERE shop_id = :shop_id", soci::into(n), soci::use(shop);
    c.products = n;
    sql << "SELECT count(*) FROM packages WHERE shop_id = :shop_id", soci::into(n), soci::use(shop);
    c.packages = n;
    return c;
  });
}

}  // namespace kingkung::storage
