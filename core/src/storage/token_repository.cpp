#include "kingkung/storage/token_repository.hpp"

#include <soci/soci.h>

#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;

std::string subject(std::string_view shop_id, std::string_view kind) {
  return "the " + std::string(kind) + " token of shop " + std::string(shop_id);
}

result<void> check_key(std::string_view operation, std::string_view shop_id, std::string_view kind) {
  if (shop_id.empty() || shop_id.size() > 64)
    return make_error(errc::invalid_argument, std::string(operation) +
                                                  ": shop id must be 1 to 64 characters, got " +
                                                  std::to_string(shop_id.size()));
  if (kind != "access" && kind != "refresh")
    return make_error(errc::invalid_argument, std::string(operation) +
                                                  ": token kind must be \"access\" or "
                                                  "\"refresh\", got \"" +
                                                  std::string(kind) + "\"");
  return {};
}

result<void> check_row(std::string_view operation, const sealed_token_row& row) {
  if (auto ok = check_key(operation, row.shop_id, row.kind); !ok) return ok;
  if (row.sealed.empty())
    return make_error(errc::invalid_argument, std::string(operation) + ": " + subject(row.shop_id, row.kind) +
                                                  " has an empty sealed record");
  return {};
}

}  // namespace

result<void> token_repository::put(const sealed_token_row& row) {
  if (auto ok = check_row("tokens.put", row); !ok) return ok;
  return detail::with_session(db_, "tokens.put", [&](soci::session& sql) -> result<void> {
    long long expires_at = row.expires_at;
    long long updated_at = row.updated_at != 0 ? row.updated_at : detail::unix_now();
    const char* upsert =
        db_.kind() == backend::sqlite
            ? " ON CONFLICT (shop_id, kind) DO UPDATE SET sealed = excluded.sealed,"
              " expires_at = excluded.expires_at, updated_at = excluded.updated_at"
            : " ON DUPLICATE KEY UPDATE sealed = VALUES(sealed), expires_at = VALUES(expires_at),"
              " updated_at = VALUES(updated_at)";
    sql << std::string(
               "INSERT INTO shop_tokens (shop_id, kind, sealed, expires_at, updated_at)"
               " VALUES (:shop_id, :kind, :sealed, :expires_at, :updated_at)") +
               upsert,
        soci::use(row.shop_id), soci::use(row.kind), soci::use(row.sealed), soci::use(expires_at),
        soci::use(updated_at);
    return {};
  });
}

result<std::optional<sealed_token_row>> token_repository::get(std::string_view shop_id,
                                                              std::string_view kind) {
  if (auto ok = check_key("tokens.get", shop_id, kind); !ok) return ok.err();
  return detail::with_session(db_, "tokens.get",
                              [&](soci::session& sql) -> result<std::optional<sealed_token_row>> {
                                sealed_token_row row;
                                row.shop_id = std::string(shop_id);
                                row.kind = std::string(kind);
                                long long expires_at = 0;
                                long long updated_at = 0;
                                sql << "SELECT sealed, expires_at, updated_at FROM shop_tokens WHERE shop_id "
                                       "= :shop_id AND kind = :kind",
                                    soci::into(row.sealed), soci::into(expires_at), soci::into(updated_at),
                                    soci::use(row.shop_id), soci::use(row.kind);
                                if (!sql.got_data()) return std::optional<sealed_token_row>();
                                row.expires_at = expires_at;
                                row.updated_at = updated_at;
                                return std::optional<sealed_token_row>(std::move(row));
                              });
}

result<void> token_repository::remove_shop(std::string_view shop_id) {
  if (shop_id.empty() || shop_id.size() > 64)
    return make_error(errc::invalid_argument, "tokens.remove_shop: shop id must be 1 to 64 characters");
  return detail::with_session(db_, "tokens.remove_shop", [&](soci::session& sql) -> result<void> {
    std::string id(shop_id);
    sql << "DELETE FROM shop_tokens WHERE shop_id = :shop_id", soci::use(id);
    return {};
  });
}

result<std::vector<sealed_token_row>> token_repository::all() {
  return detail::with_session(
      db_, "tokens.all", [&](soci::session& sql) -> result<std::vector<sealed_token_row>> {
        std::vector<sealed_token_row> rows;
        sealed_token_row row;
        long long expires_at = 0;
        long long updated_at = 0;
        soci::statement st =
            (sql.prepare << "SELECT shop_id, kind, sealed, expires_at, updated_at FROM shop_tokens"
                            " ORDER BY shop_id, kind",
             soci::into(row.shop_id), soci::into(row.kind), soci::into(row.sealed), soci::into(expires_at),
             soci::into(updated_at));
        st.execute();
        while (st.fetch()) {
          row.expires_at = expires_at;
          row.updated_at = updated_at;
          rows.push_back(row);
        }
        return rows;
      });
}

result<void> token_repository::replace_all(const std::vector<sealed_token_row>& rows) {
  for (const auto& row : rows)
    if (auto ok = check_row("tokens.replace_all", row); !ok) return ok;
  if (rows.empty()) return {};
  const char* lock = db_.kind() == backend::mysql ? " FOR UPDATE" : "";
  return detail::in_transaction(db_, "tokens.replace_all", [&](soci::session& sql) -> result<void> {
    for (const auto& row : rows) {
      long long expires_at = 0;
      long long updated_at = 0;
      sql << std::string(
                 "SELECT expires_at, updated_at FROM shop_tokens WHERE shop_id = :shop_id AND kind = :kind") +
                 lock,
          soci::into(expires_at), soci::into(updated_at), soci::use(row.shop_id), soci::use(row.kind);
      if (!sql.got_data())
        return make_error(errc::failed_precondition, "tokens.replace_all: " + subject(row.shop_id, row.kind) +
                                                         " was removed meanwhile; no token was changed");
      if (expires_at != row.expires_at || updated_at != row.updated_at)
        return make_error(errc::failed_precondition,
                          "tokens.replace_all: " + subject(row.shop_id, row.kind) +
                              " was replaced meanwhile (a refresh); no token was changed");
      sql << "UPDATE shop_tokens SET sealed = :sealed WHERE shop_id = :shop_id AND kind = :kind",
          soci::use(row.sealed), soci::use(row.shop_id), soci::use(row.kind);
    }
    return {};
  });
}

}  // namespace kingkung::storage
