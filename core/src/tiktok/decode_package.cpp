#include <boost/json/serialize.hpp>

#include "kingkung/tiktok/decode.hpp"
#include "tiktok/decoders.hpp"

namespace kingkung::tiktok {
namespace detail {

domain::package read_package(const reader& r, std::string_view shop_id, std::string_view id_key) {
  domain::package p;
  p.shop_id = std::string(shop_id);
  if (id_key.empty()) id_key = r.find("package_id") ? "package_id" : "id";
  p.id = r.id_at(id_key);
  p.status = r.string_or("status");
  if (p.status.empty()) p.status = r.string_or("package_status");
  for (const auto& order : r.items("orders")) p.order_ids.push_back(order.id_at("id"));
  p.line_item_ids = r.ids_or("order_line_item_ids");
  p.tracking_number = r.string_or("tracking_number");
  p.shipping_provider_name = r.string_or("shipping_provider_name");
  p.shipping_provider_id = r.id_or("shipping_provider_id");
  p.split_and_combine_tag = r.string_or("split_and_combine_tag");
  p.create_time = r.int_or("create_time");
  p.update_time = r.int_or("update_time");
  p.shipping_type = r.string_or("shipping_type");
  p.delivery_option_id = r.id_or("delivery_option_id");
  p.delivery_option_name = r.string_or("delivery_option_name");
  p.handover_method = r.string_or("handover_method");
  p.last_mile_tracking_number = r.string_or("last_mile_tracking_number");
  p.note_tag = r.string_or("note_tag");
  p.has_multi_skus = r.bool_or("has_multi_skus");
  if (auto slot = r.find("pickup_slot")) {
    p.pickup_slot_start = slot->int_or("start_time");
    p.pickup_slot_end = slot->int_or("end_time");
  }
  p.raw_json = to_json_text(r);
  return p;
}

}  // namespace detail

result<domain::package> decode_package(std::string_view json, std::string_view shop_id,
                                       std::string_view path) {
  return detail::decode_text<domain::package>(
      json, path, [&](const detail::reader& r) { return detail::read_package(r, shop_id); });
}

}  // namespace kingkung::tiktok
