#include "kingkung/storage/api_log_reader.hpp"

#include <soci/soci.h>

#include <charconv>
#include <optional>

#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

constexpr std::size_t max_page = 1000;

struct position {
  long long at = 0;
  long long id = 0;
};

std::optional<long long> parse_number(std::string_view text) {
  long long n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// "<called_at>:<id>"
std::optional<position> parse_cursor(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto at = parse_number(text.substr(0, colon));
  auto id = parse_number(text.substr(colon + 1));
  if (!at || !id) return std::nullopt;
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
    after = parse_cursor(request.cursor);
    if (!after)
      return detail::invalid(op, "the cursor \"" + request.cursor.substr(0, 100) +
                                     "\" is not one this server handed out (expected <time>:<id>)");
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
      page.next_cursor = std::to_string(page.calls.back().at) + ":" + std::to_string(page.calls.back().id);
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
