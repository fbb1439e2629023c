// What the orders API tests share: one web_app per suite (shared_host) over the simulator's demo orders
// (plus one order whose text is hostile to CSV and spreadsheets), a signed-in client, and the stored
// orders read straight from the database to compute every expectation.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "../web_app.hpp"
#include "kingkung/auth/password.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/user_repository.hpp"

namespace kingkung::web_test {

inline constexpr std::string_view hostile_order_id = "5799000000000000001";

// A stored order of the MX demo shop whose texts start with formula characters and hold commas, quotes
// and line breaks.
inline domain::order hostile_order(std::int64_t now) {
  domain::order o;
  o.shop_id = std::string(mx_shop_id);
  o.id = std::string(hostile_order_id);
  o.status = domain::order_status::awaiting_shipment;
  o.status_text = "AWAITING_SHIPMENT";
  o.create_time = now - 3600;
  o.update_time = now - 3500;
  o.buyer_user_id = "@buyer";
  o.buyer_email = "hostile@example.com";
  o.recipient.name = "=HYPERLINK(\"http://x\",\"y\")";
  o.pay.currency = "MXN";
  o.pay.total_amount = *decimal::parse("123.45");
  o.pay.sub_total = o.pay.total_amount;
  o.raw_json = "{}";
  domain::line_item l;
  l.id = "5799000000000000001-1";
  l.sku_id = "sku-hostile";
  l.product_id = "p-hostile";
  l.product_name = "Tee, \"red\"\nXL";
  l.seller_sku = "+SUM(1)";
  l.sku_name = "-size";
  l.sale_price = o.pay.total_amount;
  l.original_price = o.pay.total_amount;
  l.currency = "MXN";
  o.lines = {l};
  return o;
}

// The suites deriving from it run one after the other, each with a host of its own (set up again).
class orders_suite : public shared_host<orders_suite> {
 public:
  static void SetUpTestSuite() {
    shared_host::SetUpTestSuite();
    auto now = app().services().sync().now();
    auto stored = storage::order_repository(app().runtime().database()).upsert({hostile_order(now)});
    if (!stored) throw std::runtime_error(stored.err().message);
  }

 protected:
  // The demo client, signed in once per suite: the tests only read.
  web_client& client() { return demo(); }

  // Every stored order of the demo shops, with lines.
  static std::vector<domain::order> stored_orders() {
    std::vector<domain::order> out;
    storage::order_repository repo(app().runtime().database());
    for (auto shop : {mx_shop_id, br_shop_id, us_shop_id}) {
      storage::order_page_request req;
      req.shop_id = std::string(shop);
      req.limit = 500;
      while (true) {
        auto page = repo.list(req);
        if (!page) throw std::runtime_error(page.err().message);
        for (auto& o : page->orders) out.push_back(std::move(o));
        if (page->next_cursor.empty()) break;
        req.cursor = page->next_cursor;
      }
    }
    return out;
  }

  static std::set<std::string> keys(const std::vector<domain::order>& orders,
                                    const std::function<bool(const domain::order&)>& keep) {
    std::set<std::string> out;
    for (const auto& o : orders)
      if (keep(o)) out.insert(o.shop_id + "/" + o.id);
    return out;
  }

  // GET the target and follow next_cursor to the end; the shop/id of every order listed, in order.
  std::vector<std::string> list_all(const std::string& target) {
    std::vector<std::string> out;
    std::string cursor;
    for (int pages = 0; pages < 200; ++pages) {
      std::string t = target + (target.find('?') == std::string::npos ? "?" : "&") +
                      (cursor.empty() ? "" : "cursor=" + cursor);
      auto r = client().get(t);
      EXPECT_EQ(r.result_int(), 200) << t << ": " << r.body();
      if (r.result_int() != 200) return out;
      auto body = web_client::json(r);
      for (const auto& o : body.at("orders").as_array())
        out.push_back(std::string(o.at("shop_id").as_string()) + "/" + std::string(o.at("id").as_string()));
      if (body.at("next_cursor").is_null()) return out;
      cursor = std::string(body.at("next_cursor").as_string());
    }
    ADD_FAILURE() << "paging did not end";
    return out;
  }

  static std::set<std::string> as_set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

  static std::string error_field(const test::http_response& r) {
    auto v = web_client::json(r).at("error").at("field");
    return v.is_null() ? std::string() : std::string(v.as_string());
  }

  // A second seller with its own owner account; returns the client signed in as that owner.
  std::unique_ptr<web_client> second_seller_client() {
    auto& db = app().runtime().database();
    static int n = 0;
    std::string name = "Second Seller " + std::to_string(++n);
    auto seller = storage::seller_repository(db).create(name);
    EXPECT_TRUE(seller.ok()) << seller.err().message;
    domain::user u;
    u.seller_id = seller->id;
    u.email = "second" + std::to_string(n) + "@seller.example";
    u.password_hash = auth::hash_password("second-seller-password");
    u.user_role = domain::role::owner;
    auto added = storage::user_repository(db).add(u);
    EXPECT_TRUE(added.ok()) << added.err().message;
    auto c = std::make_unique<web_client>(app());
    auto r = c->sign_in(u.email, "second-seller-password");
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return c;
  }
};

}  // namespace kingkung::web_test
