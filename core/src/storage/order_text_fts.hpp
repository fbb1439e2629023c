// Search of buyer emails and recipient names through an index (schema migration 6).
//
// SQLite: order_search_text, an FTS5 table with the trigram tokenizer, one row per order under the
// order's rowid holding its shop id, order id, buyer email and recipient name; order_repository writes it
// with the order, the purge removes it. A query of three characters or more becomes the AND of its
// trigrams (case folded), which finds every row that contains it and a few that only contain its
// trigrams; the caller checks the candidates against the orders table, so what matches is exactly "the
// email or name contains the query, ASCII letters without case".
//
// MySQL: a FULLTEXT index on orders.search_text (email and name, case-insensitive collation), which the
// server keeps. It finds words: each word of three characters or more in the query must begin a word of
// the email or name; the caller again checks that the email or name contains the whole query.
//
// Include only from core/src/storage/*.cpp (it pulls in SOCI).
#pragma once

#include <soci/soci.h>

#include <string>
#include <string_view>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage::detail {

// Keeps one order's row of order_search_text (SQLite) in step; prepared once per batch.
class order_text_writer {
 public:
  explicit order_text_writer(soci::session& sql);
  // Replaces whatever the rowid held (a row left by an order deleted without the repository included).
  void write(long long rowid, const std::string& shop_id, const std::string& order_id,
             const std::string& email, const std::string& name);

 private:
  long long rowid_ = 0;
  std::string shop_id_, order_id_, email_, name_;
  soci::statement erase_, insert_;
};

// Removes the search rows of a shop's orders; call before the orders themselves are deleted.
void forget_order_text(soci::session& sql, backend kind, const std::string& shop_id);

// Rebuilds the search rows of a shop's orders (after a bulk load that bypassed the repository).
void rebuild_order_text(soci::session& sql, backend kind, const std::string& shop_id);

// The FTS5 MATCH expression for a query on SQLite: distinct trigrams of it, quoted, joined by AND (at
// most four, spread over the query: the candidates are checked anyway). Empty when the query has fewer than
// three characters, which no trigram index can answer.
std::string trigram_match_expression(std::string_view query);

// The boolean-mode AGAINST expression for a query on MySQL: "+word*" for each word of three characters or
// more (letters, digits and '_'; anything else separates words). Empty when the query has no such word.
std::string fulltext_match_expression(std::string_view query);

}  // namespace kingkung::storage::detail
