// The built plugin library: its descriptor, its registration, and its factory, loaded as the host loads it.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include "kingkung/plugin/plugin.hpp"
#include "live_test_support.hpp"

namespace kingkung::live {
namespace {

using namespace test;

class plugin_library {
 public:
  plugin_library() : handle_(::dlopen(KINGKUNG_LIVE_PLUGIN_FILE, RTLD_NOW | RTLD_LOCAL)) {}
  ~plugin_library() {
    if (handle_ != nullptr) ::dlclose(handle_);
  }
  plugin_library(const plugin_library&) = delete;
  plugin_library& operator=(const plugin_library&) = delete;

  bool loaded() const { return handle_ != nullptr; }
  const kingkung_plugin_descriptor* descriptor() const {
    auto entry = reinterpret_cast<kingkung_plugin_entry_fn>(::dlsym(handle_, KINGKUNG_PLUGIN_ENTRY_NAME));
    return entry != nullptr ? entry() : nullptr;
  }

 private:
  void* handle_;
};

class capture_registrar final : public plugin::registrar {
 public:
  plugin::result<void> add_transport(std::string_view name,
                                     plugin::transport_factory factory) noexcept override {
    names.emplace_back(name);
    this->factory = factory;
    return {};
  }
  plugin::result<void> add_market_module(std::string_view name,
                                         plugin::market_module_factory) noexcept override {
    names.emplace_back(name);
    return {};
  }
  std::vector<std::string> names;
  plugin::transport_factory factory = nullptr;
};

class fake_clock final : public plugin::clock {
 public:
  std::chrono::system_clock::time_point now() const noexcept override { return {}; }
};

class fake_context final : public plugin::host_context {
 public:
  explicit fake_context(map_config config) : config_(std::move(config)) {}
  plugin::logger& log() const noexcept override { return logger_; }
  const plugin::clock& time() const noexcept override { return clock_; }
  const plugin::config_view& config() const noexcept override { return config_; }
  std::string_view data_dir() const noexcept override { return "/nonexistent"; }

 private:
  map_config config_;
  mutable recording_logger logger_;
  fake_clock clock_;
};

TEST(LivePlugin, DescriptorNamesTiktokLiveTransport) {
  plugin_library lib;
  ASSERT_TRUE(lib.loaded()) << ::dlerror();
  const auto* d = lib.descriptor();
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->api_major, plugin::api_major);
  EXPECT_EQ(d->descriptor_size, sizeof(kingkung_plugin_descriptor));
  EXPECT_STREQ(d->id, "tiktok-live");
  EXPECT_EQ(d->kinds, static_cast<std::uint32_t>(plugin::kind_transport));
  EXPECT_STREQ(d->build_tag, KINGKUNG_PLUGIN_BUILD_TAG);
}

TEST(LivePlugin, ExportsOnlyTheEntryPoint) {
  plugin_library lib;
  ASSERT_TRUE(lib.loaded());
  void* handle = ::dlopen(KINGKUNG_LIVE_PLUGIN_FILE, RTLD_NOW | RTLD_NOLOAD);
  ASSERT_NE(handle, nullptr);
  EXPECT_EQ(::dlsym(handle, "_ZN8kingkung4live14live_transport6createENS0_11live_configEPNS_6plugin6loggerE"),
            nullptr);
  ::dlclose(handle);
}

TEST(LivePlugin, RegistersTransportNamedTiktokLive) {
  plugin_library lib;
  ASSERT_TRUE(lib.loaded());
  capture_registrar r;
  ASSERT_TRUE(lib.descriptor()->register_plugin(r).ok());
  ASSERT_EQ(r.names, std::vector<std::string>{"tiktok-live"});
}

TEST(LivePlugin, FactoryRefusesBadConfigNamingOriginAndKey) {
  plugin_library lib;
  ASSERT_TRUE(lib.loaded());
  capture_registrar r;
  ASSERT_TRUE(lib.descriptor()->register_plugin(r).ok());
  fake_context ctx(map_config{{"pool_max_per_host", std::int64_t{0}}});
  auto made = r.factory(ctx);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(made.err().message.find("test.toml [plugins.config.tiktok-live]: pool_max_per_host"),
            std::string::npos)
      << made.err().message;
}

TEST(LivePlugin, FactoryReportsUnreadableCaFileWithOrigin) {
  plugin_library lib;
  ASSERT_TRUE(lib.loaded());
  capture_registrar r;
  ASSERT_TRUE(lib.descriptor()->register_plugin(r).ok());
  fake_context ctx(map_config{{"ca_file", std::string("/nonexistent/ca.pem")}});
  auto made = r.factory(ctx);
  ASSERT_FALSE(made.ok());
  EXPECT_NE(made.err().message.find("test.toml [plugins.config.tiktok-live]: ca_file"), std::string::npos)
      << made.err().message;
}

TEST(LivePlugin, TransportFromFactoryCompletesARequest) {
  testkit::test_server server(tls_server(), testkit::echo_handler);
  plugin_library lib;
  ASSERT_TRUE(lib.loaded());
  capture_registrar r;
  ASSERT_TRUE(lib.descriptor()->register_plugin(r).ok());
  fake_context ctx(map_config{{"api_base_url", server.url()}, {"ca_file", shared_pki().ca_file}});
  auto made = r.factory(ctx);
  ASSERT_TRUE(made.ok()) << made.err().message;
  auto response = (*made)->send(get("/seller/202309/shops"));
  ASSERT_TRUE(response.ok()) << response.err().message;
  EXPECT_EQ(response->body, "GET /seller/202309/shops 0");
  EXPECT_NE((*made)->describe().find(server.url()), std::string::npos);
  made->reset();  // before the library is closed
}

}  // namespace
}  // namespace kingkung::live
