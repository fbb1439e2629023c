// A seller with a shop full of buyer data in every table that holds shop data, and a way to search the
// whole database for a piece of text: the privacy tests prove what is gone and what is kept.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "../storage/storage_test_data.hpp"
#include "kingkung/auth/password.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/token_repository.hpp"
#include "kingkung/storage/user_repository.hpp"
#include "kingkung/storage/webhook_event_repository.hpp"
#include "test_databases.hpp"

namespace kingkung::privacy_test {

inline constexpr std::int64_t t0 = 1'760'000'000;
inline constexpr std::int64_t day = 86'400;

// Text that only ever appears in one shop's buyer data.
struct buyer_markers {
  std::string name;
  std::string cpf;
  std::string address;
  std::string phone;
  std::string email;
  std::string message;
  std::vector<std::string> all() const { return {name, cpf, address, phone, email, message}; }
};

inline buyer_markers markers_for(const std::string& tag) {
  return {"Maria " + tag + " Buyer", "529982247" + tag, "Rua das Flores " + tag + ", Centro",
          "(+55)11*****" + tag, "buyer-" + tag + "@mail.example", "deixar na portaria " + tag};
}

inline const std::string sealed_token_marker = "v1.0badc0de.SEALEDTOKENNONCE.SEALEDTOKENCIPHERTEXT";
inline const std::string cipher_marker = "v1.0badc0de.CIPHERNONCE.CIPHERSEALEDTEXT";

inline std::string money_column(storage::database& db, const char* sqlite_units, const char* mysql_text) {
  return db.kind() == storage::backend::sqlite ? sqlite_units : mysql_text;
}

// A shop of `seller_id` with two orders, a product with a SKU and inventory, a package, an invoice, a
// webhook event, module and sync state, a pending write-back and both tokens; every buyer field holds
// markers_for(tag).
inline void add_shop_with_buyer_data(storage::database& db, std::int64_t seller_id, const std::string& shop_id,
                                     const std::string& tag) {
  test::add_shop_row(db, seller_id, shop_id);
  *db.acquire() << "UPDATE shops SET cipher_sealed = :c WHERE id = :id", soci::use(cipher_marker),
      soci::use(shop_id);
  auto m = markers_for(tag);
  std::vector<domain::order> orders;
  for (int i = 1; i <= 2; ++i) {
    auto o = test::sample_order(shop_id, shop_id + "-order-" + std::to_string(i),
                                domain::order_status::awaiting_shipment, t0 - 10 * day + i, t0 - 10 * day + i);
    o.recipient.name = m.name;
    o.recipient.first_name = m.name;
    o.recipient.full_address = m.address;
    o.recipient.address_line1 = m.address;
    o.recipient.phone_number = m.phone;
    o.buyer_email = m.email;
    o.buyer_message = m.message;
    o.cpf = m.cpf;
    o.cpf_name = m.name;
    o.raw_json = "{\"recipient_address\":{\"name\":\"" + m.name + "\",\"full_address\":\"" + m.address + "\"}}";
    orders.push_back(o);
  }
  auto stored = storage::order_repository(db).upsert(orders);
  ASSERT_TRUE(stored.ok()) << stored.err().message;

  auto s = db.acquire();
  std::string product = shop_id + "-prod";
  std::string sku = shop_id + "-sku";
  std::string package = shop_id + "-pkg";
  std::string order1 = shop_id + "-order-1";
  std::string price = money_column(db, "199000", "19.9000");
  long long at = t0 - 10 * day;
  std::string package_raw = "{\"recipient\":\"" + m.name + "\"}";
  std::string invoice_orders = "[\"" + order1 + "\"]";
  std::string module_value = "{\"cpf\":\"" + m.cpf + "\"}";
  std::string write_back = "{\"address\":\"" + m.address + "\"}";
  *s << "INSERT INTO products (shop_id, id, title, status, audit_status, category_id, description, brand_id,"
        " brand_name, sales_regions, has_draft, create_time, update_time, raw_json) VALUES (:shop, :id,"
        " 'Camiseta', 'ACTIVATE', 'APPROVED', 'c1', '<p>x</p>', '', '', '[\"BR\"]', 0, :at, :at2, '{}')",
      soci::use(shop_id), soci::use(product), soci::use(at), soci::use(at);
  *s << "INSERT INTO skus (shop_id, id, product_id, seller_sku, currency, price, tax_exclusive_price,"
        " external_sku_id) VALUES (:shop, :id, :product, 'CAM-AZ', 'BRL', :price, :price2, '')",
      soci::use(shop_id), soci::use(sku), soci::use(product), soci::use(price), soci::use(price);
  *s << "INSERT INTO inventory (shop_id, sku_id, warehouse_id, quantity, updated_at) VALUES (:shop, :sku, 'w1', 7,"
        " :at)",
      soci::use(shop_id), soci::use(sku), soci::use(at);
  *s << "INSERT INTO packages (shop_id, id, status, tracking_number, shipping_provider_name, shipping_provider_id,"
        " split_and_combine_tag, line_item_ids, shipping_type, delivery_option_id, delivery_option_name,"
        " handover_method, last_mile_tracking_number, note_tag, has_multi_skus, pickup_slot_start, pickup_slot_end,"
        " create_time, update_time, raw_json) VALUES (:shop, :id, 'PROCESSING', 'TRK1', 'Correios', 'p1', '', '[]',"
        " 'TIKTOK', '', '', 'PICKUP', '', 'BUYER_UNNOTED', 0, 0, 0, :at, :at2, :raw)",
      soci::use(shop_id), soci::use(package), soci::use(at), soci::use(at),
      soci::use(package_raw);
  *s << "INSERT INTO package_orders (shop_id, package_id, order_id) VALUES (:shop, :pkg, :order)", soci::use(shop_id),
      soci::use(package), soci::use(order1);
  *s << "INSERT INTO invoices (shop_id, package_id, order_ids, access_key, status, invalid_reason, uploaded_at,"
        " updated_at) VALUES (:shop, :pkg, :orders, '35250912345678000199550010000012341000012345', 'SUCCESS', '',"
        " :at, :at2)",
      soci::use(shop_id), soci::use(package), soci::use(invoice_orders), soci::use(at), soci::use(at);
  *s << "INSERT INTO module_state (module, shop_id, state_key, state_value, updated_at) VALUES ('br-invoice', :shop,"
        " 'draft', :value, :at)",
      soci::use(shop_id), soci::use(module_value), soci::use(at);
  *s << "INSERT INTO sync_state (shop_id, resource, sync_cursor) VALUES (:shop, 'orders', '123')", soci::use(shop_id);
  *s << "INSERT INTO write_back_queue (shop_id, kind, payload, status, created_at, updated_at) VALUES (:shop, 'ship',"
        " :payload, 'pending', :at, :at2)",
      soci::use(shop_id), soci::use(write_back), soci::use(at), soci::use(at);

  storage::webhook_event_row event;
  event.notification_id = shop_id + "-event";
  event.type = 3;
  event.shop_id = shop_id;
  event.raw_body = "{\"type\":3,\"shop_id\":\"" + shop_id + "\",\"data\":{\"note\":\"" + m.address + "\"}}";
  event.received_at = at;
  ASSERT_TRUE(storage::webhook_event_repository(db).insert(event).ok());

  storage::token_repository tokens(db);
  for (const char* kind : {"access", "refresh"}) {
    auto put = tokens.put({shop_id, kind, sealed_token_marker, t0 + 7 * day, at});
    ASSERT_TRUE(put.ok()) << put.err().message;
  }
}

inline std::int64_t add_user(storage::database& db, std::int64_t seller_id, const std::string& email) {
  domain::user u;
  u.seller_id = seller_id;
  u.email = email;
  u.user_role = domain::role::owner;
  u.password_hash = auth::hash_password("correct horse battery", auth::scrypt_params{10, 8, 1});
  auto added = storage::user_repository(db).add(u);
  EXPECT_TRUE(added.ok()) << added.err().message;
  return added.ok() ? added->id : 0;
}

inline std::vector<std::string> table_names(storage::database& db) {
  std::vector<std::string> names;
  auto s = db.acquire();
  std::string query = db.kind() == storage::backend::sqlite
                          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                          : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()";
  soci::rowset<std::string> rows = (s->prepare << query);
  for (const auto& n : rows) names.push_back(n);
  return names;
}

// "table.column" for every text cell in the database that contains `needle`.
inline std::vector<std::string> where_text_appears(storage::database& db, const std::string& needle) {
  std::vector<std::string> hits;
  for (const auto& table : table_names(db)) {
    auto s = db.acquire();
    soci::rowset<soci::row> rows = (s->prepare << "SELECT * FROM " + table);
    for (const auto& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        const auto& props = row.get_properties(i);
        if (props.get_data_type() != soci::dt_string || row.get_indicator(i) != soci::i_ok) continue;
        if (row.get<std::string>(i).find(needle) != std::string::npos)
          hits.push_back(table + "." + props.get_name());
      }
    }
  }
  return hits;
}

inline long long count_where(storage::database& db, const std::string& table, const std::string& shop_id) {
  long long n = 0;
  *db.acquire() << "SELECT COUNT(*) FROM " + table + " WHERE shop_id = :shop", soci::into(n), soci::use(shop_id);
  return n;
}

}  // namespace kingkung::privacy_test
