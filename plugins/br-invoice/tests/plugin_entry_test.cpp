// The built libbr-invoice.so: its descriptor, its registration and the module its factory makes.
#include <dlfcn.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kingkung/plugin/plugin.hpp"
#include "module_fakes.hpp"

namespace kingkung::br {
namespace {

class recording_registrar final : public plugin::registrar {
 public:
  plugin::result<void> add_transport(std::string_view name, plugin::transport_factory) noexcept override {
    transports.emplace_back(name);
    return {};
  }
  plugin::result<void> add_market_module(std::string_view name,
                                         plugin::market_module_factory factory) noexcept override {
    modules.emplace_back(name);
    module_factory = factory;
    return {};
  }
  std::vector<std::string> transports;
  std::vector<std::string> modules;
  plugin::market_module_factory module_factory = nullptr;
};

class BrPluginEntry : public ::testing::Test {
 protected:
  void SetUp() override {
    handle = ::dlopen(KINGKUNG_BR_PLUGIN_FILE, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(handle, nullptr) << ::dlerror();
    auto entry = reinterpret_cast<kingkung_plugin_entry_fn>(::dlsym(handle, KINGKUNG_PLUGIN_ENTRY_NAME));
    ASSERT_NE(entry, nullptr);
    descriptor = entry();
    ASSERT_NE(descriptor, nullptr);
  }
  void TearDown() override {
    if (handle) ::dlclose(handle);
  }

  void* handle = nullptr;
  const kingkung_plugin_descriptor* descriptor = nullptr;
};

TEST_F(BrPluginEntry, DescribesAMarketModuleNamedBrInvoice) {
  EXPECT_STREQ(descriptor->id, "br-invoice");
  EXPECT_EQ(descriptor->kinds, plugin::kind_market_module);
  EXPECT_EQ(descriptor->api_major, plugin::api_major);
  EXPECT_EQ(descriptor->descriptor_size, sizeof(kingkung_plugin_descriptor));
  EXPECT_STREQ(descriptor->build_tag, KINGKUNG_PLUGIN_BUILD_TAG);
}

TEST_F(BrPluginEntry, RegistersOneMarketModuleWhoseFactoryMakesTheModule) {
  recording_registrar r;
  ASSERT_TRUE(descriptor->register_plugin(r));
  EXPECT_TRUE(r.transports.empty());
  ASSERT_EQ(r.modules, std::vector<std::string>{"br-invoice"});
  test::fake_context ctx;
  auto made = r.module_factory(ctx, "7496002287415330818");
  ASSERT_TRUE(made) << made.err().message;
  EXPECT_EQ(made.value()->capabilities(),
            plugin::capability_invoice_handling | plugin::capability_ship_gating);
}

TEST_F(BrPluginEntry, TheFactoryRefusesABadConfigTable) {
  recording_registrar r;
  ASSERT_TRUE(descriptor->register_plugin(r));
  test::fake_context ctx;
  ctx.table.strings["cnpj"] = "123";
  auto made = r.module_factory(ctx, "7496002287415330818");
  ASSERT_FALSE(made);
  EXPECT_EQ(made.err().code, plugin::errc::invalid_argument);
}

}  // namespace
}  // namespace kingkung::br
