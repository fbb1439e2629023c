// Orders as the product holds them. Platform ids are strings; money is decimal; times are Unix seconds
// (0 when the platform did not give one).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kingkung/common/decimal.hpp"

namespace kingkung::domain {

// Rank of an order status in the platform's life cycle; a stored order never moves to a lower rank
// because an older update arrived late (CANCELLED and COMPLETED are terminal).
enum class order_status {
  unknown, unpaid, on_hold, awaiting_shipment, partially_shipping, awaiting_collection, in_transit,
  delivered, completed, cancelled,
};
std::string_view to_string(order_status s);
order_status parse_order_status(std::string_view text);  // accepts "CANCEL" as cancelled; unknown otherwise
int status_rank(order_status s);

struct payment {
  std::string currency;
  decimal sub_total;
  decimal shipping_fee;
  decimal seller_discount;
  decimal platform_discount;
  decimal tax;
  decimal total_amount;
  decimal original_total_product_price;
  decimal original_shipping_fee;
  decimal product_tax;
  decimal shipping_fee_tax;
  decimal retail_delivery_fee;
  decimal small_order_fee;
  decimal buyer_service_fee;
  decimal shipping_fee_seller_discount;
  decimal shipping_fee_platform_discount;
};

// One level of a recipient's administrative area (L0 country ... L4).
struct district {
  std::string address_level;       // "L0".."L4"
  std::string address_level_name;  // "Country", "State", ...
  std::string address_name;
};

struct address {
  std::string name;
  std::string phone_number;  // masked by the platform
  std::string full_address;
  std::string postal_code;
  std::string region_code;
  std::string address_line1, address_line2, address_line3, address_line4;
  std::string first_name;  // BR/MX: the full name; last_name empty
  std::string last_name;
  std::string address_detail;
  std::vector<district> district_info;
};

struct line_item {
  std::string id;
  std::string sku_id;
  std::string product_id;
  std::string product_name;
  std::string sku_name;
  std::string sku_image;
  std::string seller_sku;
  decimal original_price;
  decimal sale_price;
  decimal seller_discount;
  decimal platform_discount;
  std::string currency;
  std::string display_status;
  std::string package_status;
  std::string package_id;
  std::string tracking_number;
  std::string shipping_provider_name;
  bool is_gift = false;
  std::string shipping_provider_id;
  std::string sku_type;      // NORMAL, PRE_ORDER, ...
  std::string cancel_reason;
  std::string cancel_user;
  std::int64_t rts_time = 0;
};

struct order {
  std::string shop_id;       // platform shop id
  std::string id;            // platform order id
  order_status status = order_status::unknown;
  std::string status_text;   // as the platform sent it
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::int64_t paid_time = 0;
  std::int64_t rts_sla_time = 0;
  std::int64_t shipping_due_time = 0;
  std::int64_t cancel_time = 0;
  std::string buyer_user_id;
  std::string buyer_email;
  std::string buyer_message;
  std::string seller_note;
  std::string shipping_type;     // TIKTOK | SELLER
  std::string fulfillment_type;
  std::string delivery_option_name;
  std::string shipping_provider;
  std::string tracking_number;
  std::string warehouse_id;
  std::string split_or_combine_tag;
  bool is_on_hold_order = false;
  bool is_cod = false;
  std::string cancel_reason;
  std::string cancellation_initiator;
  std::string need_upload_invoice;  // BR
  std::string cpf;                  // BR buyer tax id
  std::string cpf_name;
  payment pay;
  address recipient;
  std::vector<line_item> lines;
  std::vector<std::string> package_ids;
  std::string raw_json;  // the platform's order object as received
  std::int64_t rts_time = 0;             // when the seller shipped
  std::int64_t tts_sla_time = 0;
  std::int64_t collection_due_time = 0;
  std::int64_t delivery_due_time = 0;
  std::int64_t delivery_time = 0;
  std::int64_t collection_time = 0;
  std::int64_t request_cancel_time = 0;
  std::int64_t cancel_order_sla_time = 0;
  std::string delivery_type;             // HOME_DELIVERY | COLLECTION_POINT
  std::string delivery_option_id;
  std::string shipping_provider_id;
  std::string order_type;
  std::string commerce_platform;
  std::string replaced_order_id;
  bool is_sample_order = false;
  bool is_replacement_order = false;
  bool is_buyer_request_cancel = false;
};

}  // namespace kingkung::domain
