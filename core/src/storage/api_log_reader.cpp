#include "kingkung/storage/api_log_reader.hpp"

#include <soci/soci.h>

#include <optional>
#include <variant>

#include "storage/cursor_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

constexpr std::size_t max_page = 1000;

struct position {
  long long at = 0;
  long long id = 0;
};

// The request's filters as the cursor codec's request identity.
std::string identity(const api_log_page_request& r) {
  return std::to_string(r.seller_id) + '\n' + r.shop_id;
}

std::variant<position, std::string> parse_cursor(const api_log_page_request& r) {
  auto decoded = detail::decode_cursor(r.cursor, 2, identity(r));
  if (auto* why = std::get_if<std::string>(&decoded)) return *why;
  const auto& fields = std::get<std::vector<std::string>>(decoded);
  auto at = detail::cursor_integer(fields[0]);
  auto id = detail::cursor_integer(fields[1]);
  if (!at || !id) return detail::malformed_cursor_reason();
  return position{*at, *id};
}

}  // namespace

result<api_log_page> api_log_reader::page_by_seller(const api_log_page_request& request) {
  constexpr std::string_view op = "api_log.page";
  if (request.limit == 0 || request.limit > max_page)
    return detail::invalid(
        op, "limit must be 1 to " + std::to_string(max_page) + ", got " + std::to_string(request.limit));
  if (request.shop_id.size() > 64) return detail::invalid(op, "the shop id must be at most 64 characters");
  std::optional<position> after;
  if (!request.cursor.empty()) {
    auto read = parse_cursor(request);
    if (auto* why = std::get_if<std::string>(&read)) return detail::invalid(op, *why);
    after = std::get<position>(read);
  }
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<api_log_page> {
    long long seller = request.seller_id;
    std::string query =
        "SELECT l.id, l.shop_id, l.method, l.path, l.http_status, l.code, l.message, l.request_id,"
        " l.duration_ms, l.called_at FROM api_call_log l JOIN shops s ON s.id = l.shop_id"
        " WHERE s.seller_id = :seller_id";
    if (!request.shop_id.empty()) query += " AND l.shop_id = :shop_id";
    if (after) query += " AND (l.called_at < :a1 OR (l.called_at = :a2 AND l.id < :i1))";
    query += " ORDER BY l.called_at DESC, l.id DESC LIMIT :fetch";
    long long fetch = static_cast<long long>(request.limit) + 1;

    api_call_entry row;
    long long id = 0, code = 0, duration_ms = 0, at = 0;
    soci::statement st(sql);
    st.exchange(soci::into(id));
    st.exchange(soci::into(row.shop_id));
    st.exchange(soci::into(row.method));
    st.exchange(soci::into(row.path));
    st.exchange(soci::into(row.http_status));
    st.exchange(soci::into(code));
    st.exchange(soci::into(row.message));
    st.exchange(soci::into(row.request_id));
    st.exchange(soci::into(duration_ms));
    st.exchange(soci::into(at));
    st.exchange(soci::use(seller));
    if (!request.shop_id.empty()) st.exchange(soci::use(request.shop_id));
    if (after) {
      st.exchange(soci::use(after->at));
      st.exchange(soci::use(after->at));
      st.exchange(soci::use(after->id));
    }
    st.exchange(soci::use(fetch));
    st.alloc();
    st.prepare(query);
    st.define_and_bind();
    st.execute();
    api_log_page page;
    while (st.fetch()) {
      row.id = id;
      row.code = code;
      row.duration_ms = duration_ms;
      row.at = at;
      page.calls.push_back(row);
    }
    if (page.calls.size() > request.limit) {
      page.calls.pop_back();
      page.next_cursor = detail::encode_cursor(
          {std::to_string(page.calls.back().at), std::to_string(page.calls.back().id)}, identity(request));
    }
    return page;
  });
}

result<std::vector<api_call_count>> api_log_reader::counts_by_code() {
  return detail::with_session(
      db_, "api_log.counts_by_code", [&](soci::session& sql) -> result<std::vector<api_call_count>> {
        int status = 0;
        long long code = 0, calls = 0;
        soci::statement st = (sql.prepare << "SELECT http_status, code, count(*) FROM api_call_log"
                                             " GROUP BY http_status, code ORDER BY http_status, code",
                              soci::into(status), soci::into(code), soci::into(calls));
        st.execute();
        std::vector<api_call_count> out;
        while (st.fetch()) out.push_back({status, code, calls});
        return out;
      });
}

}  // namespace kingkung::storage
