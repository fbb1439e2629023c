// The built libmx-split.so: its descriptor and what it registers.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kingkung/plugin/plugin.hpp"
#include "module_fakes.hpp"

namespace kingkung::mx {
namespace {

class recording_registrar final : public plugin::registrar {
 public:
  plugin::result<void> add_transport(std::string_view name, plugin::transport_factory) noexcept override {
    transports.emplace_back(name);
    return {};
  }
  plugin::result<void> add_market_module(std::string_view name,
                                         plugin::market_module_factory f) noexcept override {
    modules.emplace_back(name);
    factory = f;
    return {};
  }
  std::vector<std::string> transports, modules;
  plugin::market_module_factory factory = nullptr;
};

class MxSplitPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    handle = dlopen(KINGKUNG_MX_SPLIT_PLUGIN_FILE, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(handle, nullptr) << dlerror();
    auto entry = reinterpret_cast<kingkung_plugin_entry_fn>(dlsym(handle, KINGKUNG_PLUGIN_ENTRY_NAME));
    ASSERT_NE(entry, nullptr);
    descriptor = entry();
    ASSERT_NE(descriptor, nullptr);
  }
  void TearDown() override {
    if (handle) dlclose(handle);
  }
  void* handle = nullptr;
  const kingkung_plugin_descriptor* descriptor = nullptr;
};

TEST_F(MxSplitPlugin, DescribesItselfAsTheMxSplitMarketModule) {
  EXPECT_STREQ(descriptor->id, "mx-split");
  EXPECT_EQ(descriptor->kinds, plugin::kind_market_module);
  EXPECT_EQ(descriptor->api_major, plugin::api_major);
  EXPECT_LE(descriptor->api_minor, plugin::api_minor);
  EXPECT_STREQ(descriptor->build_tag, KINGKUNG_PLUGIN_BUILD_TAG);
}

TEST_F(MxSplitPlugin, RegistersOneMarketModuleWhoseFactoryWorks) {
  recording_registrar r;
  ASSERT_TRUE(descriptor->register_plugin(r).ok());
  EXPECT_TRUE(r.transports.empty());
  ASSERT_EQ(r.modules, (std::vector<std::string>{"mx-split"}));
  testing::fake_context ctx;
  auto made = r.factory(ctx, "7495610013482590221");
  ASSERT_TRUE(made.ok()) << made.err().message;
  EXPECT_EQ(made.value()->capabilities(), plugin::capability_split_planning | plugin::capability_ship_gating);
}

TEST_F(MxSplitPlugin, ExportsOnlyTheEntryPoint) {
  EXPECT_EQ(dlsym(handle, "_ZN8kingkung2mx10plan_splitERKNS0_13split_requestE"), nullptr);
}

}  // namespace
}  // namespace kingkung::mx
