// Fulfillment: packages (search, detail, ship, batch ship), split (attributes, split order), combine
// (search combinable, combine, uncombine) and shipping documents.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/domain/package.hpp"
#include "kingkung/tiktok/client.hpp"

namespace kingkung::tiktok {

// POST /fulfillment/202309/packages/search.
struct search_packages_request {
  unsigned page_size = 20;  // 1..50
  std::string page_token;
  std::string sort_field;  // create_time | update_time | order_pay_time
  std::string sort_order;  // ASC | DESC
  std::optional<std::int64_t> create_time_ge;
  std::optional<std::int64_t> create_time_lt;
  std::optional<std::int64_t> update_time_ge;
  std::optional<std::int64_t> update_time_lt;
  std::string package_status;  // PROCESSING | FULFILLING | COMPLETED | CANCELLED
};

struct package_page {
  std::vector<domain::package> packages;
  std::string next_page_token;
  std::int64_t total_count = 0;
  std::string request_id;
};

result<package_page> search_packages(client& api, const shop_ref& shop,
                                     const search_packages_request& request);
result<unsigned> for_each_package_page(client& api, const shop_ref& shop, search_packages_request request,
                                       const std::function<bool(package_page&)>& on_page);
result<std::vector<domain::package>> search_all_packages(client& api, const shop_ref& shop,
                                                         search_packages_request request);

// GET /fulfillment/202309/packages/{package_id}.
result<domain::package> get_package_detail(client& api, const shop_ref& shop, std::string_view package_id);

// Ship Package body. `self_shipment` only for seller-shipping packages.
struct pickup_slot {
  std::int64_t start_time = 0;
  std::int64_t end_time = 0;
};
struct self_shipment {
  std::string tracking_number;
  std::string shipping_provider_id;
};
struct ship_package_request {
  std::string handover_method;  // PICKUP | DROP_OFF; empty: not sent
  std::optional<pickup_slot> slot;
  std::optional<self_shipment> self_ship;
};

// POST /fulfillment/202309/packages/{package_id}/ship. Never re-sent after an uncertain transport result.
result<write_outcome> ship_package(client& api, const shop_ref& shop, std::string_view package_id,
                                   const ship_package_request& request);

// POST /fulfillment/202309/packages/ship. Failures per package in `errors` (detail id "package_id").
struct package_shipment {
  std::string package_id;
  ship_package_request ship;
};
result<write_outcome> batch_ship_packages(client& api, const shop_ref& shop,
                                          const std::vector<package_shipment>& packages);

// GET /fulfillment/202309/orders/split_attributes?order_ids=a,b (batched by 50).
struct must_split_reason {
  std::string type;            // CATEGORY_ITEM_LIMITATION | TOTAL_COUNT_LIMITATION
  std::string category_id;     // for CATEGORY_ITEM_LIMITATION
  std::int64_t max_count = 0;  // items per package
};
struct split_attribute {
  std::string order_id;
  bool can_split = false;
  std::string reason;  // why not, when can_split is false
  bool must_split = false;
  std::vector<must_split_reason> must_split_reasons;
};
result<std::vector<split_attribute>> get_split_attributes(client& api, const shop_ref& shop,
                                                          const std::vector<std::string>& order_ids);

// POST /fulfillment/202309/orders/{order_id}/split. All conditions must be met in this one call.
struct splittable_group {
  std::string id;  // chosen by the caller, echoed back as splittable_group_id
  std::vector<std::string> order_line_item_ids;
};
struct split_package {
  std::string splittable_group_id;
  std::string package_id;  // ship with this id
};
struct split_result {
  std::vector<split_package> packages;
  std::string request_id;
};
result<split_result> split_order(client& api, const shop_ref& shop, std::string_view order_id,
                                 const std::vector<splittable_group>& groups);

// GET /fulfillment/202309/combinable_packages/search.
struct combinable_package {
  std::string id;  // pre-generated package id
  std::vector<std::string> order_ids;
};
struct combinable_page {
  std::vector<combinable_package> combinable_packages;
  std::string next_page_token;
  std::int64_t total_count = 0;
  std::string request_id;
};
result<combinable_page> search_combinable_packages(client& api, const shop_ref& shop, unsigned page_size = 20,
                                                   const std::string& page_token = {});
result<std::vector<combinable_package>> search_all_combinable_packages(client& api, const shop_ref& shop,
                                                                       unsigned page_size = 20);

// POST /fulfillment/202309/packages/combine: resulting packages, and failures per package.
struct combine_result {
  std::vector<combinable_package> packages;  // new package id and its orders
  std::vector<item_error> errors;
  std::string request_id;
};
result<combine_result> combine_packages(client& api, const shop_ref& shop,
                                        const std::vector<combinable_package>& packages);

// POST /fulfillment/202309/packages/{package_id}/uncombine: removes `order_ids` from the package;
// returns the resulting packages.
result<combine_result> uncombine_package(client& api, const shop_ref& shop, std::string_view package_id,
                                         const std::vector<std::string>& order_ids);

// GET /fulfillment/202309/packages/{package_id}/shipping_documents.
struct shipping_document_request {
  std::string document_type =
      "SHIPPING_LABEL";         // PACKING_SLIP, SHIPPING_LABEL_AND_PACKING_SLIP, INVOICE_LABEL (BR), ...
  std::string document_size;    // A6 (default) | A5; empty: not sent
  std::string document_format;  // PDF (default) | ZPL (BR); empty: not sent
};
struct shipping_document {
  std::string doc_url;  // valid 24 hours
  std::string tracking_number;
  std::string request_id;
};
result<shipping_document> get_shipping_document(client& api, const shop_ref& shop,
                                                std::string_view package_id,
                                                const shipping_document_request& request = {});

}  // namespace kingkung::tiktok
