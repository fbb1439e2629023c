// How the host shows an order to market modules.
#include "kingkung/markets/order_view.hpp"

#include <gtest/gtest.h>

namespace kingkung::markets_unit {
namespace {

decimal money(const char* text) {
  return decimal::parse(text).value();
}

domain::shop br_shop() {
  domain::shop s;
  s.id = "7496002287415330818";
  s.region = "BR";
  s.seller_type = "LOCAL";
  return s;
}

domain::order br_order() {
  domain::order o;
  o.shop_id = "7496002287415330818";
  o.id = "5770001";
  o.status = domain::order_status::awaiting_shipment;
  o.status_text = "AWAITING_SHIPMENT";
  o.pay.currency = "BRL";
  o.pay.total_amount = money("1234.5");
  o.cpf = "12345678909";
  o.raw_json = R"({"id":"5770001"})";
  domain::line_item a;
  a.id = "L1";
  a.sku_id = "S1";
  a.product_id = "P1";
  a.product_name = "Camiseta";
  a.sku_name = "Azul";
  a.seller_sku = "CAM-AZ";
  a.sale_price = money("99.9");
  a.package_id = "PK1";
  a.display_status = "AWAITING_SHIPMENT";
  domain::line_item b = a;
  b.id = "L2";
  b.package_id = "PK2";
  domain::line_item c = a;
  c.id = "L3";
  c.package_id = "PK1";
  o.lines = {a, b, c};
  return o;
}

TEST(MarketsOrderView, MoneyIsDecimalTextInMajorUnits) {
  auto v = markets::to_order_view(br_order(), br_shop());
  EXPECT_EQ(v.total_amount, "1234.50");
  EXPECT_EQ(v.currency, "BRL");
  EXPECT_EQ(v.lines.at(0).sale_price, "99.90");
}

TEST(MarketsOrderView, TakesRegionAndSellerTypeFromTheShop) {
  auto v = markets::to_order_view(br_order(), br_shop());
  EXPECT_EQ(v.shop_id, "7496002287415330818");
  EXPECT_EQ(v.region, "BR");
  EXPECT_EQ(v.seller_type, "LOCAL");
}

TEST(MarketsOrderView, BuyerTaxIdIsTheOrdersCpf) {
  EXPECT_EQ(markets::to_order_view(br_order(), br_shop()).buyer_tax_id, "12345678909");
}

TEST(MarketsOrderView, CopiesEveryLineField) {
  auto v = markets::to_order_view(br_order(), br_shop());
  ASSERT_EQ(v.lines.size(), 3u);
  const auto& l = v.lines[1];
  EXPECT_EQ(l.id, "L2");
  EXPECT_EQ(l.sku_id, "S1");
  EXPECT_EQ(l.product_id, "P1");
  EXPECT_EQ(l.product_name, "Camiseta");
  EXPECT_EQ(l.sku_name, "Azul");
  EXPECT_EQ(l.seller_sku, "CAM-AZ");
  EXPECT_EQ(l.package_id, "PK2");
  EXPECT_EQ(l.status, "AWAITING_SHIPMENT");
}

TEST(MarketsOrderView, PackageIdsComeFromTheOrderWhenItListsThem) {
  auto o = br_order();
  o.package_ids = {"PK9"};
  EXPECT_EQ(markets::to_order_view(o, br_shop()).package_ids, (std::vector<std::string>{"PK9"}));
}

TEST(MarketsOrderView, PackageIdsFallBackToTheLinesPackagesOnceEach) {
  EXPECT_EQ(markets::to_order_view(br_order(), br_shop()).package_ids,
            (std::vector<std::string>{"PK1", "PK2"}));
}

TEST(MarketsOrderView, StatusIsThePlatformsTextOrTheParsedStatus) {
  auto o = br_order();
  EXPECT_EQ(markets::to_order_view(o, br_shop()).status, "AWAITING_SHIPMENT");
  o.status_text.clear();
  o.status = domain::order_status::in_transit;
  EXPECT_EQ(markets::to_order_view(o, br_shop()).status,
            std::string(domain::to_string(domain::order_status::in_transit)));
}

TEST(MarketsOrderView, KeepsTheRawJson) {
  EXPECT_EQ(markets::to_order_view(br_order(), br_shop()).raw_json, R"({"id":"5770001"})");
}

}  // namespace
}  // namespace kingkung::markets_unit
