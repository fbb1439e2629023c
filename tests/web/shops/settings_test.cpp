// The settings API: the seller's data export and the API call log, neither ever holding a secret.
#include <gtest/gtest.h>

#include <set>

#include "api/settings/settings_handlers.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "shops_fixture.hpp"

namespace {

using namespace kingkung;
using namespace kingkung::web_shops_test;

class WebSettings : public web_test::shared_host<WebSettings> {
 protected:
  static web::web_context& ctx() {
    static web::web_context c;
    c = context_of(app());
    return c;
  }

  // Every secret of the test app that must never show: the app secret and each demo shop's access token.
  static std::vector<std::string> secrets() {
    std::vector<std::string> out{"web-test-app-secret"};
    for (auto shop : {web_test::mx_shop_id, web_test::br_shop_id, web_test::us_shop_id}) {
      auto token = app().services().links().tokens().current(shop);
      if (!token) throw std::runtime_error(token.err().to_string());
      out.push_back(token->reveal());
    }
    return out;
  }

  static std::size_t stored_orders() {
    std::size_t n = 0;
    storage::order_repository orders(app().runtime().database());
    for (auto shop : {web_test::mx_shop_id, web_test::br_shop_id, web_test::us_shop_id}) {
      storage::order_page_request req;
      req.shop_id = std::string(shop);
      req.limit = 500;
      auto page = orders.list(req);
      if (!page) throw std::runtime_error(page.err().message);
      n += page->orders.size();
    }
    return n;
  }
};

TEST_F(WebSettings, JsonExportHoldsTheSellersOrdersAndNoSecret) {
  auto r = web::settings::export_data(ctx(), make_request("POST", "/api/v1/exports", R"({"format":"json"})"),
                                      demo_owner(app()));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_NE(std::string(r.headers.get("Content-Disposition").value_or("")).find("attachment"), std::string::npos);
  auto body = body_of(r);
  EXPECT_EQ(body.at("orders").as_array().size(), stored_orders());
  for (const auto& secret : secrets()) EXPECT_EQ(r.body.find(secret), std::string::npos);
}

TEST_F(WebSettings, CsvExportIsAnAttachmentWithOneRowPerLine) {
  auto r = web::settings::export_data(ctx(), make_request("POST", "/api/v1/exports", R"({"format":"csv"})"),
                                      demo_owner(app()));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.content_type.rfind("text/csv", 0), 0u);
  EXPECT_NE(std::string(r.headers.get("Content-Disposition").value_or("")).find(".csv"), std::string::npos);
  std::size_t rows = 0;
  for (std::size_t at = r.body.find("\r\n"); at != std::string::npos; at = r.body.find("\r\n", at + 2)) ++rows;
  EXPECT_GT(rows, stored_orders());  // a header row, and at least one line per order
}

TEST_F(WebSettings, UnknownExportFormatIsABadRequestNamingIt) {
  auto r = web::settings::export_data(ctx(), make_request("POST", "/api/v1/exports", R"({"format":"xml"})"),
                                      demo_owner(app()));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(text(body_of(r).at("error").at("field")), "format");
}

TEST_F(WebSettings, ApiLogListsTheCallsMadeForTheSellersShopsAndNoSecret) {
  auto r = web::settings::api_log(ctx(), make_request("GET", "/api/v1/api-log?page_size=200"), demo_owner(app()));
  ASSERT_EQ(r.status, 200u) << r.body;
  auto calls = body_of(r).at("calls").as_array();
  ASSERT_FALSE(calls.empty());
  std::set<std::string> paths;
  for (const auto& c : calls) {
    const std::string shop = text(c.at("shop_id"));
    EXPECT_TRUE(shop == web_test::mx_shop_id || shop == web_test::br_shop_id || shop == web_test::us_shop_id) << shop;
    EXPECT_EQ(text(c.at("path")).find('?'), std::string::npos);
    paths.insert(text(c.at("path")));
  }
  EXPECT_TRUE(paths.count("/order/202309/orders/search")) << r.body.substr(0, 500);
  for (const auto& secret : secrets()) EXPECT_EQ(r.body.find(secret), std::string::npos);
}

TEST_F(WebSettings, ApiLogPagesVisitEachCallOnce) {
  auto all = body_of(web::settings::api_log(ctx(), make_request("GET", "/api/v1/api-log?page_size=200&shop_id=" +
                                                                         std::string(web_test::us_shop_id)),
                                            demo_owner(app())));
  std::size_t seen = 0;
  std::string cursor;
  for (int guard = 0; guard < 200; ++guard) {
    auto page = body_of(web::settings::api_log(
        ctx(),
        make_request("GET", "/api/v1/api-log?page_size=5&shop_id=" + std::string(web_test::us_shop_id) +
                                (cursor.empty() ? "" : "&cursor=" + cursor)),
        demo_owner(app())));
    seen += page.at("calls").as_array().size();
    if (page.at("next_cursor").is_null()) break;
    cursor = text(page.at("next_cursor"));
  }
  EXPECT_EQ(seen, all.at("calls").as_array().size());
}

TEST_F(WebSettings, AnotherSellerSeesNoneOfTheseCalls) {
  auto stranger = other_seller(app(), "Log Stranger");
  auto r = web::settings::api_log(ctx(), make_request("GET", "/api/v1/api-log"), stranger);
  ASSERT_EQ(r.status, 200u);
  EXPECT_TRUE(body_of(r).at("calls").as_array().empty());
  auto filtered = web::settings::api_log(
      ctx(), make_request("GET", "/api/v1/api-log?shop_id=" + std::string(web_test::mx_shop_id)), stranger);
  EXPECT_EQ(filtered.status, 404u);
}

}  // namespace
