// The simulator's state: shops with their orders, packages, products and webhook subscriptions, plus
// the token host's authorizations. Plain data; the handlers keep it consistent, model_json.cpp
// persists it. Tokens and auth codes are stored only as SHA-256 hashes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "due_work.hpp"
#include "kingkung/sim/settings.hpp"
#include "money.hpp"
#include "order_index.hpp"

namespace kingkung::sim::detail {

struct line_item {
  std::string id;
  std::string sku_id;
  std::string product_id;
  std::string product_name;
  std::string sku_name;
  std::string sku_image;
  std::string seller_sku;
  std::string category_id;
  money original_price = 0;
  money sale_price = 0;  // original_price - seller_discount - platform_discount
  money seller_discount = 0;
  money platform_discount = 0;
  money tax = 0;           // sales tax on the unit (US)
  std::string package_id;  // empty until the order has a package
  std::string cancel_reason;
  std::string cancel_user;
  bool is_gift = false;
};

struct district {
  std::string level;  // L0..L4
  std::string level_name;
  std::string name;
};

struct address {
  std::string name;
  std::string first_name;
  std::string last_name;
  std::string phone_number;  // masked
  std::string postal_code;
  std::string region_code;
  std::string full_address;
  std::string line1, line2, line3, line4;
  std::string detail;
  std::vector<district> districts;
};

struct order {
  std::string id;
  std::string status;  // UNPAID, ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPING, AWAITING_COLLECTION, ...
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::int64_t paid_time = 0;
  std::int64_t rts_time = 0;
  std::int64_t rts_sla_time = 0;
  std::int64_t tts_sla_time = 0;
  std::int64_t shipping_due_time = 0;
  std::int64_t collection_due_time = 0;
  std::int64_t delivery_due_time = 0;
  std::int64_t cancel_order_sla_time = 0;
  std::int64_t collection_time = 0;
  std::int64_t delivery_time = 0;
  std::int64_t cancel_time = 0;
  std::string cancel_reason;
  std::string cancellation_initiator;
  bool is_buyer_request_cancel = false;
  std::string shipping_type;     // TIKTOK | SELLER
  std::string fulfillment_type;  // FULFILLMENT_BY_SELLER
  std::string delivery_type;     // HOME_DELIVERY | COLLECTION_POINT
  std::string delivery_option_id;
  std::string delivery_option_name;
  std::string warehouse_id;
  std::string shipping_provider;
  std::string shipping_provider_id;
  std::string tracking_number;
  std::string split_or_combine_tag;  // "", SPLIT, COMBINED
  bool is_on_hold_order = false;
  bool is_cod = false;
  std::string buyer_message;
  std::string buyer_email;
  std::string user_id;
  std::string seller_note;
  std::string need_upload_invoice;  // BR: NEED_INVOICE, INVOICE_PROCESSING, INVOICE_UPLOADED; else NO_NEED
  std::string cpf;
  std::string cpf_name;
  std::string currency;
  money original_shipping_fee = 0;
  money shipping_fee_seller_discount = 0;
  money shipping_fee_platform_discount = 0;
  money shipping_fee_tax = 0;
  money retail_delivery_fee = 0;
  address recipient;
  std::vector<line_item> lines;  // one per unit
  std::vector<std::string> package_ids;
};

struct invoice {
  std::string status;          // PROCESSING, SUCCESS, INVALID
  std::string invalid_reason;  // FAILED, NOT_FOUND, NOT_AUTHORIZED, ACCESS_KEY_DUPLICATE
  std::string decided_status;  // what PROCESSING turns into at settle_at
  std::string decided_reason;
  std::string access_key;
  std::vector<std::string> order_ids;
  std::int64_t uploaded_at = 0;
  std::int64_t settle_at = 0;
};

struct package {
  std::string id;
  std::string status;             // PROCESSING, FULFILLING, COMPLETED, CANCELLED
  std::string split_combine_tag;  // DEFAULT, SPLIT, COMBINE
  std::vector<std::string> order_ids;
  std::vector<std::string> line_item_ids;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::string shipping_type;
  std::string tracking_number;
  std::string shipping_provider_id;
  std::string shipping_provider_name;
  std::string handover_method;
  std::int64_t pickup_start = 0;
  std::int64_t pickup_end = 0;
  std::int64_t ship_time = 0;
  std::optional<invoice> invoice_record;
};

struct inventory_entry {
  std::string warehouse_id;
  std::int64_t quantity = 0;
};

struct sku {
  std::string id;
  std::string seller_sku;
  std::string attribute_name;   // e.g. "Color"
  std::string attribute_value;  // e.g. "Black"
  money price = 0;
  std::vector<inventory_entry> inventory;
};

struct product {
  std::string id;
  std::string title;
  std::string description;
  std::string status;        // ACTIVATE, SELLER_DEACTIVATED, FAILED, PENDING, DRAFT, ...
  std::string audit_status;  // APPROVED, AUDITING, FAILED, NONE
  std::vector<std::string> audit_failed_reasons;
  std::string category_id;
  std::string category_name;
  std::string brand;
  std::int64_t weight_grams = 0;
  std::int64_t length_cm = 0, width_cm = 0, height_cm = 0;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::int64_t audit_settle_at = 0;  // when AUDITING ends (0: not auditing)
  bool price_locked = false;         // an ongoing promotion locks the price
  std::vector<sku> skus;
};

struct warehouse {
  std::string id;
  std::string name;
};

struct subscription {
  std::string event_type;
  std::string address;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
};

struct shop_state {
  shop_settings cfg;
  std::string cipher;
  std::string code;
  std::string currency;
  std::vector<warehouse> warehouses;
  std::map<std::string, order> orders;
  std::map<std::string, package> packages;
  std::map<std::string, product> products;
  std::map<std::string, subscription> webhooks;  // by event_type
  order_index order_times;                       // derived from orders, not persisted
};

// One seller's grant to the app: what a refresh token renews.
struct authorization {
  std::string id;
  std::string seller;
  std::string seller_name;
  std::string base_region;
  std::string open_id;
  std::vector<std::string> scopes;
  std::int64_t granted_at = 0;
  std::int64_t expires_at = 0;  // the refresh token's absolute expiry
  bool revoked = false;
};

struct access_token_record {
  std::string authorization_id;
  std::int64_t expires_at = 0;
};

struct refresh_token_record {
  std::string authorization_id;
  std::int64_t expires_at = 0;
};

struct auth_code_record {
  std::string shop_key;
  std::vector<std::string> scopes;
  std::int64_t issued_at = 0;
  bool used = false;
};

struct sim_state {
  std::string app_key;  // the snapshot belongs to this app and seed
  std::uint64_t seed = 0;
  std::int64_t clock_offset = 0;            // seconds added to the host clock
  std::uint64_t id_counter = 0;             // ids made after generation
  std::map<std::string, shop_state> shops;  // by config key
  std::map<std::string, authorization> authorizations;
  std::map<std::string, access_token_record> access_tokens;    // by sha256 of the token
  std::map<std::string, refresh_token_record> refresh_tokens;  // by sha256 of the token
  std::map<std::string, auth_code_record> auth_codes;          // by sha256 of the code
  std::set<std::string> used_access_keys;  // NF-e keys of invoices that were accepted or are pending
  due_work due;                            // derived from shops, not persisted
};

}  // namespace kingkung::sim::detail
