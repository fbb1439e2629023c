#include "kingkung/storage/module_state_repository.hpp"

#include <soci/soci.h>

#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;
using repo = module_state_repository;

result<void> check_owner(std::string_view operation, std::string_view shop_id, std::string_view module) {
  if (auto p = detail::length_problem("shop id", shop_id, repo::max_id_length); !p.empty())
    return detail::invalid(operation, p);
  if (auto p = detail::length_problem("module id", module, repo::max_id_length); !p.empty())
    return detail::invalid(operation, p);
  return {};
}

result<void> check_key(std::string_view operation, std::string_view shop_id, std::string_view module,
                       std::string_view key) {
  if (auto ok = check_owner(operation, shop_id, module); !ok) return ok;
  if (auto p = detail::length_problem("state key", key, repo::max_key_length); !p.empty())
    return detail::invalid(operation, p + " (module " + std::string(module) + ")");
  if (detail::has_control_characters(key))
    return detail::invalid(
        operation, "state key of module " + std::string(module) + " must not contain control characters");
  return {};
}

}  // namespace

result<std::optional<std::string>> module_state_repository::get(std::string_view shop_id,
                                                                std::string_view module,
                                                                std::string_view key) {
  if (auto ok = check_key("module_state.get", shop_id, module, key); !ok) return ok.err();
  return detail::with_session(
      db_, "module_state.get", [&](soci::session& sql) -> result<std::optional<std::string>> {
        std::string shop(shop_id), mod(module), k(key), value;
        soci::indicator ind = soci::i_ok;
        sql << "SELECT state_value FROM module_state WHERE module = :module AND shop_id = :shop_id"
               " AND state_key = :state_key",
            soci::into(value, ind), soci::use(mod), soci::use(shop), soci::use(k);
        if (!sql.got_data()) return std::optional<std::string>();
        return std::optional<std::string>(ind == soci::i_null ? std::string() : std::move(value));
      });
}

result<void> module_state_repository::put(std::string_view shop_id, std::string_view module,
                                          std::string_view key, std::string_view value,
                                          std::int64_t updated_at) {
  if (auto ok = check_key("module_state.put", shop_id, module, key); !ok) return ok;
  if (value.size() > max_value_length)
    return make_error(errc::too_large, "module_state.put: the value of key \"" + std::string(key) +
                                           "\" of module " + std::string(module) + " is " +
                                           std::to_string(value.size()) + " bytes; at most " +
                                           std::to_string(max_value_length) + " are kept");
  return detail::with_session(db_, "module_state.put", [&](soci::session& sql) -> result<void> {
    std::string shop(shop_id), mod(module), k(key), v(value);
    long long at = updated_at != 0 ? updated_at : detail::unix_now();
    const char* upsert = db_.kind() == backend::sqlite
                             ? " ON CONFLICT (module, shop_id, state_key) DO UPDATE SET"
                               " state_value = excluded.state_value, updated_at = excluded.updated_at"
                             : " ON DUPLICATE KEY UPDATE state_value = VALUES(state_value),"
                               " updated_at = VALUES(updated_at)";
    sql << std::string(
               "INSERT INTO module_state (module, shop_id, state_key, state_value, updated_at)"
               " VALUES (:module, :shop_id, :state_key, :state_value, :updated_at)") +
               upsert,
        soci::use(mod), soci::use(shop), soci::use(k), soci::use(v), soci::use(at);
    return {};
  });
}

result<void> module_state_repository::erase(std::string_view shop_id, std::string_view module,
                                            std::string_view key) {
  if (auto ok = check_key("module_state.erase", shop_id, module, key); !ok) return ok;
  return detail::with_session(db_, "module_state.erase", [&](soci::session& sql) -> result<void> {
    std::string shop(shop_id), mod(module), k(key);
    sql << "DELETE FROM module_state WHERE module = :module AND shop_id = :shop_id AND state_key = "
           ":state_key",
        soci::use(mod), soci::use(shop), soci::use(k);
    return {};
  });
}

result<std::vector<module_state_entry>> module_state_repository::list(std::string_view shop_id,
                                                                      std::string_view module) {
  if (auto ok = check_owner("module_state.list", shop_id, module); !ok) return ok.err();
  return detail::with_session(
      db_, "module_state.list", [&](soci::session& sql) -> result<std::vector<module_state_entry>> {
        std::string shop(shop_id), mod(module);
        std::vector<module_state_entry> out;
        module_state_entry row;
        long long at = 0;
        soci::statement st =
            (sql.prepare << "SELECT state_key, state_value, updated_at FROM module_state"
                            " WHERE module = :module AND shop_id = :shop_id ORDER BY state_key",
             soci::into(row.key), soci::into(row.value), soci::into(at), soci::use(mod), soci::use(shop));
        st.execute();
        while (st.fetch()) {
          row.updated_at = at;
          out.push_back(row);
        }
        return out;
      });
}

result<std::size_t> module_state_repository::erase_shop(std::string_view shop_id) {
  if (auto p = detail::length_problem("shop id", shop_id, max_id_length); !p.empty())
    return detail::invalid("module_state.erase_shop", p);
  return detail::with_session(db_, "module_state.erase_shop", [&](soci::session& sql) -> result<std::size_t> {
    std::string shop(shop_id);
    soci::statement st =
        (sql.prepare << "DELETE FROM module_state WHERE shop_id = :shop_id", soci::use(shop));
    st.execute(true);
    return static_cast<std::size_t>(st.get_affected_rows());
  });
}

}  // namespace kingkung::storage
