// Packages (fulfillment units) and the orders in each (tables packages, package_orders), keyed by
// (platform shop id, platform package id).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/domain/package.hpp"
#include "kingkung/storage/catalog_repository.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

class package_repository {
 public:
  explicit package_repository(database& db) : db_(db) {}

  // Stores every package of the batch with its order ids in one transaction: all or nothing. A stored
  // package is replaced by a snapshot with the same or a later update_time; an older one is ignored.
  result<catalog_upsert_summary> upsert(const std::vector<domain::package>& packages);
  result<std::optional<domain::package>> get(std::string_view shop_id, std::string_view package_id);
  result<std::vector<std::string>> ids(std::string_view shop_id);  // sorted
  result<std::size_t> count(std::string_view shop_id);

 private:
  database& db_;
};

}  // namespace kingkung::storage
