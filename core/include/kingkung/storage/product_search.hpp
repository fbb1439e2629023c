// Finding a seller's stored products for the catalog page: by shop, status and a search text, a page at a
// time. Reads only; every value the caller gives is a bound parameter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kingkung/domain/catalog.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct product_search_request {
  std::int64_t seller_id = 0;  // only this seller's shops are searched
  std::string shop_id;         // empty: every shop of the seller
  std::string status;          // the platform's product status (ACTIVATE, DRAFT, ...); empty: any
  // Empty: everything. Otherwise a product matches when its title contains the text (ASCII letters
  // compared without case), or its id, one of its SKU ids or seller SKUs equals it.
  std::string q;
  std::size_t limit = 50;  // 1..200
  std::string cursor;      // next_cursor of the previous page; empty for the first
};

struct product_search_page {
  std::vector<domain::product> products;  // most recently updated first, with SKUs and inventory
  std::string next_cursor;                // empty on the last page
};

class product_search {
 public:
  explicit product_search(database& db) : db_(db) {}

  // Products of the seller's shops that are not disconnected. Following next_cursor visits each match
  // once. errc::invalid_argument for a limit out of range, a search text over 200 characters or a cursor
  // this class did not hand out.
  result<product_search_page> find(const product_search_request& request);

 private:
  database& db_;
};

}  // namespace kingkung::storage
