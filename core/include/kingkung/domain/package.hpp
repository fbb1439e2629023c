// Packages (fulfillment units) and invoices.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kingkung::domain {

struct package {
  std::string shop_id;
  std::string id;
  std::string status;            // PROCESSING, FULFILLING, COMPLETED, CANCELLED
  std::vector<std::string> order_ids;
  std::vector<std::string> line_item_ids;
  std::string tracking_number;
  std::string shipping_provider_name;
  std::string shipping_provider_id;
  std::string split_and_combine_tag;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::string raw_json;
  std::string shipping_type;
  std::string delivery_option_id;
  std::string delivery_option_name;
  std::string handover_method;   // PICKUP | DROP_OFF
  std::string last_mile_tracking_number;  // cross-border
  std::string note_tag;          // BUYER_UNNOTED | BUYER_NOTED
  bool has_multi_skus = false;
  std::int64_t pickup_slot_start = 0;
  std::int64_t pickup_slot_end = 0;
};

// A Brazilian NF-e invoice for one package.
struct invoice {
  std::string shop_id;
  std::string package_id;
  std::vector<std::string> order_ids;
  std::string access_key;        // 44 digits
  std::string status;            // NOT_UPLOADED, PROCESSING, SUCCESS, FAILED, INVALID
  std::string invalid_reason;
  std::int64_t uploaded_at = 0;
  std::int64_t updated_at = 0;
};

}  // namespace kingkung::domain
