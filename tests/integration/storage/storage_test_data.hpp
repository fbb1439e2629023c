// Rows the storage tests need around the thing they test: sellers, shops, sample orders.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cstdint>
#include <string>

#include "kingkung/domain/order.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/seller_repository.hpp"

namespace kingkung::test {

inline std::int64_t add_seller(storage::database& db, const std::string& name) {
  auto seller = storage::seller_repository(db).create(name);
  EXPECT_TRUE(seller.ok()) << seller.err().message;
  return seller.ok() ? seller->id : 0;
}

// A shop row written directly, so order tests do not depend on the vault.
inline void add_shop_row(storage::database& db, std::int64_t seller_id, const std::string& shop_id) {
  long long seller = seller_id;
  *db.acquire()
      << "INSERT INTO shops (id, seller_id, name, region, seller_type, cipher_sealed, transport, modules,"
         " granted_scopes, state, demo, connected_at, disconnected_at)"
         " VALUES (:id, :seller_id, 'Test shop', 'MX', 'LOCAL', '', 'tiktok-sim', '[]', '[]', 'connected',"
         " 0, 1700000000, 0)",
      soci::use(shop_id), soci::use(seller);
}

inline decimal money(const char* text) {
  auto d = decimal::parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(decimal{});
}

inline domain::order sample_order(const std::string& shop_id, const std::string& id,
                                  domain::order_status status, std::int64_t create_time,
                                  std::int64_t update_time) {
  domain::order o;
  o.shop_id = shop_id;
  o.id = id;
  o.status = status;
  o.status_text = std::string(domain::to_string(status));
  o.create_time = create_time;
  o.update_time = update_time;
  o.pay.currency = "MXN";
  o.pay.sub_total = money("199.90");
  o.pay.total_amount = money("229.90");
  o.pay.shipping_fee = money("30");
  o.recipient.name = "Ana";
  o.raw_json = "{\"id\":\"" + id + "\",\"update_time\":" + std::to_string(update_time) + ",\"status\":\"" +
               o.status_text + "\"}";
  domain::line_item a;
  a.id = id + "-1";
  a.sku_id = "sku-1";
  a.product_id = "prod-1";
  a.product_name = "Camiseta";
  a.sale_price = money("99.95");
  a.original_price = money("120");
  a.currency = "MXN";
  domain::line_item b = a;
  b.id = id + "-2";
  b.sku_id = "sku-2";
  o.lines = {a, b};
  return o;
}

}  // namespace kingkung::test
