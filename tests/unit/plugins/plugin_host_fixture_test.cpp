// The plugin host against real fixture libraries (tests/plugins), one per handshake rule.
#include <dlfcn.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kingkung/plugins/plugin_host.hpp"

namespace {

namespace fs = std::filesystem;
using kingkung::plugins::load_status;
using kingkung::plugins::plugin_host;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

fs::path fixture(std::string_view id) {
  return fs::path(KINGKUNG_FIXTURE_PLUGIN_DIR) / ("lib" + std::string(id) + ".so");
}

const std::string host_tag = KINGKUNG_PLUGIN_BUILD_TAG;
const std::string host_version =
    std::to_string(kingkung::plugin::api_major) + "." + std::to_string(kingkung::plugin::api_minor);

// Whether the dynamic loader holds the library now. RTLD_NOLOAD never loads; the handle it returns
// counts as a reference, so it is closed again at once.
bool is_loaded(const fs::path& file) {
  void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle == nullptr) return false;
  ::dlclose(handle);
  return true;
}

class scratch_dir {
 public:
  scratch_dir() : path_(fs::temp_directory_path() / ("kingkung-plugin-test-" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~scratch_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

kingkung::plugin::http_request echo_request() {
  kingkung::plugin::http_request request;
  request.method = "POST";
  request.target = "/order/202309/orders/search?page_size=20";
  request.body = R"({"order_status":"AWAITING_SHIPMENT"})";
  return request;
}

TEST(PluginHostFixtures, GoodPluginLoadsWithItsDescriptorAndComponents) {
  plugin_host host;
  auto report = host.load_file(fixture("fixture-good"));

  EXPECT_EQ(report.status, load_status::loaded) << report.reason;
  EXPECT_THAT(report.reason, IsEmpty());
  EXPECT_EQ(report.plugin_id, "fixture-good");
  ASSERT_TRUE(report.descriptor.has_value());
  EXPECT_EQ(report.descriptor->version, "1.2.3");
  EXPECT_EQ(report.descriptor->build_tag, host_tag);
  EXPECT_THAT(report.transports, ElementsAre("fixture-echo"));
  EXPECT_THAT(report.market_modules, ElementsAre("fixture-module"));
  EXPECT_THAT(host.transports(), ElementsAre("fixture-echo"));
  EXPECT_THAT(host.market_modules(), ElementsAre("fixture-module"));
}

TEST(PluginHostFixtures, GoodPluginMakesAWorkingTransport) {
  plugin_host host;
  ASSERT_EQ(host.load_file(fixture("fixture-good")).status, load_status::loaded);

  auto transport = host.make_transport("fixture-echo");
  ASSERT_TRUE(transport.ok()) << transport.err().message;
  auto request = echo_request();
  auto response = (*transport)->send(request);

  ASSERT_TRUE(response.ok()) << response.err().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, request.body);
  ASSERT_EQ(response->headers.size(), 2u);
  EXPECT_EQ(response->headers[1].value, request.target);
}

TEST(PluginHostFixtures, GoodPluginMakesAMarketModuleForTheGivenShop) {
  plugin_host host;
  ASSERT_EQ(host.load_file(fixture("fixture-good")).status, load_status::loaded);

  auto module = host.make_market_module("fixture-module", "7495112233", nullptr);
  ASSERT_TRUE(module.ok()) << module.err().message;

  struct no_api final : kingkung::plugin::shop_api {
    std::string_view shop_id() const noexcept override { return "7495112233"; }
    std::string_view region() const noexcept override { return "MX"; }
    std::string_view seller_type() const noexcept override { return "CROSS_BORDER"; }
    kingkung::plugin::result<std::string> call(std::string_view, std::string_view,
                                               std::vector<kingkung::plugin::query_param>,
                                               std::string) override {
      return kingkung::plugin::make_error(kingkung::plugin::errc::unsupported, "no calls in this test");
    }
    kingkung::plugin::result<std::optional<std::string>> load_state(std::string_view) override {
      return std::optional<std::string>();
    }
    kingkung::plugin::result<void> save_state(std::string_view, std::string_view) override { return {}; }
  } api;
  auto outcome = (*module)->run_action("split.confirm", {}, {}, api);
  ASSERT_FALSE(outcome.ok());
  EXPECT_THAT(outcome.err().message, HasSubstr("for shop 7495112233"));
}

TEST(PluginHostFixtures, WrongBuildTagIsRefusedNamingBothTags) {
  plugin_host host;
  auto report = host.load_file(fixture("fixture-wrong-build-tag"));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "build tag: expected \"" + host_tag + "\", found \"clang-99/libc++-1/api-1\"");
  EXPECT_THAT(host.transports(), IsEmpty());
}

TEST(PluginHostFixtures, OtherApiMajorIsRefusedNamingBothMajors) {
  plugin_host host;
  auto report = host.load_file(fixture("fixture-other-major"));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason,
            "API major: expected " + std::to_string(kingkung::plugin::api_major) + ", found 2");
  ASSERT_TRUE(report.descriptor.has_value());
  EXPECT_EQ(report.descriptor->api_major, 2u);
  EXPECT_THAT(report.descriptor->id, IsEmpty()) << "fields after the first three must not be read";
}

TEST(PluginHostFixtures, NewerApiMinorIsRefusedNamingBothVersions) {
  plugin_host host;
  auto report = host.load_file(fixture("fixture-newer-minor"));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "API minor: plugin needs 1.99, host provides " + host_version);
  EXPECT_THAT(host.transports(), IsEmpty());
}

TEST(PluginHostFixtures, LibraryWithoutEntryPointIsRefused) {
  plugin_host host;
  auto report = host.load_file(fixture("fixture-no-entry"));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(
      report.reason,
      "no entry point kingkung_plugin_entry: not a KingKung plugin, or built without KINGKUNG_PLUGIN(...)");
  EXPECT_FALSE(report.descriptor.has_value());
}

TEST(PluginHostFixtures, EntryPointReturningNoDescriptorIsRefused) {
  plugin_host host;
  auto report = host.load_file(fixture("fixture-null-descriptor"));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "descriptor: expected a descriptor from kingkung_plugin_entry, found null");
}

TEST(PluginHostFixtures, SecondLibraryWithTheSameIdIsRefusedNamingTheFirstFile) {
  plugin_host host;
  ASSERT_EQ(host.load_file(fixture("fixture-good")).status, load_status::loaded);
  auto report = host.load_file(fixture("fixture-duplicate-id"));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason,
            "duplicate plugin id \"fixture-good\": already loaded from " + fixture("fixture-good").string());
  EXPECT_THAT(host.transports(), ElementsAre("fixture-echo"));
}

TEST(PluginHostFixtures, RegisterReturningAnErrorIsRefusedWithItsMessage) {
  plugin_host host;
  auto report = host.load_file(fixture("fixture-register-fails"));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "register failed: fixture licence file is missing");
  EXPECT_THAT(report.transports, IsEmpty());
  EXPECT_THAT(host.transports(), Not(::testing::Contains("fixture-rolled-back")));
}

TEST(PluginHostFixtures, RegisterThrowingIsRefusedWithTheExceptionText) {
  plugin_host host;
  auto report = host.load_file(fixture("fixture-register-throws"));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "register threw: fixture register exploded");
  EXPECT_THAT(host.transports(), Not(::testing::Contains("fixture-thrown-away")));
}

TEST(PluginHostFixtures, MissingFileIsReportedAsMissing) {
  plugin_host host;
  const auto file = fixture("fixture-not-built");
  auto report = host.load_file(file);

  EXPECT_EQ(report.status, load_status::missing);
  EXPECT_EQ(report.reason, "no such file: " + file.string());
}

TEST(PluginHostFixtures, TextFileIsRefusedAsNotASharedLibrary) {
  scratch_dir dir;
  const auto file = dir.path() / "libnotes.so";
  std::ofstream(file) << "these are release notes, not a library\n";
  plugin_host host;
  auto report = host.load_file(file);

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "not a shared library: " + file.string() + " (no ELF header)");
}

TEST(PluginHostFixtures, DirectoryIsRefusedAsNotARegularFile) {
  scratch_dir dir;
  plugin_host host;
  auto report = host.load_file(dir.path());

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "not a regular file: " + dir.path().string() + " (a directory)");
}

TEST(PluginHostFixtures, RefusedPluginIsUnloaded) {
  plugin_host host;
  ASSERT_EQ(host.load_file(fixture("fixture-register-fails")).status, load_status::refused);

  EXPECT_FALSE(is_loaded(fixture("fixture-register-fails")));
}

TEST(PluginHostFixtures, HostKeepsEveryReportInOrder) {
  plugin_host host;
  (void)host.load_file(fixture("fixture-good"));
  (void)host.load_file(fixture("fixture-other-major"));

  ASSERT_EQ(host.reports().size(), 2u);
  EXPECT_EQ(host.reports()[0].status, load_status::loaded);
  EXPECT_EQ(host.reports()[1].status, load_status::refused);
}

TEST(PluginHostLifetime, TransportKeepsItsLibraryLoadedAfterTheHostIsDestroyed) {
  std::shared_ptr<kingkung::plugin::transport> transport;
  {
    plugin_host host;
    ASSERT_EQ(host.load_file(fixture("fixture-good")).status, load_status::loaded);
    auto made = host.make_transport("fixture-echo");
    ASSERT_TRUE(made.ok()) << made.err().message;
    transport = *made;
  }
  ASSERT_TRUE(is_loaded(fixture("fixture-good")));

  auto response = transport->send(echo_request());
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->body, echo_request().body);
}

TEST(PluginHostLifetime, LastObjectReleasedUnloadsTheLibrary) {
  std::shared_ptr<kingkung::plugin::transport> transport;
  {
    plugin_host host;
    ASSERT_EQ(host.load_file(fixture("fixture-good")).status, load_status::loaded);
    transport = *host.make_transport("fixture-echo");
  }
  transport.reset();

  EXPECT_FALSE(is_loaded(fixture("fixture-good")));
}

TEST(PluginHostLifetime, HostDestroyedWithoutObjectsUnloadsTheLibrary) {
  {
    plugin_host host;
    ASSERT_EQ(host.load_file(fixture("fixture-good")).status, load_status::loaded);
    ASSERT_TRUE(is_loaded(fixture("fixture-good")));
  }
  EXPECT_FALSE(is_loaded(fixture("fixture-good")));
}

TEST(PluginHostConfigured, ReportsEveryIdInOrderAndCarriesOnPastFailures) {
  plugin_host host;
  const fs::path dir = KINGKUNG_FIXTURE_PLUGIN_DIR;
  auto reports = host.load_configured(dir, {"fixture-not-built", "fixture-wrong-build-tag", "fixture-good"});

  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[0].plugin_id, "fixture-not-built");
  EXPECT_EQ(reports[0].status, load_status::missing);
  EXPECT_EQ(reports[0].reason, "no such file: " + (dir / "libfixture-not-built.so").string());
  EXPECT_EQ(reports[1].status, load_status::refused);
  EXPECT_THAT(reports[1].reason, HasSubstr("build tag: "));
  EXPECT_EQ(reports[2].status, load_status::loaded);
  EXPECT_THAT(host.transports(), ElementsAre("fixture-echo"));
}

TEST(PluginHostConfigured, FileDeclaringAnotherIdIsRefused) {
  plugin_host host;
  auto reports = host.load_configured(KINGKUNG_FIXTURE_PLUGIN_DIR, {"fixture-duplicate-id"});

  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].status, load_status::refused);
  EXPECT_EQ(reports[0].reason,
            "plugin id: expected \"fixture-duplicate-id\" (the configured id, libfixture-duplicate-id.so), "
            "found \"fixture-good\"");
}

TEST(PluginHostConfigured, ConfiguredIdThatIsNotAnIdNeverBecomesAPath) {
  plugin_host host;
  auto reports = host.load_configured(KINGKUNG_FIXTURE_PLUGIN_DIR, {"../plugins/fixture-good"});

  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].status, load_status::refused);
  EXPECT_EQ(
      reports[0].reason,
      "plugin id: expected 1 to 64 characters of [a-z0-9-] in the config, found \"../plugins/fixture-good\"");
  EXPECT_TRUE(reports[0].file.empty());
  EXPECT_THAT(host.transports(), IsEmpty());
}

TEST(PluginHostInspect, GoodPluginWouldLoadAndListsItsComponents) {
  auto report = plugin_host::inspect(fixture("fixture-good"));

  EXPECT_EQ(report.status, load_status::loaded) << report.reason;
  EXPECT_EQ(report.plugin_id, "fixture-good");
  EXPECT_THAT(report.transports, ElementsAre("fixture-echo"));
  EXPECT_THAT(report.market_modules, ElementsAre("fixture-module"));
}

TEST(PluginHostInspect, ReportsTheDescriptorOfARefusedPlugin) {
  auto report = plugin_host::inspect(fixture("fixture-wrong-build-tag"));

  EXPECT_EQ(report.status, load_status::refused);
  ASSERT_TRUE(report.descriptor.has_value());
  EXPECT_EQ(report.descriptor->id, "fixture-wrong-build-tag");
  EXPECT_EQ(report.descriptor->build_tag, "clang-99/libc++-1/api-1");
}

TEST(PluginHostInspect, RunsRegistrationSoAFailingRegisterWouldBeRefused) {
  auto report = plugin_host::inspect(fixture("fixture-register-fails"));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "register failed: fixture licence file is missing");
}

TEST(PluginHostDefaults, DefaultPluginDirIsTheBuildsPluginFolderBesideBin) {
  // The test executable lives in <build>/bin, like the hosts; the build's plugins go to <build>/plugins.
  const fs::path build_plugins = KINGKUNG_PLUGIN_DIR;
  fs::create_directories(build_plugins);

  EXPECT_EQ(fs::weakly_canonical(plugin_host::default_plugin_dir()), fs::weakly_canonical(build_plugins));
}

}  // namespace
