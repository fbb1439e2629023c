#include <boost/json/serialize.hpp>

#include "kingkung/tiktok/decode.hpp"
#include "tiktok/decoders.hpp"

namespace kingkung::tiktok {
namespace detail {
namespace {

domain::payment read_payment(const reader& r) {
  domain::payment p;
  p.currency = r.string_or("currency");
  p.sub_total = r.money_or("sub_total");
  p.shipping_fee = r.money_or("shipping_fee");
  p.seller_discount = r.money_or("seller_discount");
  p.platform_discount = r.money_or("platform_discount");
  p.tax = r.money_or("tax");
  p.total_amount = r.money_or("total_amount");
  p.original_total_product_price = r.money_or("original_total_product_price");
  p.original_shipping_fee = r.money_or("original_shipping_fee");
  p.product_tax = r.money_or("product_tax");
  p.shipping_fee_tax = r.money_or("shipping_fee_tax");
  p.retail_delivery_fee = r.money_or("retail_delivery_fee");
  p.small_order_fee = r.money_or("small_order_fee");
  p.buyer_service_fee = r.money_or("buyer_service_fee");
  p.shipping_fee_seller_discount = r.money_or("shipping_fee_seller_discount");
  p.shipping_fee_platform_discount = r.money_or("shipping_fee_platform_discount");
  return p;
}

domain::address read_address(const reader& r) {
  domain::address a;
  a.name = r.string_or("name");
  a.first_name = r.string_or("first_name");
  a.last_name = r.string_or("last_name");
  if (a.name.empty() && !a.first_name.empty())  // BR/MX put the full name in first_name
    a.name = a.last_name.empty() ? a.first_name : a.first_name + " " + a.last_name;
  a.phone_number = r.string_or("phone_number");
  a.full_address = r.string_or("full_address");
  a.postal_code = r.string_or("postal_code");
  a.region_code = r.string_or("region_code");
  a.address_line1 = r.string_or("address_line1");
  a.address_line2 = r.string_or("address_line2");
  a.address_line3 = r.string_or("address_line3");
  a.address_line4 = r.string_or("address_line4");
  a.address_detail = r.string_or("address_detail");
  for (const auto& d : r.items("district_info"))
    a.district_info.push_back(
        {d.string_or("address_level"), d.string_or("address_level_name"), d.string_or("address_name")});
  return a;
}

domain::line_item read_line_item(const reader& r) {
  domain::line_item l;
  l.id = r.id_at("id");
  l.sku_id = r.id_or("sku_id");
  l.product_id = r.id_or("product_id");
  l.product_name = r.string_or("product_name");
  l.sku_name = r.string_or("sku_name");
  l.sku_image = r.string_or("sku_image");
  l.seller_sku = r.string_or("seller_sku");
  l.original_price = r.money_or("original_price");
  l.sale_price = r.money_or("sale_price");
  l.seller_discount = r.money_or("seller_discount");
  l.platform_discount = r.money_or("platform_discount");
  l.currency = r.string_or("currency");
  l.display_status = r.string_or("display_status");
  l.package_status = r.string_or("package_status");
  l.package_id = r.id_or("package_id");
  l.tracking_number = r.string_or("tracking_number");
  l.shipping_provider_name = r.string_or("shipping_provider_name");
  l.is_gift = r.bool_or("is_gift");
  l.shipping_provider_id = r.id_or("shipping_provider_id");
  l.sku_type = r.string_or("sku_type");
  l.cancel_reason = r.string_or("cancel_reason");
  l.cancel_user = r.string_or("cancel_user");
  l.rts_time = r.int_or("rts_time");
  return l;
}

}  // namespace

domain::order read_order(const reader& r, std::string_view shop_id) {
  domain::order o;
  o.shop_id = std::string(shop_id);
  o.id = r.id_at("id");
  o.status_text = r.string_at("status");
  o.status = domain::parse_order_status(o.status_text);
  o.create_time = r.int_or("create_time");
  o.update_time = r.int_or("update_time");
  o.paid_time = r.int_or("paid_time");
  o.rts_sla_time = r.int_or("rts_sla_time");
  o.shipping_due_time = r.int_or("shipping_due_time");
  o.cancel_time = r.int_or("cancel_time");
  o.rts_time = r.int_or("rts_time");
  o.tts_sla_time = r.int_or("tts_sla_time");
  o.collection_due_time = r.int_or("collection_due_time");
  o.delivery_due_time = r.int_or("delivery_due_time");
  o.delivery_time = r.int_or("delivery_time");
  o.collection_time = r.int_or("collection_time");
  o.request_cancel_time = r.int_or("request_cancel_time");
  o.cancel_order_sla_time = r.int_or("cancel_order_sla_time");
  o.buyer_user_id = r.id_or("user_id");
  o.buyer_email = r.string_or("buyer_email");
  o.buyer_message = r.string_or("buyer_message");
  o.seller_note = r.string_or("seller_note");
  o.shipping_type = r.string_or("shipping_type");
  o.fulfillment_type = r.string_or("fulfillment_type");
  o.delivery_type = r.string_or("delivery_type");
  o.delivery_option_id = r.id_or("delivery_option_id");
  o.delivery_option_name = r.string_or("delivery_option_name");
  o.shipping_provider = r.string_or("shipping_provider");
  o.shipping_provider_id = r.id_or("shipping_provider_id");
  o.tracking_number = r.string_or("tracking_number");
  o.warehouse_id = r.id_or("warehouse_id");
  o.split_or_combine_tag = r.string_or("split_or_combine_tag");
  o.is_on_hold_order = r.bool_or("is_on_hold_order");
  o.is_cod = r.bool_or("is_cod");
  o.is_sample_order = r.bool_or("is_sample_order");
  o.is_replacement_order = r.bool_or("is_replacement_order");
  o.is_buyer_request_cancel = r.bool_or("is_buyer_request_cancel");
  o.replaced_order_id = r.id_or("replaced_order_id");
  o.order_type = r.string_or("order_type");
  o.commerce_platform = r.string_or("commerce_platform");
  o.cancel_reason = r.string_or("cancel_reason");
  o.cancellation_initiator = r.string_or("cancellation_initiator");
  o.need_upload_invoice = r.string_or("need_upload_invoice");
  o.cpf = r.string_or("cpf");
  o.cpf_name = r.string_or("cpf_name");
  if (auto p = r.find("payment")) o.pay = read_payment(*p);
  if (auto a = r.find("recipient_address")) o.recipient = read_address(*a);
  for (const auto& item : r.items("line_items")) o.lines.push_back(read_line_item(item));
  for (const auto& package : r.items("packages")) o.package_ids.push_back(package.id_at("id"));
  o.raw_json = to_json_text(r);
  return o;
}

}  // namespace detail

result<domain::order> decode_order(std::string_view json, std::string_view shop_id, std::string_view path) {
  return detail::decode_text<domain::order>(
      json, path, [&](const detail::reader& r) { return detail::read_order(r, shop_id); });
}

}  // namespace kingkung::tiktok
