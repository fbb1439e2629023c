// Products: search, get, partial edit, update inventory, update price.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/common/decimal.hpp"
#include "kingkung/domain/catalog.hpp"
#include "kingkung/tiktok/client.hpp"

namespace kingkung::tiktok {

// POST /product/202502/products/search. Unset or empty filters are not sent.
struct search_products_request {
  unsigned page_size = 20;  // 1..100
  std::string page_token;
  std::string status;                    // ALL, DRAFT, PENDING, FAILED, ACTIVATE, SELLER_DEACTIVATED, ...
  std::vector<std::string> seller_skus;  // at most 10
  std::vector<std::string> sku_ids;      // at most 10
  std::optional<std::int64_t> create_time_ge;  // Unix seconds; note `le`, not `lt`
  std::optional<std::int64_t> create_time_le;
  std::optional<std::int64_t> update_time_ge;
  std::optional<std::int64_t> update_time_le;
  std::string category_version;
  std::vector<std::string> audit_status;
  std::vector<std::string> listing_platforms;
  std::optional<bool> return_draft_version;
};

struct product_page {
  std::vector<domain::product> products;
  std::string next_page_token;
  std::int64_t total_count = 0;  // the platform caps search results at 10,000
  std::string request_id;
};

result<product_page> search_products(client& api, const shop_ref& shop,
                                     const search_products_request& request);
result<unsigned> for_each_product_page(client& api, const shop_ref& shop, search_products_request request,
                                       const std::function<bool(product_page&)>& on_page);
result<std::vector<domain::product>> search_all_products(client& api, const shop_ref& shop,
                                                         search_products_request request);

// GET /product/202309/products/{product_id}.
struct get_product_options {
  std::optional<bool> return_under_review_version;
  std::optional<bool> return_draft_version;
  std::string locale;  // e.g. "pt-BR"; empty: not sent
};
result<domain::product> get_product(client& api, const shop_ref& shop, std::string_view product_id,
                                    const get_product_options& options = {});

// A SKU in a partial edit. Sending `skus` replaces the product's whole SKU list: SKUs left out are
// deleted by the platform.
struct sku_edit {
  std::string id;  // empty for a new SKU
  std::string seller_sku;
  std::optional<decimal> price;  // sent as price{amount, currency}
  std::string currency;
  std::vector<domain::inventory_level> inventory;
  std::string external_sku_id;
  std::string extra_json;  // a JSON object whose members are added to the SKU as they are
};

// POST /product/202509/products/{product_id}/partial_edit: only the properties given are replaced.
struct partial_edit_request {
  std::optional<std::string> title;
  std::optional<std::string> description;  // HTML
  std::optional<std::vector<sku_edit>> skus;
  std::string save_mode;   // AS_DRAFT | LISTING; empty: platform default (LISTING)
  std::string extra_json;  // a JSON object of further top-level properties, sent as they are
};

struct edited_sku {
  std::string id;
  std::string seller_sku;
  std::string external_sku_id;
};

struct partial_edit_response {
  std::string product_id;
  std::vector<edited_sku> skus;
  std::string audit_status;
  std::string request_id;
};

result<partial_edit_response> partial_edit_product(client& api, const shop_ref& shop,
                                                   std::string_view product_id,
                                                   const partial_edit_request& request);

// POST /product/202309/products/{product_id}/inventory/update. Every warehouse of a SKU must be listed;
// warehouse_id may be empty when the SKU has one warehouse. Failures per SKU come back in `errors`
// (detail id "sku_id", warehouse failures in warehouse_errors).
struct inventory_update {
  std::string sku_id;
  std::vector<domain::inventory_level> inventory;
};
result<write_outcome> update_inventory(client& api, const shop_ref& shop, std::string_view product_id,
                                       const std::vector<inventory_update>& skus);

// POST /product/202309/products/{product_id}/prices/update. Local sellers set `amount`; global sellers
// `sale_price`; US may also set `list_price`. Amounts are sent as decimal strings ("189.00").
struct price_update {
  std::string sku_id;
  std::string currency;  // BRL, MXN, USD, ...
  std::optional<decimal> amount;
  std::optional<decimal> sale_price;
  std::optional<decimal> list_price;
};
result<write_outcome> update_price(client& api, const shop_ref& shop, std::string_view product_id,
                                   const std::vector<price_update>& skus);

}  // namespace kingkung::tiktok
