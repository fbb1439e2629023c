// Search Orders and Get Order Detail, and the demo orders behind them (docs/tiktok-shop-api.md 5.2).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

// Decimal text to minor units (two decimals).
std::int64_t cents(const json::value& v) {
  std::string s(v.as_string());
  auto dot = s.find('.');
  std::int64_t whole = std::stoll(s.substr(0, dot));
  std::int64_t frac = dot == std::string::npos ? 0 : std::stoll(s.substr(dot + 1));
  return whole * 100 + frac;
}

class SimOrders : public ::testing::Test {
 protected:
  harness h;
  connection mx = h.connect("demo-mx");

  response search(std::vector<std::pair<std::string, std::string>> q, const json::object& body = {}) {
    return h.api(mx, "POST", "/order/202309/orders/search", std::move(q), body);
  }
};

TEST_F(SimOrders, PagingVisitsEveryOrderExactlyOnce) {
  std::vector<std::string> seen;
  std::string token;
  std::size_t total = 0;
  do {
    std::vector<std::pair<std::string, std::string>> q{{"page_size", "7"}};
    if (!token.empty()) q.emplace_back("page_token", token);
    auto r = search(q);
    ASSERT_EQ(r.code, 0) << r.message;
    total = r.obj().at("total_count").to_number<std::uint64_t>();
    for (const auto& o : r.obj().at("orders").as_array())
      seen.emplace_back(o.as_object().at("id").as_string());
    token = std::string(r.obj().at("next_page_token").as_string());
  } while (!token.empty());
  std::set<std::string> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size());
  EXPECT_EQ(seen.size(), total);
  EXPECT_EQ(total, 60u);
}

TEST_F(SimOrders, PageTokensContainPlusAndSlash) {
  auto r = search({{"page_size", "5"}});
  std::string token(r.obj().at("next_page_token").as_string());
  EXPECT_NE(token.find('+'), std::string::npos) << token;
  EXPECT_NE(token.find('/'), std::string::npos) << token;
}

TEST_F(SimOrders, LastPageHasAnEmptyNextPageToken) {
  auto r = search({{"page_size", "100"}});
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.obj().at("next_page_token").as_string(), "");
  EXPECT_EQ(r.obj().at("orders").as_array().size(), r.obj().at("total_count").to_number<std::uint64_t>());
}

TEST_F(SimOrders, OrdersComeNewestFirstByDefault) {
  auto orders = h.all_orders(mx);
  for (std::size_t i = 1; i < orders.size(); ++i)
    EXPECT_GE(orders[i - 1].at("create_time").as_int64(), orders[i].at("create_time").as_int64());
}

TEST_F(SimOrders, SortsByUpdateTimeAscendingWhenAsked) {
  auto r = search({{"page_size", "100"}, {"sort_field", "update_time"}, {"sort_order", "ASC"}});
  ASSERT_EQ(r.code, 0);
  const auto& orders = r.obj().at("orders").as_array();
  for (std::size_t i = 1; i < orders.size(); ++i)
    EXPECT_LE(orders[i - 1].as_object().at("update_time").as_int64(),
              orders[i].as_object().at("update_time").as_int64());
}

TEST_F(SimOrders, FiltersByStatusAndTimeWindow) {
  auto awaiting = h.all_orders(mx, {{"order_status", "AWAITING_SHIPMENT"}});
  ASSERT_FALSE(awaiting.empty());
  for (const auto& o : awaiting) EXPECT_EQ(o.at("status").as_string(), "AWAITING_SHIPMENT");
  std::int64_t since = h.engine().now() - 3 * 86400;
  auto recent = h.all_orders(mx, {{"create_time_ge", since}});
  for (const auto& o : recent) EXPECT_GE(o.at("create_time").as_int64(), since);
  EXPECT_LT(recent.size(), h.all_orders(mx).size());
}

TEST_F(SimOrders, OrdersSpreadOverTheLastThirtyDaysAndTheLifeCycle) {
  std::set<std::string> statuses;
  for (const auto& o : h.all_orders(mx)) {
    statuses.insert(std::string(o.at("status").as_string()));
    EXPECT_GE(o.at("create_time").as_int64(), h.engine().now() - 30 * 86400);
    EXPECT_LE(o.at("update_time").as_int64(), h.engine().now());
    EXPECT_GE(o.at("update_time").as_int64(), o.at("create_time").as_int64());
  }
  for (const char* s : {"AWAITING_SHIPMENT", "IN_TRANSIT", "COMPLETED"}) EXPECT_TRUE(statuses.count(s)) << s;
}

TEST_F(SimOrders, PageTokenOfAnotherQueryIsRejected) {
  auto r = search({{"page_size", "5"}});
  std::string token(r.obj().at("next_page_token").as_string());
  auto other = search({{"page_size", "5"}, {"page_token", token}}, {{"order_status", "COMPLETED"}});
  EXPECT_EQ(other.code, 21001001);
}

TEST_F(SimOrders, TamperedPageTokenIsRejected) {
  auto r = search({{"page_size", "5"}});
  std::string token(r.obj().at("next_page_token").as_string());
  token[3] = token[3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(search({{"page_size", "5"}, {"page_token", token}}).code, 21001001);
}

TEST_F(SimOrders, UnknownStatusFilterIsRejected) {
  EXPECT_EQ(search({{"page_size", "5"}}, {{"order_status", "SHIPPED"}}).code, 21001001);
}

TEST_F(SimOrders, DetailReturnsTheRequestedOrdersAndLeavesUnknownIdsOut) {
  auto orders = h.all_orders(mx);
  std::string a(orders[0].at("id").as_string()), b(orders[1].at("id").as_string());
  auto r = h.api(mx, "GET", "/order/202507/orders", {{"ids", a + ",576000000000000000," + b}});
  ASSERT_EQ(r.code, 0);
  const auto& got = r.obj().at("orders").as_array();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].as_object().at("id").as_string(), a);
  EXPECT_EQ(got[1].as_object().at("id").as_string(), b);
}

TEST_F(SimOrders, DetailTakesAtMostFiftyIds) {
  std::string ids;
  for (int i = 0; i < 51; ++i) ids += (i ? "," : "") + std::to_string(576000000000000000LL + i);
  EXPECT_EQ(h.api(mx, "GET", "/order/202309/orders", {{"ids", ids}}).code, 21001001);
}

TEST_F(SimOrders, DetailOfAnotherShopsOrderGives21008111) {
  auto br = h.connect("demo-br");
  std::string foreign(h.all_orders(br).front().at("id").as_string());
  auto r = h.api(mx, "GET", "/order/202309/orders", {{"ids", foreign}});
  EXPECT_EQ(r.code, 21008111);
  EXPECT_EQ(r.message, "The order or package does not belong to the current seller.");
}

TEST_F(SimOrders, PaymentAmountsSatisfyThePlatformsRelations) {
  for (const std::string shop : {"demo-mx", "demo-br", "demo-us"}) {
    auto c = shop == "demo-mx" ? mx : h.connect(shop);
    for (const auto& o : h.all_orders(c)) {
      const auto& p = o.at("payment").as_object();
      EXPECT_EQ(cents(p.at("sub_total")), cents(p.at("original_total_product_price")) -
                                              cents(p.at("seller_discount")) -
                                              cents(p.at("platform_discount")));
      EXPECT_EQ(cents(p.at("shipping_fee")), cents(p.at("original_shipping_fee")) -
                                                 cents(p.at("shipping_fee_seller_discount")) -
                                                 cents(p.at("shipping_fee_platform_discount")));
      EXPECT_EQ(cents(p.at("total_amount")), cents(p.at("sub_total")) + cents(p.at("shipping_fee")) +
                                                 cents(p.at("tax")) + cents(p.at("retail_delivery_fee")));
      std::int64_t lines = 0;
      for (const auto& l : o.at("line_items").as_array()) lines += cents(l.as_object().at("original_price"));
      EXPECT_EQ(lines, cents(p.at("original_total_product_price")));
    }
  }
}

TEST_F(SimOrders, LineItemsAreOnePerUnitWithoutAQuantityField) {
  for (const auto& o : h.all_orders(mx))
    for (const auto& l : o.at("line_items").as_array()) EXPECT_FALSE(l.as_object().contains("quantity"));
}

TEST_F(SimOrders, RecipientAddressIsWithheldUntilTheOrderIsPaid) {
  for (const auto& o : h.all_orders(mx)) {
    bool unpaid = o.at("status") == "UNPAID" || o.at("status") == "ON_HOLD";
    EXPECT_EQ(o.contains("recipient_address"), !unpaid) << o.at("id").as_string();
  }
}

TEST_F(SimOrders, MexicanAddressesKeepTheWholeNameInFirstName) {
  auto paid = h.all_orders(mx, {{"order_status", "AWAITING_SHIPMENT"}});
  ASSERT_FALSE(paid.empty());
  const auto& a = paid.front().at("recipient_address").as_object();
  EXPECT_EQ(a.at("first_name"), a.at("name"));
  EXPECT_EQ(a.at("last_name"), "");
  EXPECT_EQ(a.at("region_code"), "MX");
}

TEST_F(SimOrders, BrazilianOrdersNeedAnInvoiceAndCarryAValidCpf) {
  auto br = h.connect("demo-br");
  auto awaiting = h.all_orders(br, {{"order_status", "AWAITING_SHIPMENT"}});
  ASSERT_FALSE(awaiting.empty());
  for (const auto& o : awaiting) {
    EXPECT_EQ(o.at("need_upload_invoice"), "NEED_INVOICE");
    std::string cpf(o.at("cpf").as_string());
    ASSERT_EQ(cpf.size(), 11u);
    for (int round = 0; round < 2; ++round) {
      int n = 9 + round, sum = 0;
      for (int i = 0; i < n; ++i) sum += (cpf[static_cast<std::size_t>(i)] - '0') * (n + 1 - i);
      int dv = sum % 11 < 2 ? 0 : 11 - sum % 11;
      EXPECT_EQ(cpf[static_cast<std::size_t>(n)] - '0', dv) << cpf;
    }
  }
}

TEST_F(SimOrders, DemoDataIsAFunctionOfTheSeed) {
  auto first = h.all_orders(mx);
  harness same;
  auto again = same.all_orders(same.connect("demo-mx"));
  ASSERT_EQ(first.size(), again.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].at("id"), again[i].at("id"));
    EXPECT_EQ(first[i].at("payment"), again[i].at("payment"));
  }
  auto other_seed = demo_settings({}, 7);
  harness different(other_seed);
  auto other = different.all_orders(different.connect("demo-mx"));
  EXPECT_NE(first.front().at("id"), other.front().at("id"));
}

}  // namespace
