// Plugin and module config tables as the plugins see them: a read-only config_view.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "kingkung/config/value_table.hpp"

namespace kingkung::config {
namespace {

using ::testing::ElementsAre;
using testing::load_text;
using testing::minimal_config;
using testing::temp_dir;

TEST(ConfigPluginView, PlainValuesReachThePluginWithTheirTypes) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[plugins]
load = ["tiktok-sim"]

[plugins.config.tiktok-sim]
app_key = "kk-demo-app"
orders_per_shop = 40
failure_rate = 0.25
strict_signatures = true
regions = ["MX", "BR"]
[plugins.config.tiktok-sim.limits]
max_page_size = 50
)"));
  ASSERT_TRUE(result.ok()) << result.message();
  auto view = result.config->plugins.plugin_config.at("tiktok-sim");
  ASSERT_NE(view, nullptr);
  EXPECT_EQ(view->get_string("app_key"), "kk-demo-app");
  EXPECT_EQ(view->get_int("orders_per_shop"), 40);
  EXPECT_EQ(view->get_double("failure_rate"), 0.25);
  EXPECT_EQ(view->get_bool("strict_signatures"), true);
  EXPECT_EQ(view->get_strings("regions"), (std::vector<std::string>{"MX", "BR"}));
  EXPECT_EQ(view->get_int("limits.max_page_size"), 50);
  EXPECT_THAT(view->keys(), ElementsAre("app_key", "failure_rate", "limits", "orders_per_shop", "regions",
                                        "strict_signatures"));
  EXPECT_EQ(view->origin(), (dir.path() / "kingkung.toml").string() + " [plugins.config.tiktok-sim]");
}

TEST(ConfigPluginView, FileAndDirValuesAreResolvedAgainstTheConfigFolder) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[plugins]
load = ["tiktok-sim"]
[plugins.config.tiktok-sim]
app_secret_file = "../var/demo-app-secret"
data_dir = "/srv/sim"
label = "../not-a-path"
)"));
  ASSERT_TRUE(result.ok()) << result.message();
  auto view = result.config->plugins.plugin_config.at("tiktok-sim");
  EXPECT_EQ(view->get_string("app_secret_file"),
            (dir.path() / "../var/demo-app-secret").lexically_normal().string());
  EXPECT_EQ(view->get_string("data_dir"), "/srv/sim");
  EXPECT_EQ(view->get_string("label"), "../not-a-path");
}

TEST(ConfigPluginView, MarketModuleTablesBecomeViewsPerMarket) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[markets.BR]
modules = ["br-invoice"]
[markets.BR.br-invoice]
require_cnpj = true
)"));
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& market = result.config->markets.at("BR");
  auto view = market.module_config.at("br-invoice");
  EXPECT_EQ(view->get_bool("require_cnpj"), true);
  EXPECT_EQ(view->origin(), (dir.path() / "kingkung.toml").string() + " [markets.BR.br-invoice]");
}

TEST(ConfigValueTable, AnswersOnlyForTheStoredType) {
  value_table t("test", {{"n", std::int64_t{7}}, {"s", std::string("x")}});
  EXPECT_EQ(t.get_int("n"), 7);
  EXPECT_EQ(t.get_double("n"), 7.0);
  EXPECT_EQ(t.get_string("n"), std::nullopt);
  EXPECT_EQ(t.get_int("s"), std::nullopt);
  EXPECT_EQ(t.get_bool("missing"), std::nullopt);
}

TEST(ConfigValueTable, DottedKeysWalkIntoSubTables) {
  auto inner = std::make_shared<const value_table>(
      "inner", std::map<std::string, value_table::value>{{"c", std::string("deep")}});
  auto middle =
      std::make_shared<const value_table>("middle", std::map<std::string, value_table::value>{{"b", inner}});
  value_table outer("outer", {{"a", middle}, {"x.y", std::string("literal dotted key")}});
  EXPECT_EQ(outer.get_string("a.b.c"), "deep");
  EXPECT_EQ(outer.get_string("x.y"), "literal dotted key");
  EXPECT_EQ(outer.get_string("a.b.missing"), std::nullopt);
  EXPECT_EQ(outer.get_string("a.b"), std::nullopt);
}

TEST(ConfigValueTable, EmptyTableHasNoKeys) {
  auto t = value_table::empty("none");
  EXPECT_TRUE(t->keys().empty());
  EXPECT_EQ(t->origin(), "none");
}

}  // namespace
}  // namespace kingkung::config
