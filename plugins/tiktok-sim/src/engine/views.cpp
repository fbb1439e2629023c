#include "views.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "fulfillment_rules.hpp"
#include "money.hpp"

namespace kingkung::sim::detail {
namespace {

void put_time(json::object& o, std::string_view key, std::int64_t t) {
  if (t > 0) o[key] = t;
}

void put_text(json::object& o, std::string_view key, const std::string& v) {
  if (!v.empty()) o[key] = v;
}

json::object address_json(const address& a, const json::storage_ptr& sp = {}) {
  json::array districts(sp);
  for (const auto& d : a.districts)
    districts.push_back(json::object(
        {{"address_level", d.level}, {"address_level_name", d.level_name}, {"address_name", d.name}}, sp));
  return json::object({{"full_address", a.full_address},
          {"name", a.name},
          {"first_name", a.first_name},
          {"last_name", a.last_name},
          {"phone_number", a.phone_number},
          {"postal_code", a.postal_code},
          {"region_code", a.region_code},
          {"address_line1", a.line1},
          {"address_line2", a.line2},
          {"address_line3", a.line3},
          {"address_line4", a.line4},
          {"address_detail", a.detail},
          {"district_info", std::move(districts)}},
                      sp);
}

const package* find_package(const shop_state& shop, const std::string& id) {
  auto it = shop.packages.find(id);
  return it == shop.packages.end() ? nullptr : &it->second;
}

std::string kilograms(std::int64_t grams) {
  std::string out = std::to_string(grams / 1000) + ".";
  std::int64_t frac = grams % 1000;
  out += static_cast<char>('0' + frac / 100);
  out += static_cast<char>('0' + frac / 10 % 10);
  out += static_cast<char>('0' + frac % 10);
  return out;
}

json::object price_json(const shop_state& shop, money price) {
  std::string text = format_money(price, shop.currency);
  return {{"currency", shop.currency}, {"sale_price", text}, {"tax_exclusive_price", text}};
}

json::array inventory_json(const sku& k) {
  json::array inv;
  for (const auto& e : k.inventory)
    inv.push_back(json::object{{"warehouse_id", e.warehouse_id}, {"quantity", e.quantity}});
  return inv;
}

json::array package_orders_json(const shop_state& shop, const package& p) {
  json::array orders;
  for (const auto& oid : p.order_ids) {
    auto it = shop.orders.find(oid);
    if (it == shop.orders.end()) continue;
    std::map<std::string, std::pair<const line_item*, int>> per_sku;
    for (const auto* l : lines_in_package(it->second, p)) {
      auto& entry = per_sku[l->sku_id];
      entry.first = l;
      ++entry.second;
    }
    json::array skus;
    for (const auto& [sku_id, entry] : per_sku)
      skus.push_back(json::object{{"id", sku_id},
                                  {"name", entry.first->sku_name},
                                  {"image_url", entry.first->sku_image},
                                  {"quantity", entry.second}});
    orders.push_back(json::object{{"id", oid}, {"skus", std::move(skus)}});
  }
  return orders;
}

}  // namespace

json::object payment_json(const order& o, json::storage_ptr sp) {
  money original = 0, seller = 0, platform = 0, product_tax = 0;
  for (const auto& l : o.lines) {
    original += l.original_price;
    seller += l.seller_discount;
    platform += l.platform_discount;
    product_tax += l.tax;
  }
  money sub_total = original - seller - platform;
  money shipping_fee =
      o.original_shipping_fee - o.shipping_fee_seller_discount - o.shipping_fee_platform_discount;
  money tax = product_tax + o.shipping_fee_tax;
  money total = sub_total + shipping_fee + tax + o.retail_delivery_fee;
  const std::string& c = o.currency;
  return json::object({{"currency", c},
          {"sub_total", format_money(sub_total, c)},
          {"shipping_fee", format_money(shipping_fee, c)},
          {"seller_discount", format_money(seller, c)},
          {"platform_discount", format_money(platform, c)},
          {"total_amount", format_money(total, c)},
          {"original_total_product_price", format_money(original, c)},
          {"original_shipping_fee", format_money(o.original_shipping_fee, c)},
          {"shipping_fee_seller_discount", format_money(o.shipping_fee_seller_discount, c)},
          {"shipping_fee_platform_discount", format_money(o.shipping_fee_platform_discount, c)},
          {"tax", format_money(tax, c)},
          {"product_tax", format_money(product_tax, c)},
          {"shipping_fee_tax", format_money(o.shipping_fee_tax, c)},
          {"retail_delivery_fee", format_money(o.retail_delivery_fee, c)},
          {"small_order_fee", format_money(0, c)},
          {"buyer_service_fee", format_money(0, c)}},
                      std::move(sp));
}

json::object order_json(const shop_state& shop, const order& o, json::storage_ptr sp) {
  json::object j(sp);
  j.reserve(64);
  j["id"] = o.id;
  j["status"] = o.status;
  j["create_time"] = o.create_time;
  j["update_time"] = o.update_time;
  put_time(j, "paid_time", o.paid_time);
  put_time(j, "rts_time", o.rts_time);
  put_time(j, "rts_sla_time", o.rts_sla_time);
  put_time(j, "tts_sla_time", o.tts_sla_time);
  put_time(j, "shipping_due_time", o.shipping_due_time);
  put_time(j, "collection_due_time", o.collection_due_time);
  put_time(j, "delivery_due_time", o.delivery_due_time);
  put_time(j, "cancel_order_sla_time", o.cancel_order_sla_time);
  put_time(j, "collection_time", o.collection_time);
  put_time(j, "delivery_time", o.delivery_time);
  put_time(j, "cancel_time", o.cancel_time);
  put_text(j, "cancel_reason", o.cancel_reason);
  put_text(j, "cancellation_initiator", o.cancellation_initiator);
  j["is_buyer_request_cancel"] = o.is_buyer_request_cancel;
  j["shipping_type"] = o.shipping_type;
  j["fulfillment_type"] = o.fulfillment_type;
  j["delivery_type"] = o.delivery_type;
  j["delivery_option_id"] = o.delivery_option_id;
  j["delivery_option_name"] = o.delivery_option_name;
  j["warehouse_id"] = o.warehouse_id;
  put_text(j, "shipping_provider", o.shipping_provider);
  put_text(j, "shipping_provider_id", o.shipping_provider_id);
  put_text(j, "tracking_number", o.tracking_number);
  put_text(j, "split_or_combine_tag", o.split_or_combine_tag);
  json::array packages(sp);
  for (const auto& id : o.package_ids) packages.push_back(json::object({{"id", id}}, sp));
  j["packages"] = std::move(packages);
  j["is_on_hold_order"] = o.is_on_hold_order;
  j["is_cod"] = o.is_cod;
  j["is_sample_order"] = false;
  j["is_replacement_order"] = false;
  j["order_type"] = "NORMAL";
  j["commerce_platform"] = "TIKTOK_SHOP";
  j["buyer_message"] = o.buyer_message;
  j["buyer_email"] = o.buyer_email;
  j["user_id"] = o.user_id;
  j["seller_note"] = o.seller_note;
  if (shop.cfg.region == "BR") {
    j["need_upload_invoice"] = o.need_upload_invoice;
    j["cpf"] = o.cpf;
    j["cpf_name"] = o.cpf_name;
  }
  j["payment"] = payment_json(o, sp);
  // The platform withholds the address until the order may be fulfilled.
  if (o.status != "UNPAID" && o.status != "ON_HOLD") j["recipient_address"] = address_json(o.recipient, sp);
  json::array lines(sp);
  for (const auto& l : o.lines) {
    const package* p = l.package_id.empty() ? nullptr : find_package(shop, l.package_id);
    json::object li({{"id", l.id},
                    {"sku_id", l.sku_id},
                    {"product_id", l.product_id},
                    {"product_name", l.product_name},
                    {"sku_name", l.sku_name},
                    {"sku_image", l.sku_image},
                    {"seller_sku", l.seller_sku},
                    {"original_price", format_money(l.original_price, o.currency)},
                    {"sale_price", format_money(l.sale_price, o.currency)},
                    {"platform_discount", format_money(l.platform_discount, o.currency)},
                    {"seller_discount", format_money(l.seller_discount, o.currency)},
                    {"currency", o.currency},
                    {"display_status", o.status},
                    {"package_status", line_package_status(o.status, p)},
                    {"sku_type", "NORMAL"},
                    {"is_gift", l.is_gift},
                    {"combined_listing_skus", json::array{}}},
                    sp);
    if (p) {
      li["package_id"] = p->id;
      put_text(li, "tracking_number", p->tracking_number);
      put_text(li, "shipping_provider_id", p->shipping_provider_id);
      put_text(li, "shipping_provider_name", p->shipping_provider_name);
      put_time(li, "rts_time", p->ship_time);
    }
    put_text(li, "cancel_reason", l.cancel_reason);
    put_text(li, "cancel_user", l.cancel_user);
    if (l.tax > 0) {
      money base = l.sale_price;
      std::int64_t basis_points = base > 0 ? (l.tax * 10000 + base / 2) / base : 0;
      char rate[16];
      std::snprintf(rate, sizeof rate, "0.%04d", static_cast<int>(basis_points % 10000));
      li["item_tax"] = json::array(
          {{{"tax_type", "SALES_TAX"}, {"tax_amount", format_money(l.tax, o.currency)}, {"tax_rate", rate}}},
          sp);
    }
    lines.push_back(std::move(li));
  }
  j["line_items"] = std::move(lines);
  return j;
}

json::object package_summary_json(const shop_state& shop, const package& p) {
  json::object j{{"id", p.id},
                 {"orders", package_orders_json(shop, p)},
                 {"create_time", p.create_time},
                 {"update_time", p.update_time},
                 {"status", p.status},
                 {"order_line_item_ids", to_json_array(p.line_item_ids)}};
  put_text(j, "tracking_number", p.tracking_number);
  put_text(j, "shipping_provider_name", p.shipping_provider_name);
  put_text(j, "shipping_provider_id", p.shipping_provider_id);
  return j;
}

json::object package_detail_json(const shop_state& shop, const package& p) {
  const order* first = nullptr;
  bool noted = false;
  std::set<std::string> skus;
  std::int64_t grams = 0;
  for (const auto& oid : p.order_ids) {
    auto it = shop.orders.find(oid);
    if (it == shop.orders.end()) continue;
    if (!first) first = &it->second;
    noted = noted || !it->second.buyer_message.empty();
    for (const auto* l : lines_in_package(it->second, p)) {
      skus.insert(l->sku_id);
      auto prod = shop.products.find(l->product_id);
      grams += prod == shop.products.end() ? 300 : prod->second.weight_grams;
    }
  }
  json::object j{{"package_id", p.id},
                 {"orders", package_orders_json(shop, p)},
                 {"package_status", p.status},
                 {"split_and_combine_tag", p.split_combine_tag.empty() ? "DEFAULT" : p.split_combine_tag},
                 {"has_multi_skus", skus.size() > 1},
                 {"note_tag", noted ? "BUYER_NOTED" : "BUYER_UNNOTED"},
                 {"shipping_type", p.shipping_type},
                 {"order_line_item_ids", to_json_array(p.line_item_ids)},
                 {"weight", {{"value", std::to_string(grams)}, {"unit", "GRAM"}}},
                 {"dimension", {{"length", "30"}, {"width", "20"}, {"height", "10"}, {"unit", "CM"}}},
                 {"create_time", p.create_time},
                 {"update_time", p.update_time}};
  if (first) {
    j["delivery_option_id"] = first->delivery_option_id;
    j["delivery_option_name"] = first->delivery_option_name;
    if (first->status != "UNPAID" && first->status != "ON_HOLD")
      j["recipient_address"] = address_json(first->recipient);
  }
  put_text(j, "shipping_provider_name", p.shipping_provider_name);
  put_text(j, "shipping_provider_id", p.shipping_provider_id);
  put_text(j, "tracking_number", p.tracking_number);
  if (shop.cfg.seller_type == "CROSS_BORDER" && !p.tracking_number.empty())
    j["last_mile_tracking_number"] = p.tracking_number + "LM";
  put_text(j, "handover_method", p.handover_method);
  if (p.pickup_start > 0) j["pickup_slot"] = {{"start_time", p.pickup_start}, {"end_time", p.pickup_end}};
  if (!shop.warehouses.empty()) {
    const auto& w = shop.warehouses.front();
    j["sender_address"] = {{"name", w.name}, {"full_address", w.name}, {"region_code", shop.cfg.region}};
  }
  return j;
}

json::object product_summary_json(const shop_state& shop, const product& p) {
  json::array skus;
  for (const auto& k : p.skus)
    skus.push_back(json::object{{"id", k.id},
                                {"seller_sku", k.seller_sku},
                                {"price", price_json(shop, k.price)},
                                {"inventory", inventory_json(k)}});
  return {{"id", p.id},
          {"title", p.title},
          {"status", p.status},
          {"skus", std::move(skus)},
          {"sales_regions", json::array{json::string(shop.cfg.region)}},
          {"is_not_for_sale", false},
          {"audit", {{"status", p.audit_status}}},
          {"create_time", p.create_time},
          {"update_time", p.update_time}};
}

json::object product_detail_json(const shop_state& shop, const product& p) {
  std::string parent_id = p.category_id.substr(0, 3) + "000";
  json::array skus;
  for (const auto& k : p.skus) {
    skus.push_back(json::object{{"id", k.id},
                                {"seller_sku", k.seller_sku},
                                {"price", price_json(shop, k.price)},
                                {"inventory", inventory_json(k)},
                                {"sales_attributes", json::array{{{"id", "100000"},
                                                                  {"name", k.attribute_name},
                                                                  {"value_id", k.id.substr(k.id.size() - 7)},
                                                                  {"value_name", k.attribute_value}}}},
                                {"external_sku_id", ""}});
  }
  json::array failed;
  for (const auto& reason : p.audit_failed_reasons)
    failed.push_back(json::object{{"position", "title"},
                                  {"reasons", json::array{json::string(reason)}},
                                  {"suggestions", json::array{}}});
  std::string image = "https://sim.invalid/img/" + p.id + ".jpg";
  return {{"id", p.id},
          {"status", p.status},
          {"title", p.title},
          {"description", p.description},
          {"category_chains", json::array{{{"id", parent_id},
                                           {"parent_id", "0"},
                                           {"local_name", "Category " + parent_id},
                                           {"is_leaf", false}},
                                          {{"id", p.category_id},
                                           {"parent_id", parent_id},
                                           {"local_name", p.category_name},
                                           {"is_leaf", true}}}},
          {"brand", {{"id", std::string("7").append(p.id.substr(1, 17))}, {"name", p.brand}}},
          {"main_images", json::array{{{"uri", "tos-sim/" + p.id},
                                       {"urls", json::array{json::string(image)}},
                                       {"thumb_urls", json::array{json::string(image)}},
                                       {"height", 800},
                                       {"width", 800}}}},
          {"package_dimensions",
           {{"length", std::to_string(p.length_cm)},
            {"width", std::to_string(p.width_cm)},
            {"height", std::to_string(p.height_cm)},
            {"unit", "CENTIMETER"}}},
          {"package_weight", {{"value", kilograms(p.weight_grams)}, {"unit", "KILOGRAM"}}},
          {"skus", std::move(skus)},
          {"product_attributes", json::array{}},
          {"certifications", json::array{}},
          {"is_cod_allowed", false},
          {"audit", {{"status", p.audit_status}}},
          {"audit_failed_reasons", std::move(failed)},
          {"create_time", p.create_time},
          {"update_time", p.update_time},
          {"has_draft", false}};
}

}  // namespace kingkung::sim::detail
