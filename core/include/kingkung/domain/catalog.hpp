// Products, SKUs, prices and inventory per warehouse.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kingkung/common/decimal.hpp"

namespace kingkung::domain {

struct inventory_level {
  std::string warehouse_id;
  std::int64_t quantity = 0;
};

struct sku {
  std::string id;
  std::string seller_sku;
  std::string currency;
  decimal price;                // sale price (tax exclusive where the platform says so)
  std::vector<inventory_level> inventory;
  decimal tax_exclusive_price;  // as the platform sent it (0 when absent)
  std::string external_sku_id;
};

struct product {
  std::string shop_id;
  std::string id;
  std::string title;
  std::string status;           // ACTIVATE, DRAFT, ...
  std::string audit_status;
  std::string category_id;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::vector<sku> skus;
  std::string raw_json;
  std::string description;      // HTML (Get Product only)
  std::string brand_id;
  std::string brand_name;
  std::vector<std::string> sales_regions;
  bool has_draft = false;
};

}  // namespace kingkung::domain
