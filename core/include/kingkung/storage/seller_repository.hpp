// Sellers: the tenants. Every shop, user and audit entry belongs to one.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "kingkung/domain/shop.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

class seller_repository {
 public:
  explicit seller_repository(database& db) : db_(db) {}

  // Creates a seller named `name` (surrounding spaces dropped; 1 to 255 characters, no control
  // characters). A name already taken gives errc::failed_precondition.
  result<domain::seller> create(std::string_view name);
  result<std::optional<domain::seller>> get(std::int64_t id);
  result<std::optional<domain::seller>> find_by_name(std::string_view name);

 private:
  database& db_;
};

}  // namespace kingkung::storage
