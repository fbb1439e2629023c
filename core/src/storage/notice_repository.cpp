#include "kingkung/storage/notice_repository.hpp"

#include <soci/soci.h>

#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;

constexpr std::size_t max_detail = 1000;

std::string cut(std::string_view text) {
  if (text.size() <= max_detail) return std::string(text);
  std::size_t n = max_detail;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;  // keep UTF-8 whole
  return std::string(text.substr(0, n));
}

template <class Key>
result<std::vector<notice_row>> read_rows(soci::session& sql, const std::string& query, const Key& key) {
  std::vector<notice_row> rows;
  std::string shop, kind, detail;
  long long due_at = 0, raised_at = 0;
  soci::statement st = (sql.prepare << query, soci::into(shop), soci::into(kind), soci::into(detail),
                        soci::into(due_at), soci::into(raised_at), soci::use(key));
  st.execute();
  while (st.fetch()) {
    auto k = parse_notice_kind(kind);
    if (!k)
      return make_error(errc::internal, "notices: unknown notice kind \"" + kind + "\" stored for shop " + shop);
    rows.push_back(notice_row{shop, *k, detail, due_at, raised_at});
  }
  return rows;
}

}  // namespace

std::string_view to_string(notice_kind kind) noexcept {
  switch (kind) {
    case notice_kind::authorization_expiring:
      return "authorization_expiring";
    case notice_kind::needs_reauthorization:
      return "needs_reauthorization";
  }
  return "authorization_expiring";
}

std::optional<notice_kind> parse_notice_kind(std::string_view text) {
  if (text == "authorization_expiring") return notice_kind::authorization_expiring;
  if (text == "needs_reauthorization") return notice_kind::needs_reauthorization;
  return std::nullopt;
}

result<void> notice_repository::put(const notice_row& row) {
  constexpr std::string_view op = "notices.put";
  if (auto p = detail::length_problem("the shop id", row.shop_id, 64); !p.empty()) return detail::invalid(op, p);
  return detail::in_transaction(
      db_, op,
      [&](soci::session& sql) -> result<void> {
        int shops = 0;
        sql << "SELECT count(*) FROM shops WHERE id = :id", soci::use(row.shop_id), soci::into(shops);
        if (shops == 0)
          return make_error(errc::not_found, std::string(op) + ": shop " + row.shop_id + " is not stored");
        std::string kind(to_string(row.kind));
        std::string text = cut(row.detail);
        long long due_at = row.due_at;
        long long raised_at = row.raised_at != 0 ? row.raised_at : detail::unix_now();
        const char* upsert = db_.kind() == backend::sqlite
                                 ? " ON CONFLICT (shop_id, kind) DO UPDATE SET detail = excluded.detail,"
                                   " due_at = excluded.due_at, raised_at = excluded.raised_at"
                                 : " ON DUPLICATE KEY UPDATE detail = VALUES(detail), due_at = VALUES(due_at),"
                                   " raised_at = VALUES(raised_at)";
        sql << std::string("INSERT INTO shop_notices (shop_id, kind, detail, due_at, raised_at)"
                           " VALUES (:shop_id, :kind, :detail, :due_at, :raised_at)") +
                   upsert,
            soci::use(row.shop_id), soci::use(kind), soci::use(text), soci::use(due_at), soci::use(raised_at);
        return {};
      },
      {.attempts = 3, .retry_duplicate_key = true});
}

result<void> notice_repository::remove(std::string_view shop_id, notice_kind kind) {
  return detail::with_session(db_, "notices.remove", [&](soci::session& sql) -> result<void> {
    std::string id(shop_id);
    std::string k(to_string(kind));
    sql << "DELETE FROM shop_notices WHERE shop_id = :shop_id AND kind = :kind", soci::use(id), soci::use(k);
    return {};
  });
}

result<void> notice_repository::remove_shop(std::string_view shop_id) {
  return detail::with_session(db_, "notices.remove_shop", [&](soci::session& sql) -> result<void> {
    std::string id(shop_id);
    sql << "DELETE FROM shop_notices WHERE shop_id = :shop_id", soci::use(id);
    return {};
  });
}

result<std::vector<notice_row>> notice_repository::list_by_shop(std::string_view shop_id) {
  return detail::with_session(db_, "notices.list_by_shop", [&](soci::session& sql) {
    std::string id(shop_id);
    return read_rows(sql,
                     "SELECT shop_id, kind, detail, due_at, raised_at FROM shop_notices"
                     " WHERE shop_id = :shop_id ORDER BY kind",
                     id);
  });
}

result<std::vector<notice_row>> notice_repository::list_by_seller(std::int64_t seller_id) {
  return detail::with_session(db_, "notices.list_by_seller", [&](soci::session& sql) {
    long long id = seller_id;
    return read_rows(sql,
                     "SELECT n.shop_id, n.kind, n.detail, n.due_at, n.raised_at FROM shop_notices n"
                     " JOIN shops s ON s.id = n.shop_id WHERE s.seller_id = :seller_id"
                     " ORDER BY CASE WHEN n.due_at = 0 THEN 1 ELSE 0 END, n.due_at, n.shop_id, n.kind",
                     id);
  });
}

}  // namespace kingkung::storage
