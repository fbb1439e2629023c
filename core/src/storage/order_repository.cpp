#include "kingkung/storage/order_repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <stdexcept>

#include "kingkung/log/log.hpp"
#include "storage/column_codec.hpp"
#include "storage/order_change_marks.hpp"
#include "storage/order_status_counters.hpp"
#include "storage/order_text_fts.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;

constexpr std::size_t max_page = 500;

// One orders row as SOCI binds it. visit_key() and visit_values() name every column once, so the
// INSERT, UPDATE and SELECT statements are built from the same list.
struct order_columns {
  std::string shop_id, id;
  std::string status, status_text;
  int status_rank = 0;
  long long create_time = 0, update_time = 0, paid_time = 0, rts_sla_time = 0, shipping_due_time = 0,
            cancel_time = 0, rts_time = 0, tts_sla_time = 0, collection_due_time = 0, delivery_due_time = 0,
            delivery_time = 0, collection_time = 0, request_cancel_time = 0, cancel_order_sla_time = 0;
  std::string buyer_user_id, buyer_email, buyer_message, seller_note, shipping_type, fulfillment_type,
      delivery_option_name, shipping_provider, tracking_number, warehouse_id, split_or_combine_tag;
  std::string delivery_type, delivery_option_id, shipping_provider_id, order_type, commerce_platform,
      replaced_order_id;
  int is_on_hold_order = 0, is_cod = 0, is_sample_order = 0, is_replacement_order = 0,
      is_buyer_request_cancel = 0;
  std::string cancel_reason, cancellation_initiator, need_upload_invoice, cpf, cpf_name, currency;
  std::string sub_total, shipping_fee, seller_discount, platform_discount, tax, total_amount,
      original_total_product_price, original_shipping_fee, product_tax, shipping_fee_tax, retail_delivery_fee,
      small_order_fee, buyer_service_fee, shipping_fee_seller_discount, shipping_fee_platform_discount;
  std::string recipient_first_name, recipient_last_name, recipient_address_detail, recipient_districts;
  std::string recipient_name, recipient_phone, recipient_full_address, recipient_postal_code,
      recipient_region_code, recipient_address_line1, recipient_address_line2, recipient_address_line3,
      recipient_address_line4;
  std::string package_ids, raw_json;
  long long stored_at = 0;

  template <class F>
  void visit_key(F&& f) {
    f("shop_id", shop_id);
    f("id", id);
  }
  template <class F>
  void visit_values(F&& f) {
    f("status", status);
    f("status_text", status_text);
    f("status_rank", status_rank);
    f("create_time", create_time);
    f("update_time", update_time);
    f("paid_time", paid_time);
    f("rts_sla_time", rts_sla_time);
    f("shipping_due_time", shipping_due_time);
    f("cancel_time", cancel_time);
    f("rts_time", rts_time);
    f("tts_sla_time", tts_sla_time);
    f("collection_due_time", collection_due_time);
    f("delivery_due_time", delivery_due_time);
    f("delivery_time", delivery_time);
    f("collection_time", collection_time);
    f("request_cancel_time", request_cancel_time);
    f("cancel_order_sla_time", cancel_order_sla_time);
    f("buyer_user_id", buyer_user_id);
    f("buyer_email", buyer_email);
    f("buyer_message", buyer_message);
    f("seller_note", seller_note);
    f("shipping_type", shipping_type);
    f("fulfillment_type", fulfillment_type);
    f("delivery_option_name", delivery_option_name);
    f("shipping_provider", shipping_provider);
    f("tracking_number", tracking_number);
    f("warehouse_id", warehouse_id);
    f("split_or_combine_tag", split_or_combine_tag);
    f("delivery_type", delivery_type);
    f("delivery_option_id", delivery_option_id);
    f("shipping_provider_id", shipping_provider_id);
    f("order_type", order_type);
    f("commerce_platform", commerce_platform);
    f("replaced_order_id", replaced_order_id);
    f("is_on_hold_order", is_on_hold_order);
    f("is_cod", is_cod);
    f("is_sample_order", is_sample_order);
    f("is_replacement_order", is_replacement_order);
    f("is_buyer_request_cancel", is_buyer_request_cancel);
    f("cancel_reason", cancel_reason);
    f("cancellation_initiator", cancellation_initiator);
    f("need_upload_invoice", need_upload_invoice);
    f("cpf", cpf);
    f("cpf_name", cpf_name);
    f("currency", currency);
    f("sub_total", sub_total);
    f("shipping_fee", shipping_fee);
    f("seller_discount", seller_discount);
    f("platform_discount", platform_discount);
    f("tax", tax);
    f("total_amount", total_amount);
    f("original_total_product_price", original_total_product_price);
    f("original_shipping_fee", original_shipping_fee);
    f("product_tax", product_tax);
    f("shipping_fee_tax", shipping_fee_tax);
    f("retail_delivery_fee", retail_delivery_fee);
    f("small_order_fee", small_order_fee);
    f("buyer_service_fee", buyer_service_fee);
    f("shipping_fee_seller_discount", shipping_fee_seller_discount);
    f("shipping_fee_platform_discount", shipping_fee_platform_discount);
    f("recipient_name", recipient_name);
    f("recipient_first_name", recipient_first_name);
    f("recipient_last_name", recipient_last_name);
    f("recipient_phone", recipient_phone);
    f("recipient_full_address", recipient_full_address);
    f("recipient_postal_code", recipient_postal_code);
    f("recipient_region_code", recipient_region_code);
    f("recipient_address_line1", recipient_address_line1);
    f("recipient_address_line2", recipient_address_line2);
    f("recipient_address_line3", recipient_address_line3);
    f("recipient_address_line4", recipient_address_line4);
    f("recipient_address_detail", recipient_address_detail);
    f("recipient_districts", recipient_districts);
    f("package_ids", package_ids);
    f("raw_json", raw_json);
    f("stored_at", stored_at);
  }
  template <class F>
  void visit(F&& f) {
    visit_key(f);
    visit_values(f);
  }
};

struct line_columns {
  std::string shop_id, order_id, id;
  int line_no = 0;
  std::string sku_id, product_id, product_name, sku_name, sku_image, seller_sku;
  std::string original_price, sale_price, seller_discount, platform_discount;
  std::string currency, display_status, package_status, package_id, tracking_number, shipping_provider_name,
      shipping_provider_id;
  int is_gift = 0;
  std::string sku_type, cancel_reason, cancel_user;
  long long rts_time = 0;

  template <class F>
  void visit(F&& f) {
    f("shop_id", shop_id);
    f("order_id", order_id);
    f("id", id);
    f("line_no", line_no);
    f("sku_id", sku_id);
    f("product_id", product_id);
    f("product_name", product_name);
    f("sku_name", sku_name);
    f("sku_image", sku_image);
    f("seller_sku", seller_sku);
    f("original_price", original_price);
    f("sale_price", sale_price);
    f("seller_discount", seller_discount);
    f("platform_discount", platform_discount);
    f("currency", currency);
    f("display_status", display_status);
    f("package_status", package_status);
    f("package_id", package_id);
    f("tracking_number", tracking_number);
    f("shipping_provider_name", shipping_provider_name);
    f("shipping_provider_id", shipping_provider_id);
    f("is_gift", is_gift);
    f("sku_type", sku_type);
    f("cancel_reason", cancel_reason);
    f("cancel_user", cancel_user);
    f("rts_time", rts_time);
  }
};

template <class Row>
std::string names_of(Row& row) {
  std::string out;
  row.visit([&](const char* name, auto&) { out += (out.empty() ? "" : ", ") + std::string(name); });
  return out;
}

template <class Row>
std::string placeholders_of(Row& row) {
  std::string out;
  row.visit([&](const char* name, auto&) { out += (out.empty() ? ":" : ", :") + std::string(name); });
  return out;
}

struct history_columns {
  std::string shop_id, order_id, from_status, to_status;
  long long update_time = 0, recorded_at = 0;

  template <class F>
  void visit(F&& f) {
    f("shop_id", shop_id);
    f("order_id", order_id);
    f("from_status", from_status);
    f("to_status", to_status);
    f("update_time", update_time);
    f("recorded_at", recorded_at);
  }
};

// Rows per multi-row INSERT on MySQL.
constexpr std::size_t multi_row_chunk = 100;

void to_columns(backend kind, const domain::order& o, order_columns& r) {
  using detail::money_to_column;
  r.shop_id = o.shop_id;
  r.id = o.id;
  r.status = std::string(domain::to_string(o.status));
  r.status_text = o.status_text.empty() ? r.status : o.status_text;
  r.status_rank = domain::status_rank(o.status);
  r.create_time = o.create_time;
  r.update_time = o.update_time;
  r.paid_time = o.paid_time;
  r.rts_sla_time = o.rts_sla_time;
  r.shipping_due_time = o.shipping_due_time;
  r.cancel_time = o.cancel_time;
  r.rts_time = o.rts_time;
  r.tts_sla_time = o.tts_sla_time;
  r.collection_due_time = o.collection_due_time;
  r.delivery_due_time = o.delivery_due_time;
  r.delivery_time = o.delivery_time;
  r.collection_time = o.collection_time;
  r.request_cancel_time = o.request_cancel_time;
  r.cancel_order_sla_time = o.cancel_order_sla_time;
  r.buyer_user_id = o.buyer_user_id;
  r.buyer_email = o.buyer_email;
  r.buyer_message = o.buyer_message;
  r.seller_note = o.seller_note;
  r.shipping_type = o.shipping_type;
  r.fulfillment_type = o.fulfillment_type;
  r.delivery_option_name = o.delivery_option_name;
  r.shipping_provider = o.shipping_provider;
  r.tracking_number = o.tracking_number;
  r.warehouse_id = o.warehouse_id;
  r.split_or_combine_tag = o.split_or_combine_tag;
  r.delivery_type = o.delivery_type;
  r.delivery_option_id = o.delivery_option_id;
  r.shipping_provider_id = o.shipping_provider_id;
  r.order_type = o.order_type;
  r.commerce_platform = o.commerce_platform;
  r.replaced_order_id = o.replaced_order_id;
  r.is_on_hold_order = o.is_on_hold_order ? 1 : 0;
  r.is_cod = o.is_cod ? 1 : 0;
  r.is_sample_order = o.is_sample_order ? 1 : 0;
  r.is_replacement_order = o.is_replacement_order ? 1 : 0;
  r.is_buyer_request_cancel = o.is_buyer_request_cancel ? 1 : 0;
  r.cancel_reason = o.cancel_reason;
  r.cancellation_initiator = o.cancellation_initiator;
  r.need_upload_invoice = o.need_upload_invoice;
  r.cpf = o.cpf;
  r.cpf_name = o.cpf_name;
  r.currency = o.pay.currency;
  r.sub_total = money_to_column(kind, o.pay.sub_total);
  r.shipping_fee = money_to_column(kind, o.pay.shipping_fee);
  r.seller_discount = money_to_column(kind, o.pay.seller_discount);
  r.platform_discount = money_to_column(kind, o.pay.platform_discount);
  r.tax = money_to_column(kind, o.pay.tax);
  r.total_amount = money_to_column(kind, o.pay.total_amount);
  r.original_total_product_price = money_to_column(kind, o.pay.original_total_product_price);
  r.original_shipping_fee = money_to_column(kind, o.pay.original_shipping_fee);
  r.product_tax = money_to_column(kind, o.pay.product_tax);
  r.shipping_fee_tax = money_to_column(kind, o.pay.shipping_fee_tax);
  r.retail_delivery_fee = money_to_column(kind, o.pay.retail_delivery_fee);
  r.small_order_fee = money_to_column(kind, o.pay.small_order_fee);
  r.buyer_service_fee = money_to_column(kind, o.pay.buyer_service_fee);
  r.shipping_fee_seller_discount = money_to_column(kind, o.pay.shipping_fee_seller_discount);
  r.shipping_fee_platform_discount = money_to_column(kind, o.pay.shipping_fee_platform_discount);
  r.recipient_name = o.recipient.name;
  r.recipient_first_name = o.recipient.first_name;
  r.recipient_last_name = o.recipient.last_name;
  r.recipient_phone = o.recipient.phone_number;
  r.recipient_full_address = o.recipient.full_address;
  r.recipient_postal_code = o.recipient.postal_code;
  r.recipient_region_code = o.recipient.region_code;
  r.recipient_address_line1 = o.recipient.address_line1;
  r.recipient_address_line2 = o.recipient.address_line2;
  r.recipient_address_line3 = o.recipient.address_line3;
  r.recipient_address_line4 = o.recipient.address_line4;
  r.recipient_address_detail = o.recipient.address_detail;
  r.recipient_districts = detail::districts_to_column(o.recipient.district_info);
  r.package_ids = detail::strings_to_column(o.package_ids);
  r.raw_json = o.raw_json;
}

domain::order from_columns(backend kind, const order_columns& r) {
  auto money = [&](const std::string& text, std::string_view column) {
    return detail::money_from_column(kind, text, column);
  };
  domain::order o;
  o.shop_id = r.shop_id;
  o.id = r.id;
  o.status = domain::parse_order_status(r.status);
  o.status_text = r.status_text;
  o.create_time = r.create_time;
  o.update_time = r.update_time;
  o.paid_time = r.paid_time;
  o.rts_sla_time = r.rts_sla_time;
  o.shipping_due_time = r.shipping_due_time;
  o.cancel_time = r.cancel_time;
  o.rts_time = r.rts_time;
  o.tts_sla_time = r.tts_sla_time;
  o.collection_due_time = r.collection_due_time;
  o.delivery_due_time = r.delivery_due_time;
  o.delivery_time = r.delivery_time;
  o.collection_time = r.collection_time;
  o.request_cancel_time = r.request_cancel_time;
  o.cancel_order_sla_time = r.cancel_order_sla_time;
  o.buyer_user_id = r.buyer_user_id;
  o.buyer_email = r.buyer_email;
  o.buyer_message = r.buyer_message;
  o.seller_note = r.seller_note;
  o.shipping_type = r.shipping_type;
  o.fulfillment_type = r.fulfillment_type;
  o.delivery_option_name = r.delivery_option_name;
  o.shipping_provider = r.shipping_provider;
  o.tracking_number = r.tracking_number;
  o.warehouse_id = r.warehouse_id;
  o.split_or_combine_tag = r.split_or_combine_tag;
  o.delivery_type = r.delivery_type;
  o.delivery_option_id = r.delivery_option_id;
  o.shipping_provider_id = r.shipping_provider_id;
  o.order_type = r.order_type;
  o.commerce_platform = r.commerce_platform;
  o.replaced_order_id = r.replaced_order_id;
  o.is_on_hold_order = r.is_on_hold_order != 0;
  o.is_cod = r.is_cod != 0;
  o.is_sample_order = r.is_sample_order != 0;
  o.is_replacement_order = r.is_replacement_order != 0;
  o.is_buyer_request_cancel = r.is_buyer_request_cancel != 0;
  o.cancel_reason = r.cancel_reason;
  o.cancellation_initiator = r.cancellation_initiator;
  o.need_upload_invoice = r.need_upload_invoice;
  o.cpf = r.cpf;
  o.cpf_name = r.cpf_name;
  o.pay.currency = r.currency;
  o.pay.sub_total = money(r.sub_total, "orders.sub_total");
  o.pay.shipping_fee = money(r.shipping_fee, "orders.shipping_fee");
  o.pay.seller_discount = money(r.seller_discount, "orders.seller_discount");
  o.pay.platform_discount = money(r.platform_discount, "orders.platform_discount");
  o.pay.tax = money(r.tax, "orders.tax");
  o.pay.total_amount = money(r.total_amount, "orders.total_amount");
  o.pay.original_total_product_price =
      money(r.original_total_product_price, "orders.original_total_product_price");
  o.pay.original_shipping_fee = money(r.original_shipping_fee, "orders.original_shipping_fee");
  o.pay.product_tax = money(r.product_tax, "orders.product_tax");
  o.pay.shipping_fee_tax = money(r.shipping_fee_tax, "orders.shipping_fee_tax");
  o.pay.retail_delivery_fee = money(r.retail_delivery_fee, "orders.retail_delivery_fee");
  o.pay.small_order_fee = money(r.small_order_fee, "orders.small_order_fee");
  o.pay.buyer_service_fee = money(r.buyer_service_fee, "orders.buyer_service_fee");
  o.pay.shipping_fee_seller_discount =
      money(r.shipping_fee_seller_discount, "orders.shipping_fee_seller_discount");
  o.pay.shipping_fee_platform_discount =
      money(r.shipping_fee_platform_discount, "orders.shipping_fee_platform_discount");
  o.recipient.name = r.recipient_name;
  o.recipient.first_name = r.recipient_first_name;
  o.recipient.last_name = r.recipient_last_name;
  o.recipient.phone_number = r.recipient_phone;
  o.recipient.full_address = r.recipient_full_address;
  o.recipient.postal_code = r.recipient_postal_code;
  o.recipient.region_code = r.recipient_region_code;
  o.recipient.address_line1 = r.recipient_address_line1;
  o.recipient.address_line2 = r.recipient_address_line2;
  o.recipient.address_line3 = r.recipient_address_line3;
  o.recipient.address_line4 = r.recipient_address_line4;
  o.recipient.address_detail = r.recipient_address_detail;
  o.recipient.district_info =
      detail::districts_from_column(r.recipient_districts, "orders.recipient_districts");
  o.package_ids = detail::strings_from_column(r.package_ids, "orders.package_ids");
  o.raw_json = r.raw_json;
  return o;
}

void to_columns(backend kind, const domain::order& o, std::size_t index, line_columns& r) {
  using detail::money_to_column;
  const domain::line_item& l = o.lines[index];
  r.shop_id = o.shop_id;
  r.order_id = o.id;
  r.id = l.id;
  r.line_no = static_cast<int>(index);
  r.sku_id = l.sku_id;
  r.product_id = l.product_id;
  r.product_name = l.product_name;
  r.sku_name = l.sku_name;
  r.sku_image = l.sku_image;
  r.seller_sku = l.seller_sku;
  r.original_price = money_to_column(kind, l.original_price);
  r.sale_price = money_to_column(kind, l.sale_price);
  r.seller_discount = money_to_column(kind, l.seller_discount);
  r.platform_discount = money_to_column(kind, l.platform_discount);
  r.currency = l.currency;
  r.display_status = l.display_status;
  r.package_status = l.package_status;
  r.package_id = l.package_id;
  r.tracking_number = l.tracking_number;
  r.shipping_provider_name = l.shipping_provider_name;
  r.shipping_provider_id = l.shipping_provider_id;
  r.is_gift = l.is_gift ? 1 : 0;
  r.sku_type = l.sku_type;
  r.cancel_reason = l.cancel_reason;
  r.cancel_user = l.cancel_user;
  r.rts_time = l.rts_time;
}

domain::line_item from_columns(backend kind, const line_columns& r) {
  auto money = [&](const std::string& text, std::string_view column) {
    return detail::money_from_column(kind, text, column);
  };
  domain::line_item l;
  l.id = r.id;
  l.sku_id = r.sku_id;
  l.product_id = r.product_id;
  l.product_name = r.product_name;
  l.sku_name = r.sku_name;
  l.sku_image = r.sku_image;
  l.seller_sku = r.seller_sku;
  l.original_price = money(r.original_price, "order_lines.original_price");
  l.sale_price = money(r.sale_price, "order_lines.sale_price");
  l.seller_discount = money(r.seller_discount, "order_lines.seller_discount");
  l.platform_discount = money(r.platform_discount, "order_lines.platform_discount");
  l.currency = r.currency;
  l.display_status = r.display_status;
  l.package_status = r.package_status;
  l.package_id = r.package_id;
  l.tracking_number = r.tracking_number;
  l.shipping_provider_name = r.shipping_provider_name;
  l.shipping_provider_id = r.shipping_provider_id;
  l.is_gift = r.is_gift != 0;
  l.sku_type = r.sku_type;
  l.cancel_reason = r.cancel_reason;
  l.cancel_user = r.cancel_user;
  l.rts_time = r.rts_time;
  return l;
}

// The first thing wrong with an order that the schema would reject, or "".
std::string order_problem(const domain::order& o) {
  using detail::length_problem;
  for (auto [what, value, max, required] : {
           std::tuple<const char*, const std::string*, std::size_t, bool>{"shop_id", &o.shop_id, 64, true},
           {"id", &o.id, 64, true},
           {"status_text", &o.status_text, 64, false},
           {"buyer_user_id", &o.buyer_user_id, 64, false},
           {"warehouse_id", &o.warehouse_id, 64, false},
           {"delivery_option_id", &o.delivery_option_id, 64, false},
           {"shipping_provider_id", &o.shipping_provider_id, 64, false},
           {"replaced_order_id", &o.replaced_order_id, 64, false},
           {"payment.currency", &o.pay.currency, 8, false},
       }) {
    if (auto p = length_problem(what, *value, max, required); !p.empty()) return p;
  }
  std::set<std::string_view> line_ids;
  for (std::size_t i = 0; i < o.lines.size(); ++i) {
    const auto& l = o.lines[i];
    std::string where = "line_items[" + std::to_string(i) + "].";
    for (auto [what, value, max, required] : {
             std::tuple<const char*, const std::string*, std::size_t, bool>{"id", &l.id, 64, true},
             {"sku_id", &l.sku_id, 64, false},
             {"product_id", &l.product_id, 64, false},
             {"package_id", &l.package_id, 64, false},
             {"shipping_provider_id", &l.shipping_provider_id, 64, false},
             {"currency", &l.currency, 8, false},
         }) {
      if (auto p = length_problem(where + what, *value, max, required); !p.empty()) return p;
    }
    if (!line_ids.insert(l.id).second) return where + "id \"" + l.id + "\" appears twice in the order";
  }
  return {};
}

struct stored_state {
  long long rowid = 0;  // SQLite only: the key of the order's search text row
  std::string status;
  std::string status_text;
  int status_rank = 0;
  long long update_time = 0;
  std::string raw_json;
  std::string buyer_email;
  std::string recipient_name;
};

// Prepared once per batch and re-executed for each order: the bound variables are read at every execute.
// Besides the order, its lines and its history, it keeps the status counters (through `counts`, applied
// by the caller before commit) and, on SQLite, the order's search text row.
class batch_writer {
 public:
  batch_writer(soci::session& sql, backend kind, detail::status_count_deltas& counts)
      : sql_(sql),
        kind_(kind),
        counts_(counts),
        find_(sql),
        insert_(sql),
        update_(sql),
        delete_lines_(sql),
        insert_line_(sql),
        history_(sql) {
    if (kind == backend::sqlite) find_.exchange(soci::into(stored_.rowid));
    find_.exchange(soci::into(stored_.status));
    find_.exchange(soci::into(stored_.status_text));
    find_.exchange(soci::into(stored_.status_rank));
    find_.exchange(soci::into(stored_.update_time));
    find_.exchange(soci::into(stored_.raw_json));
    find_.exchange(soci::into(stored_.buyer_email));
    find_.exchange(soci::into(stored_.recipient_name));
    find_.exchange(soci::use(row_.shop_id));
    find_.exchange(soci::use(row_.id));
    prepare(find_, std::string(kind == backend::sqlite ? "SELECT rowid, " : "SELECT ") +
                       "status, status_text, status_rank, update_time, raw_json, buyer_email, recipient_name"
                       " FROM orders WHERE shop_id = :shop_id AND id = :id" +
                       (kind == backend::mysql ? " FOR UPDATE" : ""));
    if (kind == backend::sqlite) text_.emplace(sql);

    row_.visit([&](const char*, auto& field) { insert_.exchange(soci::use(field)); });
    prepare(insert_, "INSERT INTO orders (" + names_of(row_) + ") VALUES (" + placeholders_of(row_) + ")");

    std::string assignments;
    row_.visit_values([&](const char* name, auto& field) {
      update_.exchange(soci::use(field));
      assignments += (assignments.empty() ? "" : ", ") + std::string(name) + " = :" + name;
    });
    update_.exchange(soci::use(row_.shop_id));
    update_.exchange(soci::use(row_.id));
    prepare(update_, "UPDATE orders SET " + assignments + " WHERE shop_id = :key_shop_id AND id = :key_id");

    delete_lines_.exchange(soci::use(row_.shop_id));
    delete_lines_.exchange(soci::use(row_.id));
    prepare(delete_lines_, "DELETE FROM order_lines WHERE shop_id = :shop_id AND order_id = :order_id");

    line_.visit([&](const char*, auto& field) { insert_line_.exchange(soci::use(field)); });
    prepare(insert_line_,
            "INSERT INTO order_lines (" + names_of(line_) + ") VALUES (" + placeholders_of(line_) + ")");

    history_.exchange(soci::use(row_.shop_id));
    history_.exchange(soci::use(row_.id));
    history_.exchange(soci::use(history_from_));
    history_.exchange(soci::use(row_.status));
    history_.exchange(soci::use(row_.update_time));
    history_.exchange(soci::use(row_.stored_at));
    prepare(history_,
            "INSERT INTO order_status_history (shop_id, order_id, from_status, to_status, update_time, "
            "recorded_at)"
            " VALUES (:shop_id, :order_id, :from_status, :to_status, :update_time, :recorded_at)");
  }

  void write(const domain::order& o, long long now, order_upsert_summary& summary) {
    to_columns(kind_, o, row_);
    row_.stored_at = now;
    if (!find_.execute(true)) {
      insert_.execute(true);
      if (text_) {
        long long rowid = 0;
        sql_.get_last_insert_id("orders", rowid);
        text_->write(rowid, row_.shop_id, row_.id, row_.buyer_email, row_.recipient_name);
      }
      write_lines(o);
      history_from_.clear();
      write_history();
      counts_.add(row_.shop_id, row_.status, 1);
      ++summary.inserted;
      return;
    }
    bool newer = row_.update_time > stored_.update_time ||
                 (row_.update_time == stored_.update_time && row_.status_rank >= stored_.status_rank);
    if (!newer) {
      ++summary.stale;
      return;
    }
    if (row_.update_time == stored_.update_time && row_.status_rank == stored_.status_rank &&
        !row_.raw_json.empty() && row_.raw_json == stored_.raw_json) {
      ++summary.unchanged;
      return;
    }
    if (row_.status_rank < stored_.status_rank) {
      log::debug("storage", "order " + row_.id + " of shop " + row_.shop_id + ": keeping status " +
                                stored_.status + " over the lower-ranked " + row_.status +
                                " of a newer update");
      row_.status = stored_.status;
      row_.status_text = stored_.status_text;
      row_.status_rank = stored_.status_rank;
    }
    update_.execute(true);
    if (text_ && (row_.buyer_email != stored_.buyer_email || row_.recipient_name != stored_.recipient_name))
      text_->write(stored_.rowid, row_.shop_id, row_.id, row_.buyer_email, row_.recipient_name);
    delete_lines_.execute(true);
    std::erase_if(pending_lines_, [&](const line_columns& l) {
      return l.order_id == row_.id && l.shop_id == row_.shop_id;  // the same order earlier in the batch
    });
    write_lines(o);
    if (row_.status != stored_.status) {
      history_from_ = stored_.status;
      write_history();
      counts_.add(row_.shop_id, stored_.status, -1);
      counts_.add(row_.shop_id, row_.status, 1);
    }
    ++summary.updated;
  }

  // Sends the rows write() kept for the end of the batch (call before commit). On MySQL the order lines
  // and status history go as multi-row INSERTs: one round trip per 100 rows instead of one per row
  // (bench/README.md, R4). On SQLite, where one prepared statement per row is the fastest, nothing is kept.
  void finish() {
    insert_rows(pending_lines_, "order_lines");
    insert_rows(pending_history_, "order_status_history");
  }

 private:
  bool batched() const noexcept { return kind_ == backend::mysql; }

  void write_history() {
    if (!batched()) {
      history_.execute(true);
      return;
    }
    pending_history_.push_back(
        {row_.shop_id, row_.id, history_from_, row_.status, row_.update_time, row_.stored_at});
  }

  template <class Row>
  void insert_rows(std::vector<Row>& rows, const char* table) {
    for (std::size_t begin = 0; begin < rows.size(); begin += multi_row_chunk) {
      const std::size_t end = std::min(rows.size(), begin + multi_row_chunk);
      soci::statement st(sql_);
      std::string values;
      for (std::size_t i = begin; i < end; ++i) {
        std::size_t column = 0;
        values += i == begin ? "(" : ", (";
        rows[i].visit([&](const char*, auto& field) {
          values += (column == 0 ? ":v" : ", :v") + std::to_string(i - begin) + "_" + std::to_string(column);
          ++column;
          st.exchange(soci::use(field));
        });
        values += ")";
      }
      prepare(st, "INSERT INTO " + std::string(table) + " (" + names_of(rows[begin]) + ") VALUES " + values);
      st.execute(true);
    }
    rows.clear();
  }

  static void prepare(soci::statement& st, const std::string& text) {
    st.alloc();
    st.prepare(text);
    st.define_and_bind();
  }

  void write_lines(const domain::order& o) {
    for (std::size_t i = 0; i < o.lines.size(); ++i) {
      to_columns(kind_, o, i, line_);
      if (batched())
        pending_lines_.push_back(line_);
      else
        insert_line_.execute(true);
    }
  }

  soci::session& sql_;
  backend kind_;
  detail::status_count_deltas& counts_;
  order_columns row_;
  line_columns line_;
  stored_state stored_;
  std::string history_from_;
  std::vector<line_columns> pending_lines_;
  std::vector<history_columns> pending_history_;
  soci::statement find_, insert_, update_, delete_lines_, insert_line_, history_;
  std::optional<detail::order_text_writer> text_;
};

// Reads orders for the statement text `where`; bind(statement) binds its parameters in order.
class order_reader {
 public:
  order_reader(soci::session& sql, backend kind) : sql_(sql), kind_(kind) {}

  template <class Bind>
  std::vector<domain::order> read(const std::string& where, Bind&& bind) {
    order_columns row;
    soci::statement st(sql_);
    row.visit([&](const char*, auto& field) { st.exchange(soci::into(field)); });
    bind(st);
    st.alloc();
    st.prepare("SELECT " + names_of(row) + " FROM orders " + where);
    st.define_and_bind();
    st.execute();
    std::vector<domain::order> out;
    while (st.fetch()) out.push_back(from_columns(kind_, row));
    return out;
  }

  // One query for the lines of every order given (all of one shop).
  void attach_lines(std::vector<domain::order>& orders) {
    if (orders.empty()) return;
    std::map<std::string, domain::order*, std::less<>> by_id;
    for (auto& o : orders) by_id[o.id] = &o;
    std::vector<std::string> ids;
    std::string in;
    for (const auto& [id, order] : by_id) {
      in += (ids.empty() ? ":o" : ", :o") + std::to_string(ids.size());
      ids.push_back(id);
    }
    line_columns line;
    soci::statement st(sql_);
    line.visit([&](const char*, auto& field) { st.exchange(soci::into(field)); });
    std::string shop_id = orders.front().shop_id;
    st.exchange(soci::use(shop_id));
    for (const auto& id : ids) st.exchange(soci::use(id));
    st.alloc();
    st.prepare("SELECT " + names_of(line) + " FROM order_lines WHERE shop_id = :shop_id AND order_id IN (" +
               in + ") ORDER BY order_id, line_no");
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
      auto it = by_id.find(line.order_id);
      if (it != by_id.end()) it->second->lines.push_back(from_columns(kind_, line));
    }
  }

 private:
  soci::session& sql_;
  backend kind_;
};

struct cursor_position {
  long long create_time = 0;
  std::string id;
};

std::string make_cursor(const domain::order& last) {
  return std::to_string(last.create_time) + ":" + last.id;
}

std::optional<cursor_position> parse_cursor(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= text.size()) return std::nullopt;
  cursor_position c;
  auto digits = text.substr(0, colon);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), c.create_time);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  c.id = std::string(text.substr(colon + 1));
  if (c.id.size() > 64) return std::nullopt;
  return c;
}

}  // namespace

result<order_upsert_summary> order_repository::upsert(const std::vector<domain::order>& orders) {
  constexpr std::string_view op = "orders.upsert";
  std::set<std::string> shops;
  for (std::size_t i = 0; i < orders.size(); ++i) {
    if (auto p = order_problem(orders[i]); !p.empty())
      return detail::invalid(op, "order " + std::to_string(i + 1) + " of " + std::to_string(orders.size()) +
                                     " (id \"" + orders[i].id.substr(0, 64) + "\"): " + p +
                                     "; nothing was stored");
    shops.insert(orders[i].shop_id);
  }
  if (orders.empty()) return order_upsert_summary{};

  return detail::in_transaction(
      db_, op,
      [&](soci::session& sql) -> result<order_upsert_summary> {
        for (const auto& shop : shops) {
          int known = 0;
          sql << "SELECT count(*) FROM shops WHERE id = :id", soci::use(shop), soci::into(known);
          if (known == 0)
            return make_error(errc::not_found,
                              std::string(op) + ": shop " + shop +
                                  " is not registered (store the shop first); nothing was stored");
        }
        order_upsert_summary summary;
        detail::status_count_deltas counts;
        batch_writer writer(sql, db_.kind(), counts);
        long long now = detail::unix_now();
        for (const auto& o : orders) writer.write(o, now, summary);
        writer.finish();
        counts.apply(sql, db_.kind());
        detail::raise_order_marks(sql, db_.kind(), {shops.begin(), shops.end()});
        return summary;
      },
      detail::transaction_options{.attempts = 3, .retry_duplicate_key = true});
}

result<void> order_repository::rebuild_search_data(std::string_view shop_id) {
  constexpr std::string_view op = "orders.rebuild_search_data";
  if (auto p = detail::length_problem("the shop id", shop_id, 64); !p.empty()) return detail::invalid(op, p);
  return detail::in_transaction(db_, op, [&](soci::session& sql) -> result<void> {
    std::string shop(shop_id);
    detail::recount_status_counters(sql, shop);
    detail::rebuild_order_text(sql, db_.kind(), shop);
    return {};
  });
}

result<std::optional<domain::order>> order_repository::get(std::string_view shop_id,
                                                           std::string_view order_id) {
  std::string shop(shop_id);
  std::string id(order_id);
  return detail::with_session(
      db_, "orders.get", [&](soci::session& sql) -> result<std::optional<domain::order>> {
        order_reader reader(sql, db_.kind());
        auto found = reader.read("WHERE shop_id = :shop_id AND id = :id", [&](soci::statement& st) {
          st.exchange(soci::use(shop));
          st.exchange(soci::use(id));
        });
        if (found.empty()) return std::optional<domain::order>();
        reader.attach_lines(found);
        return std::optional<domain::order>(std::move(found.front()));
      });
}

result<order_page> order_repository::list(const order_page_request& request) {
  constexpr std::string_view op = "orders.list";
  if (request.limit == 0 || request.limit > max_page)
    return detail::invalid(
        op, "limit must be 1 to " + std::to_string(max_page) + ", got " + std::to_string(request.limit));
  std::optional<cursor_position> after;
  if (!request.cursor.empty()) {
    after = parse_cursor(request.cursor);
    if (!after)
      return detail::invalid(op,
                             "the cursor \"" + request.cursor.substr(0, 100) +
                                 "\" is not one this server handed out (expected <create_time>:<order id>)");
  }

  return detail::with_session(db_, op, [&](soci::session& sql) -> result<order_page> {
    std::string where = "WHERE shop_id = :shop_id";
    std::vector<std::string> statuses;
    for (auto s : request.statuses) statuses.emplace_back(domain::to_string(s));
    if (!statuses.empty()) {
      where += " AND status IN (";
      for (std::size_t i = 0; i < statuses.size(); ++i) where += (i ? ", :s" : ":s") + std::to_string(i);
      where += ")";
    }
    if (after) where += " AND (create_time < :before_time OR (create_time = :same_time AND id < :before_id))";
    where += " ORDER BY create_time DESC, id DESC LIMIT :fetch";
    // One extra row tells whether another page follows.
    long long fetch = static_cast<long long>(request.limit) + 1;

    order_reader reader(sql, db_.kind());
    order_page page;
    page.orders = reader.read(where, [&](soci::statement& st) {
      st.exchange(soci::use(request.shop_id));
      for (const auto& s : statuses) st.exchange(soci::use(s));
      if (after) {
        st.exchange(soci::use(after->create_time));
        st.exchange(soci::use(after->create_time));
        st.exchange(soci::use(after->id));
      }
      st.exchange(soci::use(fetch));
    });
    bool more = page.orders.size() > request.limit;
    if (more) page.orders.pop_back();
    reader.attach_lines(page.orders);
    if (more) page.next_cursor = make_cursor(page.orders.back());
    return page;
  });
}

}  // namespace kingkung::storage
