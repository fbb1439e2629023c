// Products with their SKUs, prices and inventory per warehouse (tables products, skus, inventory), keyed
// by (platform shop id, platform product id).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/domain/catalog.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct catalog_upsert_summary {
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t stale = 0;  // older update_time than what is stored: ignored
};

// Whether the snapshots of a batch carry the description. Get Product does (empty when the seller
// cleared it); Search Products never does, so its snapshots must not blank a stored description.
enum class description_field { included, absent };

class product_repository {
 public:
  explicit product_repository(database& db) : db_(db) {}

  // Stores every product of the batch with its SKUs and inventory in one transaction: all or nothing.
  // A stored product is replaced (SKUs and inventory included: SKUs no longer listed are removed) by a
  // snapshot with the same or a later update_time; an older one is ignored. The shop must exist.
  // With description_field::absent a stored product keeps its description (a new one is stored without).
  result<catalog_upsert_summary> upsert(const std::vector<domain::product>& products,
                                        description_field description);
  // upsert(products, description_field::included).
  result<catalog_upsert_summary> upsert(const std::vector<domain::product>& products);
  result<std::optional<domain::product>> get(std::string_view shop_id, std::string_view product_id);
  result<std::vector<std::string>> ids(std::string_view shop_id);  // sorted
  result<std::size_t> count(std::string_view shop_id);

 private:
  database& db_;
};

}  // namespace kingkung::storage
