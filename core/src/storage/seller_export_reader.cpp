#include "kingkung/storage/seller_export_reader.hpp"

#include <soci/soci.h>

#include "kingkung/storage/shop_repository.hpp"
#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/sku_reader.hpp"

namespace kingkung::storage {
namespace {

constexpr long long page_size = 200;

// Executes a prepared statement and calls `row` once per row, after the row is in the statement's into()
// variables.
template <class Row>
void for_each_row(soci::statement& st, Row&& row) {
  if (!st.execute(true)) return;
  do {
    row();
  } while (st.fetch());
}

// Walks one shop's rows by id, page_size at a time, so a large shop is never held whole: `read_page(after)`
// gives the next rows by id after `after`; `finish(item)` completes each one (its child rows) and hands it on.
template <class Item, class ReadPage, class Finish>
void for_each_page(ReadPage&& read_page, Finish&& finish) {
  std::string after;
  for (;;) {
    std::vector<Item> page = read_page(after);
    if (page.empty()) return;
    for (auto& item : page) finish(item);
    after = page.back().id;
    if (static_cast<long long>(page.size()) < page_size) return;
  }
}

}  // namespace

result<std::vector<domain::shop>> seller_export_reader::shops(std::int64_t seller_id) {
  constexpr std::string_view op = "export.shops";
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::vector<domain::shop>> {
    long long seller = seller_id;
    domain::shop s;
    std::string modules, scopes, state;
    long long seller_col = 0, connected_at = 0, disconnected_at = 0;
    int demo = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, seller_id, name, region, seller_type, transport, modules, granted_scopes,"
                        " state, demo, connected_at, disconnected_at, code FROM shops"
                        " WHERE seller_id = :seller_id ORDER BY id",
         soci::into(s.id), soci::into(seller_col), soci::into(s.name), soci::into(s.region),
         soci::into(s.seller_type), soci::into(s.transport), soci::into(modules), soci::into(scopes),
         soci::into(state), soci::into(demo), soci::into(connected_at), soci::into(disconnected_at),
         soci::into(s.code), soci::use(seller));
    std::vector<domain::shop> out;
    for_each_row(st, [&] {
      s.seller_id = seller_col;
      s.modules = detail::strings_from_column(modules, "shops.modules");
      s.granted_scopes = detail::strings_from_column(scopes, "shops.granted_scopes");
      s.state = parse_shop_state(state).value_or(domain::shop_state::disconnected);
      s.demo = demo != 0;
      s.connected_at = connected_at;
      s.disconnected_at = disconnected_at;
      out.push_back(s);
    });
    return out;
  });
}

result<void> seller_export_reader::for_each_product(std::string_view shop_id,
                                                    const std::function<void(const domain::product&)>& f) {
  constexpr std::string_view op = "export.products";
  const backend kind = db_.kind();
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<void> {
    std::string shop(shop_id);
    auto read_page = [&](std::string after) {
      std::vector<domain::product> page;
      domain::product p;
      std::string regions;
      long long create_time = 0, update_time = 0;
      int has_draft = 0;
      long long limit = page_size;
      soci::statement st =
          (sql.prepare << "SELECT id, title, status, audit_status, category_id, brand_id, brand_name,"
                          " sales_regions, has_draft, create_time, update_time FROM products"
                          " WHERE shop_id = :shop_id AND id > :after ORDER BY id LIMIT :limit",
           soci::into(p.id), soci::into(p.title), soci::into(p.status), soci::into(p.audit_status),
           soci::into(p.category_id), soci::into(p.brand_id), soci::into(p.brand_name), soci::into(regions),
           soci::into(has_draft), soci::into(create_time), soci::into(update_time), soci::use(shop),
           soci::use(after), soci::use(limit));
      for_each_row(st, [&] {
        p.shop_id = shop;
        p.sales_regions = detail::strings_from_column(regions, "products.sales_regions");
        p.has_draft = has_draft != 0;
        p.create_time = create_time;
        p.update_time = update_time;
        page.push_back(p);
      });
      return page;
    };
    auto finish = [&](domain::product& p) {
      p.skus = detail::read_skus(sql, kind, shop, p.id);
      f(p);
    };
    for_each_page<domain::product>(read_page, finish);
    return {};
  });
}

result<void> seller_export_reader::for_each_package(std::string_view shop_id,
                                                    const std::function<void(const domain::package&)>& f) {
  constexpr std::string_view op = "export.packages";
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<void> {
    std::string shop(shop_id);
    auto read_page = [&](std::string after) {
      std::vector<domain::package> page;
      domain::package p;
      std::string line_items;
      long long create_time = 0, update_time = 0, slot_start = 0, slot_end = 0;
      int multi = 0;
      long long limit = page_size;
      soci::statement st =
          (sql.prepare << "SELECT id, status, tracking_number, shipping_provider_name, shipping_provider_id,"
                          " split_and_combine_tag, line_item_ids, shipping_type, delivery_option_id,"
                          " delivery_option_name, handover_method, last_mile_tracking_number, note_tag,"
                          " has_multi_skus, pickup_slot_start, pickup_slot_end, create_time, update_time"
                          " FROM packages WHERE shop_id = :shop_id AND id > :after ORDER BY id LIMIT :limit",
           soci::into(p.id), soci::into(p.status), soci::into(p.tracking_number),
           soci::into(p.shipping_provider_name), soci::into(p.shipping_provider_id),
           soci::into(p.split_and_combine_tag), soci::into(line_items), soci::into(p.shipping_type),
           soci::into(p.delivery_option_id), soci::into(p.delivery_option_name), soci::into(p.handover_method),
           soci::into(p.last_mile_tracking_number), soci::into(p.note_tag), soci::into(multi),
           soci::into(slot_start), soci::into(slot_end), soci::into(create_time), soci::into(update_time),
           soci::use(shop), soci::use(after), soci::use(limit));
      for_each_row(st, [&] {
        p.shop_id = shop;
        p.line_item_ids = detail::strings_from_column(line_items, "packages.line_item_ids");
        p.has_multi_skus = multi != 0;
        p.pickup_slot_start = slot_start;
        p.pickup_slot_end = slot_end;
        p.create_time = create_time;
        p.update_time = update_time;
        page.push_back(p);
      });
      return page;
    };
    auto finish = [&](domain::package& p) {
      std::string order_id;
      soci::statement orders =
          (sql.prepare << "SELECT order_id FROM package_orders WHERE shop_id = :shop_id"
                          " AND package_id = :package_id ORDER BY order_id",
           soci::into(order_id), soci::use(shop), soci::use(p.id));
      for_each_row(orders, [&] { p.order_ids.push_back(order_id); });
      f(p);
    };
    for_each_page<domain::package>(read_page, finish);
    return {};
  });
}

result<void> seller_export_reader::for_each_invoice(std::string_view shop_id,
                                                    const std::function<void(const domain::invoice&)>& f) {
  constexpr std::string_view op = "export.invoices";
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<void> {
    std::string shop(shop_id);
    domain::invoice i;
    std::string order_ids;
    long long uploaded_at = 0, updated_at = 0;
    soci::statement st =
        (sql.prepare << "SELECT package_id, order_ids, access_key, status, invalid_reason, uploaded_at,"
                        " updated_at FROM invoices WHERE shop_id = :shop_id ORDER BY package_id",
         soci::into(i.package_id), soci::into(order_ids), soci::into(i.access_key), soci::into(i.status),
         soci::into(i.invalid_reason), soci::into(uploaded_at), soci::into(updated_at), soci::use(shop));
    for_each_row(st, [&] {
      i.shop_id = shop;
      i.order_ids = detail::strings_from_column(order_ids, "invoices.order_ids");
      i.uploaded_at = uploaded_at;
      i.updated_at = updated_at;
      f(i);
    });
    return {};
  });
}

}  // namespace kingkung::storage
