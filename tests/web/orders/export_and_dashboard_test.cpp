// GET /api/v1/orders/export.csv (one row per line item, RFC 4180 quoting, no formulas) and
// GET /api/v1/dashboard (daily orders and revenue that add up to the stored orders, shop health).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "kingkung/storage/order_stats.hpp"
#include "orders_fixture.hpp"

namespace {

using namespace kingkung;
using web_test::web_client;

// RFC 4180: fields separated by commas, records by CRLF, quoted fields with doubled quotes.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, field_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = field_started = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      field_started = false;
      rows.emplace_back();
      ++i;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

class WebOrdersExport : public web_test::orders_suite {
 protected:
  std::vector<std::vector<std::string>> export_rows(const std::string& query = {}) {
    auto r = client().get("/api/v1/orders/export.csv" + query);
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return parse_csv(r.body());
  }
};

TEST_F(WebOrdersExport, HasOneRowPerLineItemOfEveryOrder) {
  auto orders = stored_orders();
  std::size_t lines = 0;
  for (const auto& o : orders) lines += std::max<std::size_t>(1, o.lines.size());
  auto rows = export_rows();
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front().front(), "shop_id");
  EXPECT_EQ(rows.size() - 1, lines);
  for (const auto& row : rows) EXPECT_EQ(row.size(), rows.front().size());
}

TEST_F(WebOrdersExport, IsAUtf8CsvAttachment) {
  auto r = client().get("/api/v1/orders/export.csv");
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(r["Content-Type"], "text/csv; charset=utf-8");
  EXPECT_NE(std::string(r["Content-Disposition"]).find("attachment; filename=\"orders-"), std::string::npos);
  EXPECT_EQ(r["Cache-Control"], "no-store");
}

TEST_F(WebOrdersExport, QuotesCommasQuotesAndLineBreaksAndNeutralisesFormulas) {
  auto r = client().get("/api/v1/orders/export.csv?q=" + std::string(web_test::hostile_order_id));
  ASSERT_EQ(r.result_int(), 200) << r.body();
  // Quoted on the wire as RFC 4180 says.
  EXPECT_NE(r.body().find("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), std::string::npos) << r.body();
  EXPECT_NE(r.body().find("\"Tee, \"\"red\"\"\nXL\""), std::string::npos) << r.body();
  auto rows = parse_csv(r.body());
  ASSERT_EQ(rows.size(), 2u);
  std::map<std::string, std::string> cell;
  for (std::size_t i = 0; i < rows[0].size(); ++i) cell[rows[0][i]] = rows[1][i];
  auto o = web_test::hostile_order(0);
  EXPECT_EQ(cell["buyer_name"], "'" + o.recipient.name);
  EXPECT_EQ(cell["buyer_user_id"], "'@buyer");
  EXPECT_EQ(cell["seller_sku"], "'+SUM(1)");
  EXPECT_EQ(cell["sku_name"], "'-size");
  EXPECT_EQ(cell["product_name"], o.lines[0].product_name);
  EXPECT_EQ(cell["order_total"], "123.45");
  EXPECT_EQ(cell["sale_price"], "123.45");
}

TEST_F(WebOrdersExport, FollowsTheListFilters) {
  auto orders = stored_orders();
  auto rows = export_rows("?status=COMPLETED&shop_id=" + std::string(web_test::us_shop_id));
  std::size_t lines = 0;
  for (const auto& o : orders)
    if (o.status == domain::order_status::completed && o.shop_id == web_test::us_shop_id)
      lines += std::max<std::size_t>(1, o.lines.size());
  EXPECT_EQ(rows.size() - 1, lines);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][0], web_test::us_shop_id);
    EXPECT_EQ(rows[i][3], "COMPLETED");
  }
}

TEST_F(WebOrdersExport, BadFiltersAnswer400AndOtherSellersShops404) {
  auto r = client().get("/api/v1/orders/export.csv?status=nope");
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_EQ(error_field(r), "status");
  auto other = second_seller_client();
  EXPECT_EQ(other->get("/api/v1/orders/export.csv?shop_id=" + std::string(web_test::mx_shop_id)).result_int(), 404);
  auto empty = other->get("/api/v1/orders/export.csv");
  ASSERT_EQ(empty.result_int(), 200);
  EXPECT_EQ(parse_csv(empty.body()).size(), 1u);  // the header only
}

class WebOrdersDashboard : public web_test::orders_suite {};

TEST_F(WebOrdersDashboard, DailySumsEqualTheStoredOrdersOfTheRange) {
  auto r = client().get("/api/v1/dashboard?days=30");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto body = web_client::json(r);
  std::string from(body.at("range").at("from").as_string()), to(body.at("range").at("to").as_string());
  std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, decimal>> want;
  std::int64_t want_orders = 0;
  for (const auto& o : stored_orders()) {
    auto date = storage::utc_date(o.create_time);
    if (date < from || date > to) continue;
    auto& w = want[{date, o.shop_id}];
    ++w.first;
    ++want_orders;
    if (o.status != domain::order_status::unpaid && o.status != domain::order_status::cancelled)
      w.second += o.pay.total_amount;
  }
  ASSERT_FALSE(want.empty());
  std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, decimal>> got;
  for (const auto& d : body.at("days").as_array()) {
    auto& g = got[{std::string(d.at("date").as_string()), std::string(d.at("shop_id").as_string())}];
    g.first += d.at("orders").as_int64();
    g.second += *decimal::parse(std::string(d.at("revenue").as_string()));
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(body.at("totals").at("orders").as_int64(), want_orders);
  EXPECT_EQ(body.at("range").at("days").as_int64(), 30);
}

TEST_F(WebOrdersDashboard, ListsEveryShopWithItsSyncHealth) {
  auto r = client().get("/api/v1/dashboard");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto orders = stored_orders();
  auto body = web_client::json(r);
  const auto& shops = body.at("shops").as_array();
  ASSERT_EQ(shops.size(), 3u);
  for (const auto& s : shops) {
    std::string id(s.at("id").as_string());
    auto stored = std::count_if(orders.begin(), orders.end(), [&](const auto& o) { return o.shop_id == id; });
    EXPECT_EQ(s.at("health").at("orders").as_int64(), stored) << id;
    EXPECT_GT(s.at("health").at("last_success_at").as_int64(), 0) << id;
    EXPECT_EQ(s.at("state").as_string(), "connected");
  }
}

TEST_F(WebOrdersDashboard, OneShopAndBadParameters) {
  auto r = client().get("/api/v1/dashboard?shop_id=" + std::string(web_test::br_shop_id));
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto body = web_client::json(r);
  ASSERT_EQ(body.at("shops").as_array().size(), 1u);
  for (const auto& d : body.at("days").as_array()) EXPECT_EQ(d.at("shop_id").as_string(), web_test::br_shop_id);
  for (std::string days : {"0", "367", "x", "-1"}) {
    auto bad = client().get("/api/v1/dashboard?days=" + days);
    EXPECT_EQ(bad.result_int(), 400) << days;
    EXPECT_EQ(error_field(bad), "days");
  }
  EXPECT_EQ(second_seller_client()->get("/api/v1/dashboard?shop_id=" + std::string(web_test::br_shop_id)).result_int(),
            404);
}

}  // namespace
