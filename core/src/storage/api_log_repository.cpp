#include "kingkung/storage/api_log_repository.hpp"

#include <soci/soci.h>

#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

constexpr std::size_t max_list = 1000;
constexpr std::size_t max_message = 1000;

constexpr std::string_view columns =
    "l.id, l.shop_id, l.method, l.path, l.http_status, l.code, l.message, l.request_id, l.duration_ms, "
    "l.called_at";

template <class Key>
std::vector<api_call_entry> query(soci::session& sql, const std::string& from_where, const Key& key,
                                  std::size_t limit) {
  api_call_entry row;
  long long id = 0, code = 0, duration_ms = 0, at = 0;
  long long count = static_cast<long long>(limit);
  soci::statement st =
      (sql.prepare << "SELECT " + std::string(columns) + " " + from_where +
                          " ORDER BY l.called_at DESC, l.id DESC LIMIT :count",
       soci::into(id), soci::into(row.shop_id), soci::into(row.method), soci::into(row.path),
       soci::into(row.http_status), soci::into(code), soci::into(row.message), soci::into(row.request_id),
       soci::into(duration_ms), soci::into(at), soci::use(key), soci::use(count));
  st.execute();
  std::vector<api_call_entry> out;
  while (st.fetch()) {
    row.id = id;
    row.code = code;
    row.duration_ms = duration_ms;
    row.at = at;
    out.push_back(row);
  }
  return out;
}

std::string limit_problem(std::size_t limit) {
  if (limit == 0 || limit > max_list)
    return "limit must be 1 to " + std::to_string(max_list) + ", got " + std::to_string(limit);
  return {};
}

// Cuts at a UTF-8 character boundary so MySQL's utf8mb4 column accepts the text.
std::string cut(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return std::string(text.substr(0, n));
}

}  // namespace

result<std::int64_t> api_log_repository::append(const api_call_entry& entry) {
  constexpr std::string_view op = "api_log.append";
  // The query string carries the signature and the shop cipher: never stored.
  std::string path(entry.path.substr(0, entry.path.find('?')));
  if (auto p = detail::length_problem("the shop id", entry.shop_id, 64, false); !p.empty())
    return detail::invalid(op, p);
  if (auto p = detail::length_problem("the method", entry.method, 8); !p.empty())
    return detail::invalid(op, p);
  if (auto p = detail::length_problem("the path", path, 512); !p.empty()) return detail::invalid(op, p);
  if (auto p = detail::length_problem("the request id", entry.request_id, 128, false); !p.empty())
    return detail::invalid(op, p);
  std::string message = cut(entry.message, max_message);
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::int64_t> {
    long long code = entry.code;
    long long duration_ms = entry.duration_ms;
    long long at = entry.at != 0 ? entry.at : detail::unix_now();
    sql << "INSERT INTO api_call_log (shop_id, method, path, http_status, code, message, request_id, "
           "duration_ms,"
           " called_at) VALUES (:shop_id, :method, :path, :http_status, :code, :message, :request_id, "
           ":duration_ms,"
           " :called_at)",
        soci::use(entry.shop_id), soci::use(entry.method), soci::use(path), soci::use(entry.http_status),
        soci::use(code), soci::use(message), soci::use(entry.request_id), soci::use(duration_ms),
        soci::use(at);
    long long id = 0;
    if (!sql.get_last_insert_id("api_call_log", id))
      return plugin::make_error(plugin::errc::internal,
                                std::string(op) + ": the database did not report the new id");
    return static_cast<std::int64_t>(id);
  });
}

result<std::vector<api_call_entry>> api_log_repository::recent_by_shop(std::string_view shop_id,
                                                                       std::size_t limit) {
  constexpr std::string_view op = "api_log.recent_by_shop";
  if (auto p = limit_problem(limit); !p.empty()) return detail::invalid(op, p);
  std::string key(shop_id);
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::vector<api_call_entry>> {
    return query(sql, "FROM api_call_log l WHERE l.shop_id = :shop_id", key, limit);
  });
}

result<std::vector<api_call_entry>> api_log_repository::recent_by_seller(std::int64_t seller_id,
                                                                         std::size_t limit) {
  constexpr std::string_view op = "api_log.recent_by_seller";
  if (auto p = limit_problem(limit); !p.empty()) return detail::invalid(op, p);
  long long key = seller_id;
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::vector<api_call_entry>> {
    return query(sql, "FROM api_call_log l JOIN shops s ON s.id = l.shop_id WHERE s.seller_id = :seller_id",
                 key, limit);
  });
}

}  // namespace kingkung::storage
