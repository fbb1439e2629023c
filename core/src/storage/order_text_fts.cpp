#include "storage/order_text_fts.hpp"

#include <algorithm>
#include <vector>

namespace kingkung::storage::detail {
namespace {

// Each trigram of the AND reads its whole posting list, and a few spread over the query already leave
// only a handful of candidates for the LIKE check: four is several times cheaper than all of them.
constexpr std::size_t max_trigrams = 4;
// InnoDB's innodb_ft_max_token_size default: longer words are not in the index.
constexpr std::size_t max_fulltext_word = 84;
constexpr std::size_t min_fulltext_word = 3;

bool continues_character(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// The query split into UTF-8 characters (an invalid byte counts as one character).
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = 1;
    while (i + n < text.size() && continues_character(static_cast<unsigned char>(text[i + n]))) ++n;
    out.push_back(text.substr(i, n));
    i += n;
  }
  return out;
}

bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

}  // namespace

order_text_writer::order_text_writer(soci::session& sql) : erase_(sql), insert_(sql) {
  erase_.exchange(soci::use(rowid_));
  erase_.alloc();
  erase_.prepare("DELETE FROM order_search_text WHERE rowid = :rowid");
  erase_.define_and_bind();
  insert_.exchange(soci::use(rowid_));
  insert_.exchange(soci::use(shop_id_));
  insert_.exchange(soci::use(order_id_));
  insert_.exchange(soci::use(email_));
  insert_.exchange(soci::use(name_));
  insert_.alloc();
  insert_.prepare(
      "INSERT INTO order_search_text (rowid, shop_id, order_id, buyer_email, recipient_name)"
      " VALUES (:rowid, :shop_id, :order_id, :email, :name)");
  insert_.define_and_bind();
}

void order_text_writer::write(long long rowid, const std::string& shop_id, const std::string& order_id,
                              const std::string& email, const std::string& name) {
  rowid_ = rowid;
  shop_id_ = shop_id;
  order_id_ = order_id;
  email_ = email;
  name_ = name;
  erase_.execute(true);
  insert_.execute(true);
}

void forget_order_text(soci::session& sql, backend kind, const std::string& shop_id) {
  if (kind != backend::sqlite) return;  // MySQL's FULLTEXT index follows the rows by itself
  sql << "DELETE FROM order_search_text WHERE rowid IN (SELECT rowid FROM orders WHERE shop_id = :shop_id)",
      soci::use(shop_id);
  sql << "DELETE FROM order_search_text WHERE shop_id = :shop_id", soci::use(shop_id);
}

void rebuild_order_text(soci::session& sql, backend kind, const std::string& shop_id) {
  if (kind != backend::sqlite) return;
  forget_order_text(sql, kind, shop_id);
  sql << "INSERT INTO order_search_text (rowid, shop_id, order_id, buyer_email, recipient_name)"
         " SELECT rowid, shop_id, id, buyer_email, recipient_name FROM orders WHERE shop_id = :shop_id",
      soci::use(shop_id);
}

std::string trigram_match_expression(std::string_view query) {
  auto chars = characters(query);
  if (chars.size() < 3) return {};
  std::vector<std::string> trigrams;
  for (std::size_t i = 0; i + 3 <= chars.size(); ++i) {
    std::string t;
    for (std::size_t k = i; k < i + 3; ++k) t += chars[k];
    for (auto& c : t)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (std::find(trigrams.begin(), trigrams.end(), t) == trigrams.end()) trigrams.push_back(std::move(t));
  }
  // Spread over the query, so the few kept still pin down its whole length.
  std::vector<std::string> kept;
  if (trigrams.size() <= max_trigrams) {
    kept = trigrams;
  } else {
    for (std::size_t i = 0; i < max_trigrams; ++i)
      kept.push_back(trigrams[i * (trigrams.size() - 1) / (max_trigrams - 1)]);
  }
  std::string out;
  for (const auto& t : kept) {
    if (!out.empty()) out += " AND ";
    out += '"';
    for (char c : t) {
      if (c == '"') out += '"';  // a double quote inside an FTS5 string is doubled
      out += c;
    }
    out += '"';
  }
  return out;
}

std::string fulltext_match_expression(std::string_view query) {
  std::string out;
  std::size_t i = 0;
  while (i < query.size()) {
    if (!word_byte(static_cast<unsigned char>(query[i]))) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < query.size() && word_byte(static_cast<unsigned char>(query[i]))) ++i;
    auto word = query.substr(start, i - start);
    auto length = characters(word).size();
    if (length < min_fulltext_word || length > max_fulltext_word) continue;
    if (!out.empty()) out += ' ';
    out += '+';
    out += word;
    out += '*';
  }
  return out;
}

}  // namespace kingkung::storage::detail
