// Decoding realistic platform answers into the domain types, and the errors for bad ones.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <functional>

#include "kingkung/tiktok/decode.hpp"
#include "kingkung/tiktok/envelope.hpp"
#include "kingkung/tiktok/fulfillment.hpp"
#include "kingkung/tiktok/oauth.hpp"
#include "kingkung/tiktok/orders.hpp"
#include "kingkung/tiktok/products.hpp"
#include "kingkung/tiktok/shops.hpp"
#include "tiktok_fakes.hpp"

namespace kingkung::tiktok {
namespace {

using testing::client_fixture;
using testing::read_fixture;

decimal money(std::string_view text) {
  return decimal::parse(text).value();
}

// The fixture with one edit applied to its JSON.
std::string edited(const std::string& fixture, const std::function<void(boost::json::value&)>& edit) {
  auto v = boost::json::parse(read_fixture(fixture));
  edit(v);
  return boost::json::serialize(v);
}

class TiktokDecodeOrders : public ::testing::Test {
 protected:
  result<order_page> search(const std::string& body) {
    f.transport->reply(200, body);
    return search_orders(*f.api, f.shop, {});
  }
  client_fixture f;
};

TEST_F(TiktokDecodeOrders, PageCarriesOrdersTokenTotalAndRequestId) {
  auto page = search(read_fixture("orders_search_page1.json"));
  ASSERT_TRUE(page.ok()) << page.err().to_string();
  EXPECT_EQ(page->orders.size(), 2u);
  EXPECT_EQ(page->next_page_token, "aGVsbG8+d29ybGQ/bWF4PTUw+cGFnZT0y/ZW5k==");
  EXPECT_EQ(page->total_count, 3);
  EXPECT_EQ(page->request_id, "20240312093015010189081028AB12CD34");
}

TEST_F(TiktokDecodeOrders, OrderIdentityStatusAndTimes) {
  auto page = search(read_fixture("orders_search_page1.json"));
  ASSERT_TRUE(page.ok());
  const auto& o = page->orders[0];
  EXPECT_EQ(o.shop_id, f.shop.id);
  EXPECT_EQ(o.id, "579381624750213456");
  EXPECT_EQ(o.status, domain::order_status::awaiting_shipment);
  EXPECT_EQ(o.status_text, "AWAITING_SHIPMENT");
  EXPECT_EQ(o.create_time, 1710235015);
  EXPECT_EQ(o.paid_time, 1710235080);
  EXPECT_EQ(o.rts_sla_time, 1710494280);
  EXPECT_EQ(o.buyer_user_id, "7238841052293317890");
  EXPECT_EQ(o.shipping_provider_id, "7117858858072016686");
  EXPECT_EQ(o.package_ids, std::vector<std::string>{"1154526713418354791"});
}

TEST_F(TiktokDecodeOrders, MoneyIsExactDecimal) {
  auto page = search(read_fixture("orders_search_page1.json"));
  ASSERT_TRUE(page.ok());
  const auto& pay = page->orders[0].pay;
  EXPECT_EQ(pay.currency, "MXN");
  EXPECT_EQ(pay.total_amount, money("1197.50"));
  EXPECT_EQ(pay.platform_discount, money("50.50"));
  EXPECT_EQ(pay.shipping_fee_platform_discount, money("50"));
  // The platform's own relation holds on the decoded values.
  EXPECT_EQ(pay.original_total_product_price - pay.seller_discount - pay.platform_discount, pay.sub_total);
  EXPECT_EQ(page->orders[0].lines[0].sale_price, money("574.25"));
}

TEST_F(TiktokDecodeOrders, RecipientNameComesFromFirstNameWhenNameIsEmpty) {
  auto page = search(read_fixture("orders_search_page1.json"));
  ASSERT_TRUE(page.ok());
  const auto& a = page->orders[0].recipient;
  EXPECT_EQ(a.name, "Mariana López Hernández");
  EXPECT_EQ(a.postal_code, "03940");
  ASSERT_EQ(a.district_info.size(), 3u);
  EXPECT_EQ(a.district_info[1].address_name, "Ciudad de México");
}

TEST_F(TiktokDecodeOrders, NumericIdKeepsAllNineteenDigits) {
  // 1729384756000000001 is not representable as a double; through double it would end in ...000.
  auto page = search(read_fixture("orders_search_page1.json"));
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->orders[0].lines[0].product_id, "1729384756000000001");
  EXPECT_EQ(page->orders[0].lines[1].product_id, "1729384756000000001");
}

TEST_F(TiktokDecodeOrders, UnknownFieldsAreIgnoredAndKeptInRawJson) {
  auto page = search(read_fixture("orders_search_page1.json"));
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->orders[0].raw_json.find("new_field_from_a_later_version"), std::string::npos);
}

TEST_F(TiktokDecodeOrders, BrazilOrderKeepsInvoiceFields) {
  auto page = search(read_fixture("orders_search_page1.json"));
  ASSERT_TRUE(page.ok());
  const auto& o = page->orders[1];
  EXPECT_EQ(o.status, domain::order_status::unpaid);
  EXPECT_EQ(o.need_upload_invoice, "NEED_INVOICE");
  EXPECT_EQ(o.cpf, "52998224725");
  EXPECT_EQ(o.pay.total_amount, money("102.40"));
}

TEST_F(TiktokDecodeOrders, MissingOrderIdNamesItsPath) {
  auto page = search(edited("orders_search_page1.json", [](boost::json::value& v) {
    v.at("data").at("orders").at(1).as_object().erase("id");
  }));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.err().kind, error_class::invalid_response);
  EXPECT_EQ(page.err().message, "data.orders[1].id: missing");
  EXPECT_EQ(page.err().request_id, "20240312093015010189081028AB12CD34");
}

TEST_F(TiktokDecodeOrders, MissingLineItemIdNamesTheNestedPath) {
  auto page = search(edited("orders_search_page1.json", [](boost::json::value& v) {
    v.at("data").at("orders").at(0).at("line_items").at(1).as_object().erase("id");
  }));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.err().message, "data.orders[0].line_items[1].id: missing");
}

TEST_F(TiktokDecodeOrders, WrongMoneyTypeNamesPathExpectedAndFound) {
  auto page = search(edited("orders_search_page1.json", [](boost::json::value& v) {
    v.at("data").at("orders").at(0).at("payment").as_object()["total_amount"] = 12.5;
  }));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.err().message,
            "data.orders[0].payment.total_amount: expected a decimal string, found number 12.5");
}

TEST_F(TiktokDecodeOrders, FractionalIdIsRejected) {
  auto page = search(edited("orders_search_page1.json", [](boost::json::value& v) {
    v.at("data").at("orders").at(0).as_object()["id"] = 1.5;
  }));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.err().message, "data.orders[0].id: expected an id (string or integer), found number 1.5");
}

TEST_F(TiktokDecodeOrders, MoneyWithFiveDecimalsIsRejected) {
  auto page = search(edited("orders_search_page1.json", [](boost::json::value& v) {
    v.at("data").at("orders").at(0).at("payment").as_object()["tax"] = "0.00001";
  }));
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.err().message.find("data.orders[0].payment.tax: expected a decimal string with at most 4"),
            std::string::npos)
      << page.err().message;
}

TEST_F(TiktokDecodeOrders, WrongStringTypeNamesPathExpectedAndFound) {
  auto page = search(edited("orders_search_page1.json", [](boost::json::value& v) {
    v.at("data").at("orders").at(1).as_object()["buyer_email"] = 5;
  }));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.err().message, "data.orders[1].buyer_email: expected a string, found number 5");
}

TEST_F(TiktokDecodeOrders, WrongTimeTypeNamesPathExpectedAndFound) {
  auto page = search(edited("orders_search_page1.json", [](boost::json::value& v) {
    v.at("data").at("orders").at(0).as_object()["update_time"] = "soon";
  }));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.err().message, "data.orders[0].update_time: expected an integer, found string \"soon\"");
}

TEST_F(TiktokDecodeOrders, WrongFlagTypeInALineItemNamesTheNestedPath) {
  auto page = search(edited("orders_search_page1.json", [](boost::json::value& v) {
    v.at("data").at("orders").at(0).at("line_items").at(0).as_object()["is_gift"] = "yes";
  }));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.err().message,
            "data.orders[0].line_items[0].is_gift: expected true or false, found string \"yes\"");
}

TEST_F(TiktokDecodeOrders, DigitStringTimesIntegerMoneyAndNullMembersStillDecode) {
  auto page = search(edited("orders_search_page1.json", [](boost::json::value& v) {
    auto& o = v.at("data").at("orders").at(0).as_object();
    o["update_time"] = "1710000123";
    o["buyer_email"] = nullptr;
    o.at("payment").as_object()["total_amount"] = 12;
  }));
  ASSERT_TRUE(page.ok()) << page.err().message;
  const auto& o = page.value().orders.at(0);
  EXPECT_EQ(o.update_time, 1710000123);
  EXPECT_EQ(o.buyer_email, "");
  EXPECT_EQ(o.pay.total_amount, money("12"));
}

TEST_F(TiktokDecodeOrders, ListingsCarryIdUpdateTimeAndTheOrderAsSent) {
  auto full = search(read_fixture("orders_search_page1.json"));
  ASSERT_TRUE(full.ok()) << full.err().message;
  f.transport->reply(200, read_fixture("orders_search_page1.json"));
  auto listed = search_order_listings(*f.api, f.shop, {});
  ASSERT_TRUE(listed.ok()) << listed.err().message;
  ASSERT_EQ(listed->orders.size(), full->orders.size());
  EXPECT_EQ(listed->next_page_token, full->next_page_token);
  EXPECT_EQ(listed->total_count, full->total_count);
  for (std::size_t i = 0; i < full->orders.size(); ++i) {
    EXPECT_EQ(listed->orders[i].id, full->orders[i].id);
    EXPECT_EQ(listed->orders[i].update_time, full->orders[i].update_time);
    EXPECT_EQ(listed->orders[i].json, full->orders[i].raw_json);
  }
}

TEST_F(TiktokDecodeOrders, ListingWithoutAnOrderIdNamesItsPath) {
  f.transport->reply(200, edited("orders_search_page1.json", [](boost::json::value& v) {
                       v.at("data").at("orders").at(1).as_object().erase("id");
                     }));
  auto listed = search_order_listings(*f.api, f.shop, {});
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.err().message, "data.orders[1].id: missing");
}

TEST_F(TiktokDecodeOrders, NullDataIsAnError) {
  auto page = search(testing::ok_body("null"));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.err().message, "data: expected an object, found null");
}

TEST(TiktokDecode, OrderDetailAfterASplitShowsEveryPackage) {
  client_fixture f;
  f.transport->reply(200, read_fixture("order_detail.json"));
  auto orders = get_order_detail(*f.api, f.shop, {"579381624750213456"});
  ASSERT_TRUE(orders.ok()) << orders.err().to_string();
  ASSERT_EQ(orders->size(), 1u);
  const auto& o = orders->front();
  EXPECT_EQ(o.status, domain::order_status::in_transit);
  EXPECT_EQ(o.split_or_combine_tag, "SPLIT");
  EXPECT_EQ(o.rts_time, 1710320000);
  EXPECT_EQ(o.package_ids, (std::vector<std::string>{"1154526713418354791", "1154526713418354792"}));
  ASSERT_EQ(o.lines.size(), 2u);
  EXPECT_EQ(o.lines[1].package_id, "1154526713418354792");
  EXPECT_EQ(o.lines[1].tracking_number, "JTMX0012345679");
}

TEST(TiktokDecode, OrderDecodesOnItsOwnWithAGivenPath) {
  auto o = decode_order(R"({"status":"UNPAID"})", "shop-1", "webhook.order");
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.err().message, "webhook.order.id: missing");
}

TEST(TiktokDecode, ProductsFromSearchTakeSalePriceThenTaxExclusivePrice) {
  client_fixture f;
  f.transport->reply(200, read_fixture("products_search.json"));
  auto page = search_products(*f.api, f.shop, {});
  ASSERT_TRUE(page.ok()) << page.err().to_string();
  ASSERT_EQ(page->products.size(), 2u);
  const auto& p = page->products[0];
  EXPECT_EQ(p.id, "1729384756000000001");
  EXPECT_EQ(p.status, "ACTIVATE");
  ASSERT_EQ(p.skus.size(), 2u);
  EXPECT_EQ(p.skus[0].price, money("599.00"));
  EXPECT_EQ(p.skus[0].tax_exclusive_price, money("649.50"));
  EXPECT_EQ(p.skus[1].price, money("649.50"));
  ASSERT_EQ(p.skus[0].inventory.size(), 2u);
  EXPECT_EQ(p.skus[0].inventory[0].warehouse_id, "7291846622100393733");
  EXPECT_EQ(p.skus[0].inventory[0].quantity, 120);
  EXPECT_EQ(p.sales_regions, std::vector<std::string>{"MX"});
}

TEST(TiktokDecode, ProductDetailTakesLeafCategoryBrandAndAudit) {
  client_fixture f;
  f.transport->reply(200, read_fixture("product_get.json"));
  auto p = get_product(*f.api, f.shop, "1729384756000000001");
  ASSERT_TRUE(p.ok()) << p.err().to_string();
  EXPECT_EQ(p->category_id, "909082");
  EXPECT_EQ(p->brand_name, "SonoMax");
  EXPECT_EQ(p->audit_status, "APPROVED");
  EXPECT_TRUE(p->has_draft);
  EXPECT_EQ(p->skus[0].external_sku_id, "ERP-00991");
  EXPECT_NE(p->description.find("Cancelación"), std::string::npos);
}

TEST(TiktokDecode, PackagesFromSearchAcceptNumericIds) {
  client_fixture f;
  f.transport->reply(200, read_fixture("packages_search.json"));
  auto page = search_packages(*f.api, f.shop, {});
  ASSERT_TRUE(page.ok()) << page.err().to_string();
  ASSERT_EQ(page->packages.size(), 2u);
  EXPECT_EQ(page->packages[0].status, "COMPLETED");
  EXPECT_EQ(page->packages[0].order_ids, std::vector<std::string>{"579381624750213456"});
  EXPECT_EQ(page->packages[1].id, "1154526713418354792");
  EXPECT_EQ(page->packages[1].order_ids, std::vector<std::string>{"579381624750213456"});
  EXPECT_EQ(page->packages[1].line_item_ids, std::vector<std::string>{"579381624750279002"});
}

TEST(TiktokDecode, PackageDetailReadsPackageIdStatusAndPickupSlot) {
  client_fixture f;
  f.transport->reply(200, read_fixture("package_detail.json"));
  auto p = get_package_detail(*f.api, f.shop, "1154526713418354791");
  ASSERT_TRUE(p.ok()) << p.err().to_string();
  EXPECT_EQ(p->id, "1154526713418354791");
  EXPECT_EQ(p->status, "FULFILLING");
  EXPECT_EQ(p->split_and_combine_tag, "SPLIT");
  EXPECT_EQ(p->handover_method, "PICKUP");
  EXPECT_EQ(p->pickup_slot_start, 1710324000);
  EXPECT_EQ(p->pickup_slot_end, 1710338400);
  EXPECT_EQ(p->note_tag, "BUYER_NOTED");
}

TEST(TiktokDecode, PackageDetailWithoutPackageIdNamesIt) {
  client_fixture f;
  f.transport->reply(200, edited("package_detail.json", [](boost::json::value& v) {
                       v.at("data").as_object().erase("package_id");
                     }));
  auto p = get_package_detail(*f.api, f.shop, "1154526713418354791");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.err().message, "data.package_id: missing");
}

TEST(TiktokDecode, AuthorizedShopsCarryCipherAndCode) {
  client_fixture f;
  f.transport->reply(200, read_fixture("authorized_shops.json"));
  auto shops = get_authorized_shops(*f.api, f.shop);
  ASSERT_TRUE(shops.ok()) << shops.err().to_string();
  ASSERT_EQ(shops->size(), 2u);
  EXPECT_EQ((*shops)[0].id, "7000714532876273420");
  EXPECT_EQ((*shops)[0].cipher, "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3");
  EXPECT_EQ((*shops)[0].seller_type, "CROSS_BORDER");
  EXPECT_EQ((*shops)[0].code, "CNGBCBA4LLU8");
}

TEST(TiktokDecode, TokenGrantExpiriesAreAbsoluteTimestamps) {
  auto env = parse_envelope(200, read_fixture("token_get.json"));
  ASSERT_TRUE(env.ok());
  auto grant = decode_token_grant(env->data_json);
  ASSERT_TRUE(grant.ok()) << grant.err().message;
  EXPECT_EQ(grant->access_token_expire_in, 1660556783);
  EXPECT_EQ(grant->refresh_token_expire_in, 1691487031);
  EXPECT_EQ(grant->access_token.reveal(), "TTP_pL3x0Ab9Qwz2VfCkTgN7hA");
  EXPECT_EQ(grant->seller_base_region, "MX");
  EXPECT_EQ(grant->user_type, 0);
  EXPECT_EQ(grant->granted_scopes.size(), 4u);
}

TEST(TiktokDecode, TokenGrantWithoutRefreshTokenNamesIt) {
  auto grant = decode_token_grant(R"({"access_token":"TTP_a","access_token_expire_in":1})");
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.err().message, "data.refresh_token: missing");
}

}  // namespace
}  // namespace kingkung::tiktok
