// GET /api/v1/orders: filters narrow the list as the stored orders say, cursors visit every order once,
// counts per status, sort orders, seller scope, bad parameters and SQL metacharacters.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "orders_fixture.hpp"

namespace {

using namespace kingkung;
using web_test::web_client;

class WebOrdersList : public web_test::orders_suite {};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST_F(WebOrdersList, PagingThroughCursorsVisitsEveryOrderOfTheSellerOnce) {
  auto listed = list_all("/api/v1/orders?page_size=7");
  auto want = keys(stored_orders(), [](const domain::order&) { return true; });
  ASSERT_GT(want.size(), 30u);
  EXPECT_EQ(listed.size(), want.size());
  EXPECT_EQ(as_set(listed), want);
}

TEST_F(WebOrdersList, StatusFilterKeepsOnlyOrdersInThatStatus) {
  auto orders = stored_orders();
  std::set<domain::order_status> statuses;
  for (const auto& o : orders) statuses.insert(o.status);
  ASSERT_GE(statuses.size(), 3u);
  for (auto s : statuses) {
    auto name = std::string(domain::to_string(s));
    EXPECT_EQ(as_set(list_all("/api/v1/orders?page_size=50&status=" + name)),
              keys(orders, [&](const domain::order& o) { return o.status == s; }))
        << name;
  }
}

TEST_F(WebOrdersList, ShopFilterKeepsOnlyThatShopsOrders) {
  auto orders = stored_orders();
  auto listed = list_all("/api/v1/orders?shop_id=" + std::string(web_test::br_shop_id));
  auto want = keys(orders, [](const domain::order& o) { return o.shop_id == web_test::br_shop_id; });
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(as_set(listed), want);
}

TEST_F(WebOrdersList, DateRangeIncludesFromAndExcludesTo) {
  auto orders = stored_orders();
  std::vector<std::int64_t> times;
  for (const auto& o : orders) times.push_back(o.create_time);
  std::sort(times.begin(), times.end());
  auto from = times[times.size() / 4], to = times[times.size() * 3 / 4];
  auto listed = list_all("/api/v1/orders?from=" + std::to_string(from) + "&to=" + std::to_string(to));
  auto want = keys(orders, [&](const domain::order& o) { return o.create_time >= from && o.create_time < to; });
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(as_set(listed), want);
}

TEST_F(WebOrdersList, CountsPerStatusMatchTheStoredOrdersUnderTheOtherFilters) {
  auto orders = stored_orders();
  auto r = client().get("/api/v1/orders?status=COMPLETED&shop_id=" + std::string(web_test::mx_shop_id));
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto body = web_client::json(r);
  const auto& counts = body.at("counts").as_object();
  std::map<std::string, std::int64_t> want;
  for (const auto& o : orders)
    if (o.shop_id == web_test::mx_shop_id) {
      ++want[std::string(domain::to_string(o.status))];
      ++want["all"];
    }
  for (const auto& [status, n] : counts) {
    auto it = want.find(std::string(status));
    EXPECT_EQ(n.as_int64(), it == want.end() ? 0 : it->second) << status;
  }
  EXPECT_EQ(counts.size(), 10u);  // nine statuses and "all"
  EXPECT_GT(counts.at("all").as_int64(), 0);
}

TEST_F(WebOrdersList, EachSortOrdersTheRowsByItsKey) {
  for (std::string sort : {"create_time_desc", "create_time_asc", "update_time_desc", "total_desc"}) {
    std::vector<std::tuple<std::int64_t, std::string, std::string>> rows;
    std::string cursor;
    for (int pages = 0; pages < 50; ++pages) {
      auto r = client().get("/api/v1/orders?page_size=9&sort=" + sort + (cursor.empty() ? "" : "&cursor=" + cursor));
      ASSERT_EQ(r.result_int(), 200) << r.body();
      auto body = web_client::json(r);
      for (const auto& o : body.at("orders").as_array()) {
        std::int64_t key = 0;
        if (sort == "total_desc")
          key = decimal::parse(std::string(o.at("total").as_string()))->units();
        else if (sort == "update_time_desc")
          key = o.at("update_time").as_int64();
        else
          key = o.at("create_time").as_int64();
        rows.emplace_back(key, std::string(o.at("shop_id").as_string()), std::string(o.at("id").as_string()));
      }
      if (body.at("next_cursor").is_null()) break;
      cursor = std::string(body.at("next_cursor").as_string());
    }
    ASSERT_GT(rows.size(), 30u);
    auto sorted = rows;
    if (sort == "create_time_asc")
      std::sort(sorted.begin(), sorted.end());
    else
      std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return b < a; });
    EXPECT_EQ(rows, sorted) << sort;
  }
}

TEST_F(WebOrdersList, SearchFindsOrdersByBuyerEmailSubstring) {
  auto orders = stored_orders();
  auto with_email = std::find_if(orders.begin(), orders.end(), [](const auto& o) { return o.buyer_email.size() > 6; });
  ASSERT_NE(with_email, orders.end());
  std::string q = with_email->buyer_email.substr(1, with_email->buyer_email.find('@') - 1);
  auto listed = list_all("/api/v1/orders?q=" + q);
  auto want = keys(orders, [&](const domain::order& o) {
    auto lq = lower(q);
    return lower(o.buyer_email).find(lq) != std::string::npos || o.buyer_user_id == q ||
           lower(o.recipient.name).find(lq) != std::string::npos || o.id.rfind(q, 0) == 0 ||
           std::any_of(o.lines.begin(), o.lines.end(),
                       [&](const auto& l) { return l.sku_id == q || l.seller_sku.rfind(q, 0) == 0; });
  });
  EXPECT_TRUE(want.count(with_email->shop_id + "/" + with_email->id));
  EXPECT_EQ(as_set(listed), want) << q;
}

TEST_F(WebOrdersList, SearchFindsOrdersBySellerSkuAndBySkuId) {
  auto orders = stored_orders();
  const domain::line_item* line = nullptr;
  for (const auto& o : orders)
    for (const auto& l : o.lines)
      if (!line && !l.seller_sku.empty() && o.id != web_test::hostile_order_id) line = &l;
  ASSERT_NE(line, nullptr);
  auto has = [](const std::string& field_value) {
    return [field_value](const domain::order& o) {
      return std::any_of(o.lines.begin(), o.lines.end(), [&](const auto& l) {
        return l.sku_id == field_value || l.seller_sku.rfind(field_value, 0) == 0;
      });
    };
  };
  auto by_seller_sku = keys(orders, has(line->seller_sku));
  EXPECT_EQ(as_set(list_all("/api/v1/orders?q=" + line->seller_sku)), by_seller_sku);
  auto by_sku = keys(orders, has(line->sku_id));
  EXPECT_EQ(as_set(list_all("/api/v1/orders?q=" + line->sku_id)), by_sku);
}

TEST_F(WebOrdersList, SearchFindsAnOrderByItsId) {
  auto orders = stored_orders();
  const auto& o = orders.front();
  EXPECT_EQ(as_set(list_all("/api/v1/orders?q=" + o.id)), std::set<std::string>{o.shop_id + "/" + o.id});
}

TEST_F(WebOrdersList, SummariesCarryTheStoredValues) {
  auto r = client().get("/api/v1/orders?q=" + std::string(web_test::hostile_order_id));
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto body = web_client::json(r);
  ASSERT_EQ(body.at("orders").as_array().size(), 1u);
  const auto& s = body.at("orders").at(0);
  auto stored = web_test::hostile_order(0);
  EXPECT_EQ(s.at("shop_name").as_string(), "KingKung Demo MX");
  EXPECT_EQ(s.at("region").as_string(), "MX");
  EXPECT_EQ(s.at("status").as_string(), "AWAITING_SHIPMENT");
  EXPECT_EQ(s.at("total").as_string(), "123.45");
  EXPECT_EQ(s.at("currency").as_string(), "MXN");
  EXPECT_EQ(s.at("items").as_int64(), 1);
  EXPECT_EQ(s.at("buyer").at("user_id").as_string(), stored.buyer_user_id);
  EXPECT_EQ(s.at("buyer").at("name").as_string(), stored.recipient.name);
  EXPECT_EQ(s.at("first_item").at("seller_sku").as_string(), stored.lines[0].seller_sku);
  EXPECT_FALSE(s.at("is_on_hold").as_bool());
}

TEST_F(WebOrdersList, BadParametersAnswer400NamingTheField) {
  for (auto [target, field] : std::initializer_list<std::pair<std::string, std::string>>{
           {"/api/v1/orders?status=SHIPPED", "status"},
           {"/api/v1/orders?status=awaiting_shipment", "status"},
           {"/api/v1/orders?sort=cheapest", "sort"},
           {"/api/v1/orders?from=yesterday", "from"},
           {"/api/v1/orders?to=-5", "to"},
           {"/api/v1/orders?from=200&to=100", "to"},
           {"/api/v1/orders?page_size=0", "page_size"},
           {"/api/v1/orders?page_size=201", "page_size"},
           {"/api/v1/orders?cursor=not-a-cursor", "cursor"},
           {"/api/v1/orders?q=" + std::string(201, 'a'), "q"},
       }) {
    auto r = client().get(target);
    EXPECT_EQ(r.result_int(), 400) << target << ": " << r.body();
    EXPECT_EQ(error_field(r), field) << target;
  }
}

TEST_F(WebOrdersList, ACursorUsedWithOtherFiltersIsRefused) {
  auto r = client().get("/api/v1/orders?page_size=3");
  ASSERT_EQ(r.result_int(), 200);
  std::string cursor(web_client::json(r).at("next_cursor").as_string());
  auto other = client().get("/api/v1/orders?page_size=3&sort=total_desc&cursor=" + cursor);
  EXPECT_EQ(other.result_int(), 400) << other.body();
  EXPECT_EQ(error_field(other), "cursor");
}

TEST_F(WebOrdersList, SqlMetacharactersInEveryFilterAreHarmless) {
  auto orders = stored_orders();
  for (std::string q : {"%27", "%25", "_", "%3B--", "%5C", "%27%20OR%20%271%27%3D%271", "%25%25"}) {
    auto r = client().get("/api/v1/orders?q=" + q);
    ASSERT_EQ(r.result_int(), 200) << q << ": " << r.body();
    const auto parsed = http::request::from_target("GET", "/?q=" + q);
    const std::string decoded(parsed->query_param("q").value());
    auto lq = lower(std::string(decoded));
    auto want = keys(orders, [&](const domain::order& o) {
      const std::string exact(decoded);
      return lower(o.buyer_email).find(lq) != std::string::npos || o.buyer_user_id == exact ||
             lower(o.recipient.name).find(lq) != std::string::npos || o.id.rfind(exact, 0) == 0 ||
             std::any_of(o.lines.begin(), o.lines.end(),
                         [&](const auto& l) { return l.sku_id == exact || l.seller_sku.rfind(exact, 0) == 0; });
    });
    EXPECT_EQ(as_set(list_all("/api/v1/orders?q=" + q)), want) << decoded;
  }
  EXPECT_EQ(client().get("/api/v1/orders?status=%27%3B--").result_int(), 400);
  EXPECT_EQ(client().get("/api/v1/orders?sort=id%3B--").result_int(), 400);
  EXPECT_EQ(client().get("/api/v1/orders?shop_id=%27%20OR%201%3D1--").result_int(), 404);
  EXPECT_EQ(client().get("/api/v1/orders?from=1%3B--").result_int(), 400);
  EXPECT_EQ(client().get("/api/v1/orders?cursor=%27%25_%5C").result_int(), 400);
  EXPECT_EQ(as_set(list_all("/api/v1/orders")), keys(stored_orders(), [](const auto&) { return true; }));
}

TEST_F(WebOrdersList, AnotherSellerSeesNoneOfTheseOrdersAndCannotFilterByTheseShops) {
  auto other = second_seller_client();
  auto r = other->get("/api/v1/orders");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto body = web_client::json(r);
  EXPECT_TRUE(body.at("orders").as_array().empty());
  EXPECT_EQ(body.at("counts").at("all").as_int64(), 0);
  EXPECT_EQ(other->get("/api/v1/orders?shop_id=" + std::string(web_test::mx_shop_id)).result_int(), 404);
}

TEST_F(WebOrdersList, NeedsASignedInUser) {
  web_client anonymous(app());
  auto r = anonymous.get("/api/v1/orders");
  EXPECT_EQ(r.result_int(), 401) << r.body();
}

}  // namespace
