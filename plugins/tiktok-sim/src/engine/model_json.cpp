#include "model_json.hpp"

#include "json_util.hpp"

namespace kingkung::sim::detail {
namespace {

// ---- writing ----

json::array strings(const std::vector<std::string>& v) {
  return to_json_array(v);
}

json::object write_settings(const shop_settings& s) {
  return {{"key", s.key},
          {"id", s.id},
          {"name", s.name},
          {"region", s.region},
          {"seller_type", s.seller_type},
          {"seller", s.seller},
          {"seller_name", s.seller_name},
          {"orders", s.orders},
          {"products", s.products}};
}

json::object write_address(const address& a) {
  json::array districts;
  for (const auto& d : a.districts)
    districts.push_back(json::object{{"level", d.level}, {"level_name", d.level_name}, {"name", d.name}});
  return {{"name", a.name},
          {"first_name", a.first_name},
          {"last_name", a.last_name},
          {"phone_number", a.phone_number},
          {"postal_code", a.postal_code},
          {"region_code", a.region_code},
          {"full_address", a.full_address},
          {"line1", a.line1},
          {"line2", a.line2},
          {"line3", a.line3},
          {"line4", a.line4},
          {"detail", a.detail},
          {"districts", std::move(districts)}};
}

json::object write_line(const line_item& l) {
  return {{"id", l.id},
          {"sku_id", l.sku_id},
          {"product_id", l.product_id},
          {"product_name", l.product_name},
          {"sku_name", l.sku_name},
          {"sku_image", l.sku_image},
          {"seller_sku", l.seller_sku},
          {"category_id", l.category_id},
          {"original_price", l.original_price},
          {"sale_price", l.sale_price},
          {"seller_discount", l.seller_discount},
          {"platform_discount", l.platform_discount},
          {"tax", l.tax},
          {"package_id", l.package_id},
          {"cancel_reason", l.cancel_reason},
          {"cancel_user", l.cancel_user},
          {"is_gift", l.is_gift}};
}

json::object write_order(const order& o) {
  json::array lines;
  for (const auto& l : o.lines) lines.push_back(write_line(l));
  return {{"id", o.id},
          {"status", o.status},
          {"create_time", o.create_time},
          {"update_time", o.update_time},
          {"paid_time", o.paid_time},
          {"rts_time", o.rts_time},
          {"rts_sla_time", o.rts_sla_time},
          {"tts_sla_time", o.tts_sla_time},
          {"shipping_due_time", o.shipping_due_time},
          {"collection_due_time", o.collection_due_time},
          {"delivery_due_time", o.delivery_due_time},
          {"cancel_order_sla_time", o.cancel_order_sla_time},
          {"collection_time", o.collection_time},
          {"delivery_time", o.delivery_time},
          {"cancel_time", o.cancel_time},
          {"cancel_reason", o.cancel_reason},
          {"cancellation_initiator", o.cancellation_initiator},
          {"is_buyer_request_cancel", o.is_buyer_request_cancel},
          {"shipping_type", o.shipping_type},
          {"fulfillment_type", o.fulfillment_type},
          {"delivery_type", o.delivery_type},
          {"delivery_option_id", o.delivery_option_id},
          {"delivery_option_name", o.delivery_option_name},
          {"warehouse_id", o.warehouse_id},
          {"shipping_provider", o.shipping_provider},
          {"shipping_provider_id", o.shipping_provider_id},
          {"tracking_number", o.tracking_number},
          {"split_or_combine_tag", o.split_or_combine_tag},
          {"is_on_hold_order", o.is_on_hold_order},
          {"is_cod", o.is_cod},
          {"buyer_message", o.buyer_message},
          {"buyer_email", o.buyer_email},
          {"user_id", o.user_id},
          {"seller_note", o.seller_note},
          {"need_upload_invoice", o.need_upload_invoice},
          {"cpf", o.cpf},
          {"cpf_name", o.cpf_name},
          {"currency", o.currency},
          {"original_shipping_fee", o.original_shipping_fee},
          {"shipping_fee_seller_discount", o.shipping_fee_seller_discount},
          {"shipping_fee_platform_discount", o.shipping_fee_platform_discount},
          {"shipping_fee_tax", o.shipping_fee_tax},
          {"retail_delivery_fee", o.retail_delivery_fee},
          {"recipient", write_address(o.recipient)},
          {"lines", std::move(lines)},
          {"package_ids", strings(o.package_ids)}};
}

json::object write_invoice(const invoice& i) {
  return {{"status", i.status},
          {"invalid_reason", i.invalid_reason},
          {"decided_status", i.decided_status},
          {"decided_reason", i.decided_reason},
          {"access_key", i.access_key},
          {"order_ids", strings(i.order_ids)},
          {"uploaded_at", i.uploaded_at},
          {"settle_at", i.settle_at}};
}

json::object write_package(const package& p) {
  json::object o{{"id", p.id},
                 {"status", p.status},
                 {"split_combine_tag", p.split_combine_tag},
                 {"order_ids", strings(p.order_ids)},
                 {"line_item_ids", strings(p.line_item_ids)},
                 {"create_time", p.create_time},
                 {"update_time", p.update_time},
                 {"shipping_type", p.shipping_type},
                 {"tracking_number", p.tracking_number},
                 {"shipping_provider_id", p.shipping_provider_id},
                 {"shipping_provider_name", p.shipping_provider_name},
                 {"handover_method", p.handover_method},
                 {"pickup_start", p.pickup_start},
                 {"pickup_end", p.pickup_end},
                 {"ship_time", p.ship_time}};
  if (p.invoice_record) o["invoice"] = write_invoice(*p.invoice_record);
  return o;
}

json::object write_product(const product& p) {
  json::array skus;
  for (const auto& s : p.skus) {
    json::array inv;
    for (const auto& e : s.inventory)
      inv.push_back(json::object{{"warehouse_id", e.warehouse_id}, {"quantity", e.quantity}});
    skus.push_back(json::object{{"id", s.id},
                                {"seller_sku", s.seller_sku},
                                {"attribute_name", s.attribute_name},
                                {"attribute_value", s.attribute_value},
                                {"price", s.price},
                                {"inventory", std::move(inv)}});
  }
  return {{"id", p.id},
          {"title", p.title},
          {"description", p.description},
          {"status", p.status},
          {"audit_status", p.audit_status},
          {"audit_failed_reasons", strings(p.audit_failed_reasons)},
          {"category_id", p.category_id},
          {"category_name", p.category_name},
          {"brand", p.brand},
          {"weight_grams", p.weight_grams},
          {"length_cm", p.length_cm},
          {"width_cm", p.width_cm},
          {"height_cm", p.height_cm},
          {"create_time", p.create_time},
          {"update_time", p.update_time},
          {"audit_settle_at", p.audit_settle_at},
          {"price_locked", p.price_locked},
          {"skus", std::move(skus)}};
}

json::object write_shop(const shop_state& s) {
  json::array warehouses, orders, packages, products, webhooks;
  for (const auto& w : s.warehouses) warehouses.push_back(json::object{{"id", w.id}, {"name", w.name}});
  for (const auto& [id, o] : s.orders) orders.push_back(write_order(o));
  for (const auto& [id, p] : s.packages) packages.push_back(write_package(p));
  for (const auto& [id, p] : s.products) products.push_back(write_product(p));
  for (const auto& [type, w] : s.webhooks)
    webhooks.push_back(json::object{{"event_type", w.event_type},
                                    {"address", w.address},
                                    {"create_time", w.create_time},
                                    {"update_time", w.update_time}});
  return {{"settings", write_settings(s.cfg)},
          {"cipher", s.cipher},
          {"code", s.code},
          {"currency", s.currency},
          {"warehouses", std::move(warehouses)},
          {"orders", std::move(orders)},
          {"packages", std::move(packages)},
          {"products", std::move(products)},
          {"webhooks", std::move(webhooks)}};
}

// ---- reading ----

void rd(const json::object& o, std::string_view k, std::string& out) {
  if (auto v = get_string(o, k)) out = std::move(*v);
}
void rd(const json::object& o, std::string_view k, std::int64_t& out) {
  if (auto v = get_int(o, k)) out = *v;
}
void rd(const json::object& o, std::string_view k, int& out) {
  if (auto v = get_int(o, k)) out = static_cast<int>(*v);
}
void rd(const json::object& o, std::string_view k, bool& out) {
  if (auto v = get_bool(o, k)) out = *v;
}
void rd(const json::object& o, std::string_view k, std::vector<std::string>& out) {
  if (auto v = get_strings(o, k)) out = std::move(*v);
}

template <class F>
void each_object(const json::object& o, std::string_view key, F&& f) {
  if (const auto* a = get_array(o, key))
    for (const auto& item : *a)
      if (const auto* obj = item.if_object()) f(*obj);
}

shop_settings read_settings_obj(const json::object& o) {
  shop_settings s;
  rd(o, "key", s.key);
  rd(o, "id", s.id);
  rd(o, "name", s.name);
  rd(o, "region", s.region);
  rd(o, "seller_type", s.seller_type);
  rd(o, "seller", s.seller);
  rd(o, "seller_name", s.seller_name);
  rd(o, "orders", s.orders);
  rd(o, "products", s.products);
  return s;
}

address read_address(const json::object& o) {
  address a;
  rd(o, "name", a.name);
  rd(o, "first_name", a.first_name);
  rd(o, "last_name", a.last_name);
  rd(o, "phone_number", a.phone_number);
  rd(o, "postal_code", a.postal_code);
  rd(o, "region_code", a.region_code);
  rd(o, "full_address", a.full_address);
  rd(o, "line1", a.line1);
  rd(o, "line2", a.line2);
  rd(o, "line3", a.line3);
  rd(o, "line4", a.line4);
  rd(o, "detail", a.detail);
  each_object(o, "districts", [&](const json::object& d) {
    district x;
    rd(d, "level", x.level);
    rd(d, "level_name", x.level_name);
    rd(d, "name", x.name);
    a.districts.push_back(std::move(x));
  });
  return a;
}

line_item read_line(const json::object& o) {
  line_item l;
  rd(o, "id", l.id);
  rd(o, "sku_id", l.sku_id);
  rd(o, "product_id", l.product_id);
  rd(o, "product_name", l.product_name);
  rd(o, "sku_name", l.sku_name);
  rd(o, "sku_image", l.sku_image);
  rd(o, "seller_sku", l.seller_sku);
  rd(o, "category_id", l.category_id);
  rd(o, "original_price", l.original_price);
  rd(o, "sale_price", l.sale_price);
  rd(o, "seller_discount", l.seller_discount);
  rd(o, "platform_discount", l.platform_discount);
  rd(o, "tax", l.tax);
  rd(o, "package_id", l.package_id);
  rd(o, "cancel_reason", l.cancel_reason);
  rd(o, "cancel_user", l.cancel_user);
  rd(o, "is_gift", l.is_gift);
  return l;
}

order read_order(const json::object& o) {
  order r;
  rd(o, "id", r.id);
  rd(o, "status", r.status);
  rd(o, "create_time", r.create_time);
  rd(o, "update_time", r.update_time);
  rd(o, "paid_time", r.paid_time);
  rd(o, "rts_time", r.rts_time);
  rd(o, "rts_sla_time", r.rts_sla_time);
  rd(o, "tts_sla_time", r.tts_sla_time);
  rd(o, "shipping_due_time", r.shipping_due_time);
  rd(o, "collection_due_time", r.collection_due_time);
  rd(o, "delivery_due_time", r.delivery_due_time);
  rd(o, "cancel_order_sla_time", r.cancel_order_sla_time);
  rd(o, "collection_time", r.collection_time);
  rd(o, "delivery_time", r.delivery_time);
  rd(o, "cancel_time", r.cancel_time);
  rd(o, "cancel_reason", r.cancel_reason);
  rd(o, "cancellation_initiator", r.cancellation_initiator);
  rd(o, "is_buyer_request_cancel", r.is_buyer_request_cancel);
  rd(o, "shipping_type", r.shipping_type);
  rd(o, "fulfillment_type", r.fulfillment_type);
  rd(o, "delivery_type", r.delivery_type);
  rd(o, "delivery_option_id", r.delivery_option_id);
  rd(o, "delivery_option_name", r.delivery_option_name);
  rd(o, "warehouse_id", r.warehouse_id);
  rd(o, "shipping_provider", r.shipping_provider);
  rd(o, "shipping_provider_id", r.shipping_provider_id);
  rd(o, "tracking_number", r.tracking_number);
  rd(o, "split_or_combine_tag", r.split_or_combine_tag);
  rd(o, "is_on_hold_order", r.is_on_hold_order);
  rd(o, "is_cod", r.is_cod);
  rd(o, "buyer_message", r.buyer_message);
  rd(o, "buyer_email", r.buyer_email);
  rd(o, "user_id", r.user_id);
  rd(o, "seller_note", r.seller_note);
  rd(o, "need_upload_invoice", r.need_upload_invoice);
  rd(o, "cpf", r.cpf);
  rd(o, "cpf_name", r.cpf_name);
  rd(o, "currency", r.currency);
  rd(o, "original_shipping_fee", r.original_shipping_fee);
  rd(o, "shipping_fee_seller_discount", r.shipping_fee_seller_discount);
  rd(o, "shipping_fee_platform_discount", r.shipping_fee_platform_discount);
  rd(o, "shipping_fee_tax", r.shipping_fee_tax);
  rd(o, "retail_delivery_fee", r.retail_delivery_fee);
  if (const auto* a = get_object(o, "recipient")) r.recipient = read_address(*a);
  each_object(o, "lines", [&](const json::object& l) { r.lines.push_back(read_line(l)); });
  rd(o, "package_ids", r.package_ids);
  return r;
}

package read_package(const json::object& o) {
  package p;
  rd(o, "id", p.id);
  rd(o, "status", p.status);
  rd(o, "split_combine_tag", p.split_combine_tag);
  rd(o, "order_ids", p.order_ids);
  rd(o, "line_item_ids", p.line_item_ids);
  rd(o, "create_time", p.create_time);
  rd(o, "update_time", p.update_time);
  rd(o, "shipping_type", p.shipping_type);
  rd(o, "tracking_number", p.tracking_number);
  rd(o, "shipping_provider_id", p.shipping_provider_id);
  rd(o, "shipping_provider_name", p.shipping_provider_name);
  rd(o, "handover_method", p.handover_method);
  rd(o, "pickup_start", p.pickup_start);
  rd(o, "pickup_end", p.pickup_end);
  rd(o, "ship_time", p.ship_time);
  if (const auto* i = get_object(o, "invoice")) {
    invoice inv;
    rd(*i, "status", inv.status);
    rd(*i, "invalid_reason", inv.invalid_reason);
    rd(*i, "decided_status", inv.decided_status);
    rd(*i, "decided_reason", inv.decided_reason);
    rd(*i, "access_key", inv.access_key);
    rd(*i, "order_ids", inv.order_ids);
    rd(*i, "uploaded_at", inv.uploaded_at);
    rd(*i, "settle_at", inv.settle_at);
    p.invoice_record = std::move(inv);
  }
  return p;
}

product read_product(const json::object& o) {
  product p;
  rd(o, "id", p.id);
  rd(o, "title", p.title);
  rd(o, "description", p.description);
  rd(o, "status", p.status);
  rd(o, "audit_status", p.audit_status);
  rd(o, "audit_failed_reasons", p.audit_failed_reasons);
  rd(o, "category_id", p.category_id);
  rd(o, "category_name", p.category_name);
  rd(o, "brand", p.brand);
  rd(o, "weight_grams", p.weight_grams);
  rd(o, "length_cm", p.length_cm);
  rd(o, "width_cm", p.width_cm);
  rd(o, "height_cm", p.height_cm);
  rd(o, "create_time", p.create_time);
  rd(o, "update_time", p.update_time);
  rd(o, "audit_settle_at", p.audit_settle_at);
  rd(o, "price_locked", p.price_locked);
  each_object(o, "skus", [&](const json::object& s) {
    sku k;
    rd(s, "id", k.id);
    rd(s, "seller_sku", k.seller_sku);
    rd(s, "attribute_name", k.attribute_name);
    rd(s, "attribute_value", k.attribute_value);
    rd(s, "price", k.price);
    each_object(s, "inventory", [&](const json::object& e) {
      inventory_entry x;
      rd(e, "warehouse_id", x.warehouse_id);
      rd(e, "quantity", x.quantity);
      k.inventory.push_back(std::move(x));
    });
    p.skus.push_back(std::move(k));
  });
  return p;
}

shop_state read_shop(const json::object& o) {
  shop_state s;
  if (const auto* c = get_object(o, "settings")) s.cfg = read_settings_obj(*c);
  rd(o, "cipher", s.cipher);
  rd(o, "code", s.code);
  rd(o, "currency", s.currency);
  each_object(o, "warehouses", [&](const json::object& w) {
    warehouse x;
    rd(w, "id", x.id);
    rd(w, "name", x.name);
    s.warehouses.push_back(std::move(x));
  });
  each_object(o, "orders", [&](const json::object& x) {
    auto r = read_order(x);
    s.orders.emplace(r.id, std::move(r));
  });
  each_object(o, "packages", [&](const json::object& x) {
    auto r = read_package(x);
    s.packages.emplace(r.id, std::move(r));
  });
  each_object(o, "products", [&](const json::object& x) {
    auto r = read_product(x);
    s.products.emplace(r.id, std::move(r));
  });
  each_object(o, "webhooks", [&](const json::object& x) {
    subscription w;
    rd(x, "event_type", w.event_type);
    rd(x, "address", w.address);
    rd(x, "create_time", w.create_time);
    rd(x, "update_time", w.update_time);
    s.webhooks.emplace(w.event_type, std::move(w));
  });
  return s;
}

}  // namespace

std::string to_snapshot(const sim_state& state) {
  json::object shops;
  for (const auto& [key, s] : state.shops) shops[key] = write_shop(s);
  json::array auths, access, refresh, codes;
  for (const auto& [id, a] : state.authorizations)
    auths.push_back(json::object{{"id", a.id},
                                 {"seller", a.seller},
                                 {"seller_name", a.seller_name},
                                 {"base_region", a.base_region},
                                 {"open_id", a.open_id},
                                 {"scopes", strings(a.scopes)},
                                 {"granted_at", a.granted_at},
                                 {"expires_at", a.expires_at},
                                 {"revoked", a.revoked}});
  for (const auto& [hash, t] : state.access_tokens)
    access.push_back(json::object{
        {"sha256", hash}, {"authorization_id", t.authorization_id}, {"expires_at", t.expires_at}});
  for (const auto& [hash, t] : state.refresh_tokens)
    refresh.push_back(json::object{
        {"sha256", hash}, {"authorization_id", t.authorization_id}, {"expires_at", t.expires_at}});
  for (const auto& [hash, c] : state.auth_codes)
    codes.push_back(json::object{{"sha256", hash},
                                 {"shop_key", c.shop_key},
                                 {"scopes", strings(c.scopes)},
                                 {"issued_at", c.issued_at},
                                 {"used", c.used}});
  json::array keys;
  for (const auto& k : state.used_access_keys) keys.emplace_back(k);
  json::object root{{"format", snapshot_format},          {"version", snapshot_version},
                    {"app_key", state.app_key},           {"seed", state.seed},
                    {"clock_offset", state.clock_offset}, {"id_counter", state.id_counter},
                    {"shops", std::move(shops)},          {"authorizations", std::move(auths)},
                    {"access_tokens", std::move(access)}, {"refresh_tokens", std::move(refresh)},
                    {"auth_codes", std::move(codes)},     {"used_access_keys", std::move(keys)}};
  return json::serialize(root);
}

plugin::result<sim_state> from_snapshot(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return plugin::make_error(plugin::errc::invalid_argument, "not JSON: " + ec.message());
  const auto* root = v.if_object();
  if (!root)
    return plugin::make_error(plugin::errc::invalid_argument, "expected a JSON object at the top level");
  auto format = get_string(*root, "format");
  if (!format || *format != snapshot_format)
    return plugin::make_error(
        plugin::errc::invalid_argument,
        "format is \"" + format.value_or("") + "\", expected \"" + std::string(snapshot_format) + "\"");
  auto version = get_int(*root, "version");
  if (!version || *version != snapshot_version)
    return plugin::make_error(plugin::errc::invalid_argument,
                              "version is " + (version ? std::to_string(*version) : std::string("missing")) +
                                  ", expected " + std::to_string(snapshot_version));
  sim_state s;
  rd(*root, "app_key", s.app_key);
  if (auto it = root->find("seed"); it != root->end() && it->value().is_number())
    s.seed = it->value().to_number<std::uint64_t>();
  rd(*root, "clock_offset", s.clock_offset);
  if (auto it = root->find("id_counter"); it != root->end() && it->value().is_number())
    s.id_counter = it->value().to_number<std::uint64_t>();
  if (const auto* shops = get_object(*root, "shops"))
    for (const auto& [key, value] : *shops)
      if (const auto* o = value.if_object()) s.shops.emplace(std::string(key), read_shop(*o));
  each_object(*root, "authorizations", [&](const json::object& o) {
    authorization a;
    rd(o, "id", a.id);
    rd(o, "seller", a.seller);
    rd(o, "seller_name", a.seller_name);
    rd(o, "base_region", a.base_region);
    rd(o, "open_id", a.open_id);
    rd(o, "scopes", a.scopes);
    rd(o, "granted_at", a.granted_at);
    rd(o, "expires_at", a.expires_at);
    rd(o, "revoked", a.revoked);
    s.authorizations.emplace(a.id, std::move(a));
  });
  each_object(*root, "access_tokens", [&](const json::object& o) {
    std::string hash;
    access_token_record t;
    rd(o, "sha256", hash);
    rd(o, "authorization_id", t.authorization_id);
    rd(o, "expires_at", t.expires_at);
    s.access_tokens.emplace(std::move(hash), std::move(t));
  });
  each_object(*root, "refresh_tokens", [&](const json::object& o) {
    std::string hash;
    refresh_token_record t;
    rd(o, "sha256", hash);
    rd(o, "authorization_id", t.authorization_id);
    rd(o, "expires_at", t.expires_at);
    s.refresh_tokens.emplace(std::move(hash), std::move(t));
  });
  each_object(*root, "auth_codes", [&](const json::object& o) {
    std::string hash;
    auth_code_record c;
    rd(o, "sha256", hash);
    rd(o, "shop_key", c.shop_key);
    rd(o, "scopes", c.scopes);
    rd(o, "issued_at", c.issued_at);
    rd(o, "used", c.used);
    s.auth_codes.emplace(std::move(hash), std::move(c));
  });
  if (auto keys = get_strings(*root, "used_access_keys"))
    s.used_access_keys.insert(keys->begin(), keys->end());
  return s;
}

}  // namespace kingkung::sim::detail
