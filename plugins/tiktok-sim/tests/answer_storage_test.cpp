// Search Orders and Get Order Detail build their answers in the request's arena (call::answer_storage):
// the JSON must be the same text as when built in the default storage, for every kind of order the
// demo data holds (every status, packages, taxes, Brazilian fields, districts).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "demo_data.hpp"
#include "sim_core.hpp"
#include "views.hpp"

namespace {

using namespace kingkung::sim::detail;

shop_state demo_shop(const std::string& region, const std::string& seller_type, int orders) {
  shop_state shop;
  shop.cfg.key = "arena-" + region;
  shop.cfg.id = region == "BR" ? "7494883102967740501" : "7494883102967740502";
  shop.cfg.name = "Arena " + region;
  shop.cfg.region = region;
  shop.cfg.seller_type = seller_type;
  shop.cfg.orders = orders;
  std::set<std::string> used_keys;
  generate_shop(shop, 20261129, 1'760'000'000, used_keys);
  return shop;
}

void expect_same_text_in_an_arena(const shop_state& shop) {
  ASSERT_FALSE(shop.orders.empty());
  json::monotonic_resource arena;
  json::storage_ptr sp(&arena);
  for (const auto& [id, o] : shop.orders) {
    json::object in_arena = order_json(shop, o, sp);
    EXPECT_EQ(in_arena.storage().get(), sp.get()) << id;
    EXPECT_EQ(json::serialize(in_arena), json::serialize(order_json(shop, o))) << id;
  }
}

TEST(SimAnswerStorage, OrdersOfAUsShopSerialiseTheSameFromTheArena) {
  expect_same_text_in_an_arena(demo_shop("US", "LOCAL", 120));
}

TEST(SimAnswerStorage, OrdersOfABrazilianShopSerialiseTheSameFromTheArena) {
  expect_same_text_in_an_arena(demo_shop("BR", "LOCAL", 120));
}

TEST(SimAnswerStorage, AReplyKeepsTheStorageOfItsData) {
  json::monotonic_resource arena;
  json::storage_ptr sp(&arena);
  reply r = reply::ok(json::object({{"orders", json::array({1, 2, 3}, sp)}}, sp));
  EXPECT_EQ(r.data.storage().get(), sp.get());
  EXPECT_EQ(json::serialize(r.data), R"({"orders":[1,2,3]})");
}

}  // namespace
