#include "kingkung/privacy/export.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <ctime>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/audit_repository.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/seller_export_reader.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/storage/user_repository.hpp"

namespace kingkung::privacy {
namespace {

namespace json = boost::json;
constexpr std::size_t order_page_size = 200;
constexpr std::size_t audit_page_size = 500;

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json::array strings(const std::vector<std::string>& values) {
  json::array a;
  for (const auto& v : values) a.emplace_back(v);
  return a;
}

std::string money(const decimal& d) {
  return d.to_string();
}

json::object order_json(const domain::order& o) {
  json::object pay{{"currency", o.pay.currency},
                   {"sub_total", money(o.pay.sub_total)},
                   {"shipping_fee", money(o.pay.shipping_fee)},
                   {"seller_discount", money(o.pay.seller_discount)},
                   {"platform_discount", money(o.pay.platform_discount)},
                   {"tax", money(o.pay.tax)},
                   {"total_amount", money(o.pay.total_amount)},
                   {"original_total_product_price", money(o.pay.original_total_product_price)},
                   {"original_shipping_fee", money(o.pay.original_shipping_fee)},
                   {"product_tax", money(o.pay.product_tax)},
                   {"shipping_fee_tax", money(o.pay.shipping_fee_tax)},
                   {"retail_delivery_fee", money(o.pay.retail_delivery_fee)},
                   {"small_order_fee", money(o.pay.small_order_fee)},
                   {"buyer_service_fee", money(o.pay.buyer_service_fee)},
                   {"shipping_fee_seller_discount", money(o.pay.shipping_fee_seller_discount)},
                   {"shipping_fee_platform_discount", money(o.pay.shipping_fee_platform_discount)}};
  json::array districts;
  for (const auto& d : o.recipient.district_info)
    districts.push_back(json::object{{"address_level", d.address_level},
                                     {"address_level_name", d.address_level_name},
                                     {"address_name", d.address_name}});
  const auto& r = o.recipient;
  json::object recipient{{"name", r.name},
                         {"first_name", r.first_name},
                         {"last_name", r.last_name},
                         {"phone_number", r.phone_number},
                         {"full_address", r.full_address},
                         {"postal_code", r.postal_code},
                         {"region_code", r.region_code},
                         {"address_line1", r.address_line1},
                         {"address_line2", r.address_line2},
                         {"address_line3", r.address_line3},
                         {"address_line4", r.address_line4},
                         {"address_detail", r.address_detail},
                         {"district_info", std::move(districts)}};
  json::array lines;
  for (const auto& l : o.lines)
    lines.push_back(json::object{{"id", l.id},
                                 {"sku_id", l.sku_id},
                                 {"product_id", l.product_id},
                                 {"product_name", l.product_name},
                                 {"sku_name", l.sku_name},
                                 {"seller_sku", l.seller_sku},
                                 {"currency", l.currency},
                                 {"original_price", money(l.original_price)},
                                 {"sale_price", money(l.sale_price)},
                                 {"seller_discount", money(l.seller_discount)},
                                 {"platform_discount", money(l.platform_discount)},
                                 {"display_status", l.display_status},
                                 {"package_status", l.package_status},
                                 {"package_id", l.package_id},
                                 {"tracking_number", l.tracking_number},
                                 {"shipping_provider_name", l.shipping_provider_name},
                                 {"is_gift", l.is_gift},
                                 {"sku_type", l.sku_type},
                                 {"cancel_reason", l.cancel_reason},
                                 {"cancel_user", l.cancel_user},
                                 {"rts_time", l.rts_time}});
  return json::object{{"shop_id", o.shop_id},
                      {"id", o.id},
                      {"status", o.status_text},
                      {"create_time", o.create_time},
                      {"update_time", o.update_time},
                      {"paid_time", o.paid_time},
                      {"rts_time", o.rts_time},
                      {"delivery_time", o.delivery_time},
                      {"cancel_time", o.cancel_time},
                      {"buyer_user_id", o.buyer_user_id},
                      {"buyer_email", o.buyer_email},
                      {"buyer_message", o.buyer_message},
                      {"seller_note", o.seller_note},
                      {"cpf", o.cpf},
                      {"cpf_name", o.cpf_name},
                      {"shipping_type", o.shipping_type},
                      {"fulfillment_type", o.fulfillment_type},
                      {"delivery_option_name", o.delivery_option_name},
                      {"shipping_provider", o.shipping_provider},
                      {"tracking_number", o.tracking_number},
                      {"warehouse_id", o.warehouse_id},
                      {"is_cod", o.is_cod},
                      {"is_on_hold_order", o.is_on_hold_order},
                      {"cancel_reason", o.cancel_reason},
                      {"cancellation_initiator", o.cancellation_initiator},
                      {"package_ids", strings(o.package_ids)},
                      {"payment", std::move(pay)},
                      {"recipient", std::move(recipient)},
                      {"lines", std::move(lines)}};
}

json::object product_json(const domain::product& p) {
  json::array skus;
  for (const auto& s : p.skus) {
    json::array inventory;
    for (const auto& i : s.inventory)
      inventory.push_back(json::object{{"warehouse_id", i.warehouse_id}, {"quantity", i.quantity}});
    skus.push_back(json::object{{"id", s.id},
                                {"seller_sku", s.seller_sku},
                                {"currency", s.currency},
                                {"price", money(s.price)},
                                {"tax_exclusive_price", money(s.tax_exclusive_price)},
                                {"external_sku_id", s.external_sku_id},
                                {"inventory", std::move(inventory)}});
  }
  return json::object{{"shop_id", p.shop_id},       {"id", p.id},
                      {"title", p.title},           {"status", p.status},
                      {"audit_status", p.audit_status}, {"category_id", p.category_id},
                      {"brand_id", p.brand_id},     {"brand_name", p.brand_name},
                      {"sales_regions", strings(p.sales_regions)}, {"has_draft", p.has_draft},
                      {"create_time", p.create_time}, {"update_time", p.update_time},
                      {"skus", std::move(skus)}};
}

json::object package_json(const domain::package& p) {
  return json::object{{"shop_id", p.shop_id},
                      {"id", p.id},
                      {"status", p.status},
                      {"order_ids", strings(p.order_ids)},
                      {"line_item_ids", strings(p.line_item_ids)},
                      {"tracking_number", p.tracking_number},
                      {"shipping_provider_name", p.shipping_provider_name},
                      {"split_and_combine_tag", p.split_and_combine_tag},
                      {"shipping_type", p.shipping_type},
                      {"delivery_option_name", p.delivery_option_name},
                      {"handover_method", p.handover_method},
                      {"last_mile_tracking_number", p.last_mile_tracking_number},
                      {"create_time", p.create_time},
                      {"update_time", p.update_time}};
}

json::object invoice_json(const domain::invoice& i) {
  return json::object{{"shop_id", i.shop_id},         {"package_id", i.package_id},
                      {"order_ids", strings(i.order_ids)}, {"access_key", i.access_key},
                      {"status", i.status},           {"invalid_reason", i.invalid_reason},
                      {"uploaded_at", i.uploaded_at}, {"updated_at", i.updated_at}};
}

// Writes `"key":[` ... `]`, one element per call of `item`.
class array_writer {
 public:
  array_writer(std::ostream& out, std::string_view key) : out_(out) {
    out_ << ",\n" << json::serialize(json::string(key)) << ":[";
  }
  void add(const json::value& v) {
    out_ << (first_ ? "\n" : ",\n") << json::serialize(v);
    first_ = false;
  }
  ~array_writer() { out_ << (first_ ? "]" : "\n]"); }
  array_writer(const array_writer&) = delete;
  array_writer& operator=(const array_writer&) = delete;

 private:
  std::ostream& out_;
  bool first_ = true;
};

template <class F>
result<void> for_each_order(storage::database& db, const std::vector<domain::shop>& shops, F&& f) {
  storage::order_repository orders(db);
  for (const auto& shop : shops) {
    storage::order_page_request req;
    req.shop_id = shop.id;
    req.limit = order_page_size;
    for (;;) {
      auto page = orders.list(req);
      if (!page) return std::move(page).err();
      for (const auto& o : page->orders) f(o);
      if (page->next_cursor.empty()) break;
      req.cursor = page->next_cursor;
    }
  }
  return {};
}

std::string iso_time(std::int64_t unix_seconds) {
  if (unix_seconds <= 0) return {};
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void audit_export(storage::database& db, std::int64_t seller_id, const actor& who, std::string_view what,
                  const export_report& r, std::int64_t now) {
  std::string detail = std::string(what) + ": " + std::to_string(r.orders) + " order(s) of " +
                       std::to_string(r.shops) + " shop(s); " + describe(who);
  auto audited = storage::audit_repository(db).append({0, seller_id, who.user_id, "privacy.export",
                                                       "seller " + std::to_string(seller_id), detail, now});
  if (!audited) log::error("privacy", "export audit entry failed: " + audited.err().message);
}

}  // namespace

std::string csv_number(std::string_view text) {
  bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_field(std::string_view text) {
  if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                        text.front() == '@' || text.front() == '\t' || text.front() == '\r'))
    return csv_number("'" + std::string(text));
  return csv_number(text);
}

result<export_report> export_seller(storage::database& db, std::int64_t seller_id, std::ostream& out,
                                    const actor& who, std::int64_t now) {
  if (now == 0) now = system_now();
  auto seller = storage::seller_repository(db).get(seller_id);
  if (!seller) return std::move(seller).err();
  if (!seller->has_value())
    return plugin::make_error(plugin::errc::not_found, "export: no seller with id " + std::to_string(seller_id));
  auto users = storage::user_repository(db).list_by_seller(seller_id);
  if (!users) return std::move(users).err();
  storage::seller_export_reader reader(db);
  auto shops = reader.shops(seller_id);
  if (!shops) return std::move(shops).err();

  export_report report;
  const auto& s = **seller;
  out << "{\"format\":\"kingkung-seller-export\",\"version\":1,\"generated_at\":" << now;
  out << ",\n\"seller\":"
      << json::serialize(json::object{{"id", s.id}, {"name", s.name}, {"created_at", s.created_at}});
  {
    array_writer a(out, "users");
    for (const auto& u : *users)
      a.add(json::object{{"id", u.id},
                         {"email", u.email},
                         {"role", storage::to_string(u.user_role)},
                         {"locale", u.locale},
                         {"created_at", u.created_at}});
  }
  {
    array_writer a(out, "shops");
    for (const auto& shop : *shops) {
      a.add(json::object{{"id", shop.id},
                         {"name", shop.name},
                         {"code", shop.code},
                         {"region", shop.region},
                         {"seller_type", shop.seller_type},
                         {"transport", shop.transport},
                         {"modules", strings(shop.modules)},
                         {"granted_scopes", strings(shop.granted_scopes)},
                         {"state", storage::to_string(shop.state)},
                         {"demo", shop.demo},
                         {"connected_at", shop.connected_at},
                         {"disconnected_at", shop.disconnected_at}});
      ++report.shops;
    }
  }
  {
    array_writer a(out, "orders");
    auto done = for_each_order(db, *shops, [&](const domain::order& o) {
      a.add(order_json(o));
      ++report.orders;
      report.order_lines += o.lines.size();
    });
    if (!done) return std::move(done).err();
  }
  {
    array_writer a(out, "products");
    for (const auto& shop : *shops) {
      auto done = reader.for_each_product(shop.id, [&](const domain::product& p) {
        a.add(product_json(p));
        ++report.products;
      });
      if (!done) return std::move(done).err();
    }
  }
  {
    array_writer a(out, "packages");
    for (const auto& shop : *shops) {
      auto done = reader.for_each_package(shop.id, [&](const domain::package& p) {
        a.add(package_json(p));
        ++report.packages;
      });
      if (!done) return std::move(done).err();
    }
  }
  {
    array_writer a(out, "invoices");
    for (const auto& shop : *shops) {
      auto done = reader.for_each_invoice(shop.id, [&](const domain::invoice& i) {
        a.add(invoice_json(i));
        ++report.invoices;
      });
      if (!done) return std::move(done).err();
    }
  }
  {
    array_writer a(out, "audit_log");
    storage::audit_repository audit(db);
    std::int64_t before = 0;
    for (;;) {
      auto page = audit.list_by_seller(seller_id, audit_page_size, before);
      if (!page) return std::move(page).err();
      for (const auto& e : *page) {
        a.add(json::object{{"id", e.id},
                           {"user_id", e.user_id},
                           {"action", e.action},
                           {"target", e.target},
                           {"detail", e.detail},
                           {"at", e.at}});
        ++report.audit_entries;
      }
      if (page->size() < audit_page_size) break;
      before = page->back().id;
    }
  }
  out << "\n}\n";
  out.flush();
  if (!out) return plugin::make_error(plugin::errc::unavailable, "export: writing the output failed");
  audit_export(db, seller_id, who, "JSON export", report, now);
  return report;
}

result<export_report> export_orders_csv(storage::database& db, std::int64_t seller_id, std::ostream& out,
                                        const actor& who) {
  auto seller = storage::seller_repository(db).get(seller_id);
  if (!seller) return std::move(seller).err();
  if (!seller->has_value())
    return plugin::make_error(plugin::errc::not_found, "export: no seller with id " + std::to_string(seller_id));
  auto shops = storage::seller_export_reader(db).shops(seller_id);
  if (!shops) return std::move(shops).err();

  export_report report;
  report.shops = shops->size();
  out << "shop_id,order_id,status,create_time,update_time,currency,order_total,shipping_fee,buyer_email,"
         "recipient_name,recipient_phone,recipient_address,postal_code,tracking_number,shipping_provider,"
         "line_id,sku_id,seller_sku,product_name,sku_name,sale_price,original_price\r\n";
  auto done = for_each_order(db, *shops, [&](const domain::order& o) {
    std::string head = csv_field(o.shop_id) + ',' + csv_field(o.id) + ',' + csv_field(o.status_text) + ',' +
                       csv_number(iso_time(o.create_time)) + ',' + csv_number(iso_time(o.update_time)) + ',' +
                       csv_field(o.pay.currency) + ',' + csv_number(money(o.pay.total_amount)) + ',' +
                       csv_number(money(o.pay.shipping_fee)) + ',' + csv_field(o.buyer_email) + ',' +
                       csv_field(o.recipient.name) + ',' + csv_field(o.recipient.phone_number) + ',' +
                       csv_field(o.recipient.full_address) + ',' + csv_field(o.recipient.postal_code) + ',' +
                       csv_field(o.tracking_number) + ',' + csv_field(o.shipping_provider);
    if (o.lines.empty()) out << head << ",,,,,,,\r\n";
    for (const auto& l : o.lines) {
      out << head << ',' << csv_field(l.id) << ',' << csv_field(l.sku_id) << ',' << csv_field(l.seller_sku) << ','
          << csv_field(l.product_name) << ',' << csv_field(l.sku_name) << ',' << csv_number(money(l.sale_price))
          << ',' << csv_number(money(l.original_price)) << "\r\n";
    }
    ++report.orders;
    report.order_lines += o.lines.size();
  });
  if (!done) return std::move(done).err();
  out.flush();
  if (!out) return plugin::make_error(plugin::errc::unavailable, "export: writing the output failed");
  audit_export(db, seller_id, who, "CSV orders export", report, system_now());
  return report;
}

}  // namespace kingkung::privacy
