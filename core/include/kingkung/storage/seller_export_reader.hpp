// Reads what the product holds for one seller, for the seller's data export. Rows are handed to a
// callback one at a time, so an export of a large seller never holds everything in memory. Nothing read
// here is secret: shop ciphers, tokens and password hashes are never selected.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "kingkung/domain/catalog.hpp"
#include "kingkung/domain/package.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

class seller_export_reader {
 public:
  explicit seller_export_reader(database& db) : db_(db) {}

  // The seller's shops by id, with `cipher` left empty.
  result<std::vector<domain::shop>> shops(std::int64_t seller_id);
  // A shop's products by id, each with its SKUs and their inventory; raw_json and description left empty.
  result<void> for_each_product(std::string_view shop_id, const std::function<void(const domain::product&)>& f);
  // A shop's packages by id, with their order ids; raw_json left empty.
  result<void> for_each_package(std::string_view shop_id, const std::function<void(const domain::package&)>& f);
  // A shop's invoices by package id.
  result<void> for_each_invoice(std::string_view shop_id, const std::function<void(const domain::invoice&)>& f);

 private:
  database& db_;
};

}  // namespace kingkung::storage
