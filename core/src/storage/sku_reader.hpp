// Reads a stored product's SKUs with their inventory per warehouse: the one read shared by the product
// repository and the seller export.
#pragma once

#include <string>
#include <vector>

#include "kingkung/domain/catalog.hpp"
#include "kingkung/storage/database.hpp"

namespace soci {
class session;
}

namespace kingkung::storage::detail {

// The SKUs of (shop_id, product_id) by id, each with its inventory levels by warehouse id. Throws what
// SOCI throws, and std::runtime_error naming the column when a stored amount is not valid.
std::vector<domain::sku> read_skus(soci::session& sql, backend kind, const std::string& shop_id,
                                   const std::string& product_id);

}  // namespace kingkung::storage::detail
