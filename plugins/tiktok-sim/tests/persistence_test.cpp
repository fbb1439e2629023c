// State survives a restart through the snapshot in the data folder; the snapshot holds no secrets.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::filesystem::path snapshot(harness& h) {
  return h.dir() / "tiktok-sim-state.json";
}

TEST(SimPersistence, ShippedPackagesStayShippedAfterARestart) {
  harness h;
  auto c = h.connect("demo-mx-local");
  auto made = h.control("POST", "orders", json::object{{"shop", "demo-mx-local"}});
  std::string id(made.obj().at("order_ids").as_array().at(0).as_string());
  std::string pkg(h.order(c, id).at("packages").as_array().at(0).as_object().at("id").as_string());
  ASSERT_EQ(h.api(c, "POST", "/fulfillment/202309/packages/" + pkg + "/ship", {}, json::object{}).code, 0);
  h.restart();
  EXPECT_EQ(h.order(c, id).at("status"), "AWAITING_COLLECTION");  // the token survived too
  EXPECT_EQ(h.api(c, "POST", "/fulfillment/202309/packages/" + pkg + "/ship", {}, json::object{}).code,
            21011040);
}

TEST(SimPersistence, SplitPackagesSurviveARestart) {
  harness h;
  auto mx = h.connect("demo-mx");
  auto made =
      h.control("POST", "orders", json::object{{"shop", "demo-mx"}, {"scenario", "must_split_total"}});
  std::string id(made.obj().at("order_ids").as_array().at(0).as_string());
  json::array groups;
  int n = 0;
  auto order = h.order(mx, id);
  for (const auto& l : order.at("line_items").as_array())
    groups.push_back(json::object{{"id", std::to_string(++n)},
                                  {"order_line_item_ids", json::array{l.as_object().at("id")}}});
  ASSERT_EQ(h.api(mx, "POST", "/fulfillment/202309/orders/" + id + "/split", {},
                  json::object{{"splittable_groups", groups}})
                .code,
            0);
  auto before = h.order(mx, id).at("packages");
  h.restart();
  EXPECT_EQ(h.order(mx, id).at("packages"), before);
}

TEST(SimPersistence, TheSimulatedClockSurvivesARestart) {
  harness h;
  h.advance(3600);
  auto before = h.engine().now();
  h.restart();
  EXPECT_EQ(h.engine().now(), before);
}

TEST(SimPersistence, DemoDataIsNotRegeneratedOnRestart) {
  harness h;
  auto c = h.connect("demo-us");
  auto before = h.all_orders(c);
  h.clock().set(start_time + 86400);  // a day later the generator would place orders differently
  h.restart();
  auto after = h.all_orders(c);
  ASSERT_EQ(before.size(), after.size());
  EXPECT_EQ(before.front().at("create_time"), after.front().at("create_time"));
}

TEST(SimPersistence, TheSnapshotHoldsNoTokenNoCodeAndNoSecret) {
  harness h;
  auto c = h.connect("demo-br");
  auto code = h.auth_code("demo-br");
  h.engine().flush();
  std::string text = read_file(snapshot(h));
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.find(c.access_token), std::string::npos);
  EXPECT_EQ(text.find(c.refresh_token), std::string::npos);
  EXPECT_EQ(text.find(code), std::string::npos);
  EXPECT_EQ(text.find(app_secret), std::string::npos);
}

// A long interval, so the background writer stays idle for the whole test.
kingkung::sim::settings written_behind(const std::filesystem::path& dir) {
  auto s = demo_settings(dir);
  s.persist_interval_ms = 60000;
  return s;
}

TEST(SimPersistence, AChangeIsWrittenBehindNotAtOnce) {
  temp_dir dir;
  harness h(written_behind(dir.path()));
  auto file = dir.path() / "tiktok-sim-state.json";
  std::string before = read_file(file);
  ASSERT_FALSE(before.empty());
  ASSERT_EQ(h.control("POST", "clock/advance", json::object{{"seconds", 5}}).code, 0);
  EXPECT_EQ(read_file(file), before);
  h.engine().flush();
  EXPECT_NE(read_file(file), before);
}

TEST(SimPersistence, AStopWritesWhatWasNotWrittenYet) {
  temp_dir dir;
  harness h(written_behind(dir.path()));
  h.advance(3600);
  auto later = h.engine().now();
  h.restart();
  EXPECT_EQ(h.engine().now(), later);
}

TEST(SimPersistence, ACorruptSnapshotIsRefusedWithTheFileNamed) {
  harness h;
  h.close();
  std::ofstream(snapshot(h)) << "{ not json";
  auto opened = kingkung::sim::engine::open(h.settings(), h.clock(), h.log());
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.err().message.find(snapshot(h).string()), std::string::npos) << opened.err().message;
  EXPECT_EQ(read_file(snapshot(h)), "{ not json");  // left as it was
}

TEST(SimPersistence, ASnapshotOfAnotherSeedIsRefused) {
  harness h;
  h.close();
  auto s = h.settings();
  s.seed = 9;
  auto opened = kingkung::sim::engine::open(s, h.clock(), h.log());
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.err().message.find("seed 42"), std::string::npos) << opened.err().message;
}

TEST(SimPersistence, AShopAddedToTheSettingsIsGeneratedNextToTheSavedOnes) {
  harness h;
  auto c = h.connect("demo-us");
  auto before = h.all_orders(c);
  h.close();
  kingkung::sim::shop_settings gb;
  gb.key = "demo-gb";
  gb.id = "7495540735365777599";
  gb.name = "Demo GB";
  gb.region = "GB";
  gb.seller_type = "LOCAL";
  gb.seller = "demo-gb";
  gb.orders = 5;
  h.settings().shops.push_back(gb);
  h.restart();
  EXPECT_EQ(h.all_orders(c).size(), before.size());
  auto gb_connection = h.connect("demo-gb");
  EXPECT_EQ(h.all_orders(gb_connection).size(), 5u);
}

}  // namespace
