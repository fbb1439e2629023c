// The orders list's body written straight into a string: byte for byte what serialising the JSON tree of
// summary_json gives, over ordinary and hostile text (control characters, quotes, backslashes, non-ASCII,
// invalid UTF-8), and always valid JSON.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>
#include <vector>

#include "api/orders/order_json.hpp"
#include "api/orders/order_page_json.hpp"

namespace {

namespace json = boost::json;
using kingkung::decimal;
using kingkung::domain::order_status;
using kingkung::storage::order_item_summary;
using kingkung::storage::order_search_page;
using kingkung::storage::order_status_counts;
using kingkung::storage::order_summary;
using kingkung::web::orders::shop_map;

// The body as the list wrote it before: a tree of summary_json objects, serialised.
std::string tree_body(const order_search_page& page, const order_status_counts& counts, const shop_map& shops) {
  json::array list;
  for (const auto& s : page.orders) list.push_back(kingkung::web::orders::summary_json(s, shops.at(s.shop_id)));
  json::object count_json;
  for (const auto& [status, n] : counts) count_json[status] = n;
  json::object body{{"orders", std::move(list)}, {"counts", std::move(count_json)}};
  if (page.next_cursor.empty())
    body["next_cursor"] = nullptr;
  else
    body["next_cursor"] = page.next_cursor;
  return json::serialize(body);
}

std::string every_byte() {
  std::string out;
  for (int c = 1; c < 256; ++c) out += static_cast<char>(c);
  out += '\0';
  return out;
}

// Texts a stored order may carry.
const std::vector<std::string>& hostile_texts() {
  static const std::vector<std::string> texts = {
      "",
      "plain",
      "quote \" and backslash \\ and slash /",
      std::string("nul\0inside", 10),
      "tab\tnewline\ncr\rbell\aback\bform\fesc\x1b unit\x1f del\x7f",
      "Jo\xC3\xA3o Oliveira \xE2\x82\xAC \xF0\x9F\x98\x80",
      "lone continuation \x80 and \xBF",
      "truncated \xE2\x82 sequence",
      "overlong \xC0\xAF and \xFF\xFE",
      "surrogate half \xED\xA0\x80",
      "</script><script>alert(1)</script>",
      every_byte(),
  };
  return texts;
}

shop_map shops_named(const std::string& name) {
  shop_map shops;
  kingkung::domain::shop a;
  a.id = "7494883102967740417";
  a.name = name;
  a.region = "US";
  shops.emplace(a.id, a);
  kingkung::domain::shop b;
  b.id = "shop-\"b\"";
  b.name = "Loja \\ Brasil";
  b.region = "BR";
  shops.emplace(b.id, b);
  return shops;
}

// The same shops as the orders page lists them for the page.
std::vector<kingkung::storage::marked_shop> marked(const shop_map& shops) {
  std::vector<kingkung::storage::marked_shop> out;
  for (const auto& [id, s] : shops) out.push_back({.id = id, .name = s.name, .region = s.region});
  return out;
}

order_summary summary(const std::string& text, int i) {
  order_summary s;
  s.shop_id = i % 2 ? "shop-\"b\"" : "7494883102967740417";
  s.id = "5767" + std::to_string(i) + text.substr(0, 3);
  s.status = i % 3 ? order_status::awaiting_shipment : order_status::cancelled;
  s.create_time = 1764000000 + i;
  s.update_time = i % 4 ? 0 : -5;
  s.buyer_user_id = text;
  s.buyer_name = text + "name";
  s.total = decimal::from_units(123456789 * (i % 5) - 7);
  s.currency = i % 2 ? "BRL" : "USD";
  s.items = i;
  if (i % 3 != 2)
    s.first_item = order_item_summary{text, "sku-" + std::to_string(i), text + "-sku", "https://img/" + text};
  s.tracking_number = i % 2 ? text : "";
  s.shipping_due_time = i * 1000;
  s.on_hold = i % 2 == 1;
  return s;
}

order_status_counts sample_counts() {
  order_status_counts counts;
  counts["AWAITING_SHIPMENT"] = 7;
  counts["CANCELLED"] = 0;
  counts["all"] = 9007199254740993;
  return counts;
}

TEST(WebOrdersPageJson, MatchesTheTreeWriterByteForByteOverHostileText) {
  for (std::size_t t = 0; t < hostile_texts().size(); ++t) {
    const auto& text = hostile_texts()[t];
    auto shops = shops_named(text);
    order_search_page page;
    for (int i = 0; i < 6; ++i) page.orders.push_back(summary(text, i));
    page.next_cursor = "cursor." + text;
    EXPECT_EQ(kingkung::web::orders::page_json(page, sample_counts(), marked(shops)), tree_body(page, sample_counts(), shops))
        << "text number " << t;
  }
}

TEST(WebOrdersPageJson, WritesNullCursorAndEmptyListsLikeTheTreeWriter) {
  auto shops = shops_named("Shop");
  order_search_page empty;
  EXPECT_EQ(kingkung::web::orders::page_json(empty, {}, marked(shops)), tree_body(empty, {}, shops));
  EXPECT_EQ(kingkung::web::orders::page_json(empty, {}, marked(shops)), R"({"orders":[],"counts":{},"next_cursor":null})");
}

TEST(WebOrdersPageJson, BodyParsesBackToTheStoredText) {
  const std::string text = "a\"b\\c\nd\x01\x7f\xC3\xA9";
  auto shops = shops_named(text);
  order_search_page page;
  page.orders.push_back(summary(text, 1));
  auto parsed = json::parse(kingkung::web::orders::page_json(page, sample_counts(), marked(shops)));
  const auto& order = parsed.at("orders").at(0);
  EXPECT_EQ(order.at("buyer").at("user_id").as_string(), text);
  EXPECT_EQ(order.at("shop_name").as_string(), "Loja \\ Brasil");
  EXPECT_EQ(order.at("first_item").at("product_name").as_string(), text);
  EXPECT_TRUE(order.at("is_on_hold").as_bool());
  EXPECT_EQ(order.at("items").as_int64(), 1);
}

TEST(WebOrdersPageJson, EscapesControlCharactersAsBoostJsonDoes) {
  std::string out;
  kingkung::web::orders::append_json_string(out, std::string("\"\\\b\f\n\r\t\x01\x1f\x7f/\0", 12));
  EXPECT_EQ(out, std::string("\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\x7f/\\u0000\""));
}

}  // namespace
