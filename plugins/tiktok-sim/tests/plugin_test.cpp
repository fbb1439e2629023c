// The plugin library end to end: its descriptor, its registration and its transport, loaded with
// dlopen as the host loads it.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <fstream>

#include "kingkung/plugin/plugin.hpp"
#include "kingkung/sim/signer.hpp"
#include "sim_test_support.hpp"

namespace {

using namespace simtest;
namespace plugin = kingkung::plugin;

class fake_registrar final : public plugin::registrar {
 public:
  plugin::result<void> add_transport(std::string_view name, plugin::transport_factory f) noexcept override {
    transports.emplace_back(std::string(name), f);
    return {};
  }
  plugin::result<void> add_market_module(std::string_view, plugin::market_module_factory) noexcept override {
    return plugin::make_error(plugin::errc::unsupported, "no modules expected");
  }
  std::vector<std::pair<std::string, plugin::transport_factory>> transports;
};

class fake_context final : public plugin::host_context {
 public:
  fake_context(const map_config& c, std::string dir) : config_(c), dir_(std::move(dir)) {}
  plugin::logger& log() const noexcept override { return log_; }
  const plugin::clock& time() const noexcept override { return clock_; }
  const plugin::config_view& config() const noexcept override { return config_; }
  std::string_view data_dir() const noexcept override { return dir_; }
  manual_clock& clock() { return clock_; }

 private:
  const map_config& config_;
  std::string dir_;
  mutable capture_logger log_;
  manual_clock clock_;
};

class SimPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    library = ::dlopen(KINGKUNG_SIM_PLUGIN_FILE, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(library, nullptr) << ::dlerror();
    auto entry = reinterpret_cast<kingkung_plugin_entry_fn>(::dlsym(library, KINGKUNG_PLUGIN_ENTRY_NAME));
    ASSERT_NE(entry, nullptr);
    descriptor = entry();
    std::ofstream(dir.path() / "secret") << std::string(app_secret);
    config.strings["app_key"] = std::string(app_key);
    config.strings["app_secret_file"] = (dir.path() / "secret").string();
    config.lists["shops"] = {"demo-us"};
    config.strings["shop.demo-us.id"] = "7495540735365777510";
    config.strings["shop.demo-us.region"] = "US";
    config.ints["shop.demo-us.orders"] = 10;
  }
  void TearDown() override {
    if (library) ::dlclose(library);
  }

  void* library = nullptr;
  const kingkung_plugin_descriptor* descriptor = nullptr;
  temp_dir dir;
  map_config config;
};

TEST_F(SimPlugin, DescriptorDeclaresTheTiktokSimTransport) {
  EXPECT_STREQ(descriptor->id, "tiktok-sim");
  EXPECT_EQ(descriptor->kinds, static_cast<std::uint32_t>(plugin::kind_transport));
  EXPECT_EQ(descriptor->api_major, plugin::api_major);
  EXPECT_STREQ(descriptor->build_tag, KINGKUNG_PLUGIN_BUILD_TAG);
  EXPECT_EQ(descriptor->descriptor_size, sizeof(kingkung_plugin_descriptor));
}

TEST_F(SimPlugin, RegistersOneTransportNamedTiktokSim) {
  fake_registrar r;
  ASSERT_TRUE(descriptor->register_plugin(r).ok());
  ASSERT_EQ(r.transports.size(), 1u);
  EXPECT_EQ(r.transports[0].first, "tiktok-sim");
}

TEST_F(SimPlugin, TheTransportAnswersAuthorizeAndTokenRequestsInProcess) {
  fake_registrar r;
  ASSERT_TRUE(descriptor->register_plugin(r).ok());
  fake_context ctx(config, dir.path().string());
  auto transport = r.transports[0].second(ctx);
  ASSERT_TRUE(transport.ok()) << transport.err().message;

  plugin::http_request authorize;
  authorize.method = "POST";
  authorize.target = "/__sim/authorize";
  authorize.headers = {{"content-type", "application/json"}};
  authorize.body = R"({"shop":"demo-us"})";
  auto code_reply = (*transport)->send(authorize);
  ASSERT_TRUE(code_reply.ok());
  auto code = parse_response(*code_reply);
  ASSERT_EQ(code.code, 0) << code.message;

  plugin::http_request token;
  token.method = "GET";
  token.host = plugin::host_kind::auth;
  token.target = "/api/v2/token/get?app_key=" + std::string(app_key) +
                 "&app_secret=" + percent_encode(app_secret) +
                 "&auth_code=" + percent_encode(std::string(code.obj().at("code").as_string())) +
                 "&grant_type=authorized_code";
  auto token_reply = (*transport)->send(token);
  ASSERT_TRUE(token_reply.ok());
  EXPECT_EQ(parse_response(*token_reply).code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "tiktok-sim-state.json"));
  EXPECT_NE((*transport)->describe().find("demo-us (US LOCAL)"), std::string::npos);
}

TEST_F(SimPlugin, TransportsOfOneDataFolderShareOneSimulatedPlatform) {
  fake_registrar r;
  ASSERT_TRUE(descriptor->register_plugin(r).ok());
  fake_context ctx(config, dir.path().string());
  auto first = r.transports[0].second(ctx);
  auto second = r.transports[0].second(ctx);
  ASSERT_TRUE(first.ok() && second.ok());
  plugin::http_request advance;
  advance.method = "POST";
  advance.target = "/__sim/clock/advance";
  advance.body = R"({"seconds":100})";
  ASSERT_EQ(parse_response(*(*first)->send(advance)).code, 0);
  plugin::http_request clock;
  clock.method = "GET";
  clock.target = "/__sim/clock";
  auto seen = parse_response(*(*second)->send(clock));
  EXPECT_EQ(seen.obj().at("offset").as_int64(), 100);
}

TEST_F(SimPlugin, ABadConfigIsReportedByTheFactory) {
  config.strings["shop.demo-us.region"] = "ZZ";
  fake_registrar r;
  ASSERT_TRUE(descriptor->register_plugin(r).ok());
  fake_context ctx(config, dir.path().string());
  auto transport = r.transports[0].second(ctx);
  ASSERT_FALSE(transport.ok());
  EXPECT_EQ(transport.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(transport.err().message.find("shop.demo-us.region"), std::string::npos);
}

}  // namespace
