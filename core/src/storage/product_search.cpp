#include "kingkung/storage/product_search.hpp"

#include <soci/soci.h>

#include <charconv>
#include <optional>
#include <variant>

#include "kingkung/storage/catalog_repository.hpp"
#include "storage/cursor_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

constexpr std::size_t max_page = 200;
constexpr std::size_t max_query = 200;

struct position {
  long long update_time = 0;
  std::string shop_id;
  std::string id;
};

// The request's filters as the cursor codec's request identity.
std::string identity(const product_search_request& r) {
  return std::to_string(r.seller_id) + '\n' + r.shop_id + '\n' + r.status + '\n' + r.q;
}

std::string make_cursor(const product_search_request& r, const domain::product& last) {
  return detail::encode_cursor({std::to_string(last.update_time), last.shop_id, last.id}, identity(r));
}

std::variant<position, std::string> parse_cursor(const product_search_request& r) {
  auto decoded = detail::decode_cursor(r.cursor, 3, identity(r));
  if (auto* why = std::get_if<std::string>(&decoded)) return *why;
  const auto& fields = std::get<std::vector<std::string>>(decoded);
  auto time = detail::cursor_integer(fields[0]);
  if (!time || fields[1].empty() || fields[1].size() > 64 || fields[2].empty() || fields[2].size() > 64)
    return detail::malformed_cursor_reason();
  return position{*time, fields[1], fields[2]};
}

// A LIKE pattern matching `text` anywhere, with '!' as the escape character on both backends.
std::string contains_pattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower == '%' || lower == '_' || lower == '!') out.push_back('!');
    out.push_back(lower);
  }
  out.push_back('%');
  return out;
}

}  // namespace

result<product_search_page> product_search::find(const product_search_request& request) {
  constexpr std::string_view op = "products.search";
  if (request.limit == 0 || request.limit > max_page)
    return detail::invalid(
        op, "limit must be 1 to " + std::to_string(max_page) + ", got " + std::to_string(request.limit));
  if (request.q.size() > max_query)
    return detail::invalid(op, "the search text must be at most " + std::to_string(max_query) +
                                   " characters, got " + std::to_string(request.q.size()));
  if (request.shop_id.size() > 64 || request.status.size() > 64)
    return detail::invalid(op, "shop id and status must be at most 64 characters");
  std::optional<position> after;
  if (!request.cursor.empty()) {
    auto read = parse_cursor(request);
    if (auto* why = std::get_if<std::string>(&read)) return detail::invalid(op, *why);
    after = std::get<position>(read);
  }

  auto keys = detail::with_session(
      db_, op, [&](soci::session& sql) -> result<std::vector<std::pair<std::string, std::string>>> {
        long long seller = request.seller_id;
        std::string query =
            "SELECT p.shop_id, p.id FROM products p JOIN shops s ON s.id = p.shop_id"
            " WHERE s.seller_id = :seller_id AND s.state <> 'disconnected'";
        if (!request.shop_id.empty()) query += " AND p.shop_id = :shop_id";
        if (!request.status.empty()) query += " AND p.status = :status";
        const std::string pattern = contains_pattern(request.q);
        if (!request.q.empty())
          query +=
              " AND (LOWER(p.title) LIKE :pattern ESCAPE '!' OR p.id = :product_id OR EXISTS (SELECT 1 FROM"
              " skus k WHERE k.shop_id = p.shop_id AND k.product_id = p.id AND (k.id = :sku_id OR"
              " k.seller_sku = :seller_sku)))";
        if (after)
          query +=
              " AND (p.update_time < :t1 OR (p.update_time = :t2 AND (p.shop_id < :s1 OR (p.shop_id = :s2"
              " AND p.id < :i1))))";
        query += " ORDER BY p.update_time DESC, p.shop_id DESC, p.id DESC LIMIT :fetch";
        // One extra row tells whether another page follows.
        long long fetch = static_cast<long long>(request.limit) + 1;

        std::string shop, id;
        soci::statement st(sql);
        st.exchange(soci::into(shop));
        st.exchange(soci::into(id));
        st.exchange(soci::use(seller));
        if (!request.shop_id.empty()) st.exchange(soci::use(request.shop_id));
        if (!request.status.empty()) st.exchange(soci::use(request.status));
        if (!request.q.empty()) {
          st.exchange(soci::use(pattern));
          st.exchange(soci::use(request.q));
          st.exchange(soci::use(request.q));
          st.exchange(soci::use(request.q));
        }
        if (after) {
          st.exchange(soci::use(after->update_time));
          st.exchange(soci::use(after->update_time));
          st.exchange(soci::use(after->shop_id));
          st.exchange(soci::use(after->shop_id));
          st.exchange(soci::use(after->id));
        }
        st.exchange(soci::use(fetch));
        st.alloc();
        st.prepare(query);
        st.define_and_bind();
        st.execute();
        std::vector<std::pair<std::string, std::string>> out;
        while (st.fetch()) out.emplace_back(shop, id);
        return out;
      });
  if (!keys) return keys.err();

  product_search_page page;
  bool more = keys->size() > request.limit;
  if (more) keys->pop_back();
  product_repository products(db_);
  for (const auto& [shop, id] : *keys) {
    auto product = products.get(shop, id);
    if (!product) return product.err();
    if (*product) page.products.push_back(std::move(**product));  // removed meanwhile: skipped
  }
  if (more && !page.products.empty()) page.next_cursor = make_cursor(request, page.products.back());
  return page;
}

}  // namespace kingkung::storage
