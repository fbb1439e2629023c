// The plugin host with in-process fake plugins: the same checks and registrar as libraries get.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "kingkung/log/log.hpp"
#include "kingkung/plugins/plugin_host.hpp"

namespace {

namespace fs = std::filesystem;
namespace kp = kingkung::plugin;
using kingkung::plugins::host_services;
using kingkung::plugins::load_status;
using kingkung::plugins::plugin_host;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

kingkung_plugin_descriptor descriptor_for(const char* id, kp::register_function reg,
                                          std::uint32_t kinds = kp::kind_transport) {
  return {kp::api_major,    kp::api_minor, sizeof(kingkung_plugin_descriptor), id,
          "0.4.0",          kinds,         KINGKUNG_PLUGIN_BUILD_TAG,          reg,
          "in-process fake"};
}

// A transport that reports what its host context holds and logs every request.
class context_probe final : public kp::transport {
 public:
  explicit context_probe(const kp::host_context& ctx) : ctx_(ctx) {}
  kp::result<kp::http_response> send(const kp::http_request& request) noexcept override {
    ctx_.log().log(kp::log_level::info, "sent " + request.method + " " + request.target);
    kp::http_response response;
    response.status = 200;
    response.body = std::to_string(ctx_.time().now().time_since_epoch() / std::chrono::seconds(1));
    return response;
  }
  std::string describe() const override {
    return "data_dir=" + std::string(ctx_.data_dir()) +
           " mode=" + ctx_.config().get_string("mode").value_or("-") +
           " keys=" + std::to_string(ctx_.config().keys().size()) + " origin=" + ctx_.config().origin();
  }

 private:
  const kp::host_context& ctx_;
};

class named_transport final : public kp::transport {
 public:
  explicit named_transport(std::string name) : name_(std::move(name)) {}
  kp::result<kp::http_response> send(const kp::http_request&) noexcept override {
    return kp::http_response{};
  }
  std::string describe() const override { return name_; }

 private:
  std::string name_;
};

// A module whose only action reports its shop and one config value.
class probe_module final : public kp::market_module {
 public:
  probe_module(const kp::host_context& ctx, std::string shop_id) : ctx_(ctx), shop_id_(std::move(shop_id)) {}
  std::uint32_t capabilities() const noexcept override { return kp::capability_ship_gating; }
  std::vector<kp::action_spec> actions() const override { return {}; }
  kp::result<kp::action_state> action_state_for(std::string_view, const kp::order_view&) noexcept override {
    return kp::action_state{};
  }
  kp::result<kp::ship_gate> check_ship(const kp::order_view&, kp::shop_api&) noexcept override {
    return kp::ship_gate{};
  }
  kp::result<kp::action_outcome> run_action(std::string_view, const kp::order_view&, const kp::action_input&,
                                            kp::shop_api&) noexcept override {
    return kp::action_outcome{"shop " + shop_id_ + " threshold " +
                                  std::to_string(ctx_.config().get_int("threshold").value_or(-1)) + " from " +
                                  ctx_.config().origin(),
                              "{}"};
  }
  kp::result<void> on_order_changed(const kp::order_view&, kp::shop_api&) noexcept override { return {}; }
  kp::result<void> on_event(int, std::string_view, kp::shop_api&) noexcept override { return {}; }

 private:
  const kp::host_context& ctx_;
  std::string shop_id_;
};

struct null_shop_api final : kp::shop_api {
  std::string_view shop_id() const noexcept override { return "shop-42"; }
  std::string_view region() const noexcept override { return "BR"; }
  std::string_view seller_type() const noexcept override { return "LOCAL"; }
  kp::result<std::string> call(std::string_view, std::string_view, std::vector<kp::query_param>,
                               std::string) override {
    return kp::make_error(kp::errc::unsupported, "no calls in this test");
  }
  kp::result<std::optional<std::string>> load_state(std::string_view) override {
    return std::optional<std::string>();
  }
  kp::result<void> save_state(std::string_view, std::string_view) override { return {}; }
};

class map_config final : public kp::config_view {
 public:
  map_config(std::map<std::string, std::string> values, std::string origin)
      : values_(std::move(values)), origin_(std::move(origin)) {}
  std::optional<std::string> get_string(std::string_view key) const override {
    auto it = values_.find(std::string(key));
    return it == values_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  std::optional<std::int64_t> get_int(std::string_view key) const override {
    auto text = get_string(key);
    return text ? std::optional<std::int64_t>(std::stoll(*text)) : std::nullopt;
  }
  std::optional<double> get_double(std::string_view) const override { return std::nullopt; }
  std::optional<bool> get_bool(std::string_view) const override { return std::nullopt; }
  std::optional<std::vector<std::string>> get_strings(std::string_view) const override {
    return std::nullopt;
  }
  std::vector<std::string> keys() const override {
    std::vector<std::string> out;
    for (const auto& [k, v] : values_) out.push_back(k);
    return out;
  }
  std::string origin() const override { return origin_; }

 private:
  std::map<std::string, std::string> values_;
  std::string origin_;
};

class fixed_clock final : public kp::clock {
 public:
  explicit fixed_clock(std::chrono::system_clock::time_point at) : at_(at) {}
  std::chrono::system_clock::time_point now() const noexcept override { return at_; }

 private:
  std::chrono::system_clock::time_point at_;
};

class captured_log {
 public:
  captured_log() {
    kingkung::log::set_sink([this](std::string_view line) {
      std::lock_guard lock(mutex_);
      lines_.emplace_back(line);
    });
  }
  ~captured_log() { kingkung::log::set_sink(nullptr); }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

kp::result<std::unique_ptr<kp::transport>> make_probe(const kp::host_context& ctx) {
  return std::unique_ptr<kp::transport>(std::make_unique<context_probe>(ctx));
}
kp::result<std::unique_ptr<kp::transport>> make_named_a(const kp::host_context&) {
  return std::unique_ptr<kp::transport>(std::make_unique<named_transport>("made by fake-a"));
}
kp::result<std::unique_ptr<kp::transport>> make_named_b(const kp::host_context&) {
  return std::unique_ptr<kp::transport>(std::make_unique<named_transport>("made by fake-b"));
}
kp::result<std::unique_ptr<kp::transport>> make_failing(const kp::host_context&) {
  return kp::make_error(kp::errc::unavailable, "base_url is not reachable");
}
kp::result<std::unique_ptr<kp::transport>> make_throwing(const kp::host_context&) {
  throw std::runtime_error("factory blew up");
}
kp::result<std::unique_ptr<kp::transport>> make_nothing(const kp::host_context&) {
  return std::unique_ptr<kp::transport>();
}
kp::result<std::unique_ptr<kp::market_module>> make_probe_module(const kp::host_context& ctx,
                                                                 std::string_view shop_id) {
  return std::unique_ptr<kp::market_module>(std::make_unique<probe_module>(ctx, std::string(shop_id)));
}

kp::result<void> register_probe(kp::registrar& r) {
  return r.add_transport("probe", &make_probe);
}
kp::result<void> register_probe_module(kp::registrar& r) {
  return r.add_market_module("probe-module", &make_probe_module);
}
kp::result<void> register_shared_a(kp::registrar& r) {
  return r.add_transport("shared-name", &make_named_a);
}
kp::result<void> register_shared_b(kp::registrar& r) {
  return r.add_transport("shared-name", &make_named_b);
}
kp::result<void> register_shared_b_ignoring_error(kp::registrar& r) {
  (void)r.add_transport("shared-name", &make_named_b);
  return {};
}
kp::result<void> register_same_name_twice(kp::registrar& r) {
  if (auto added = r.add_transport("twice", &make_named_a); !added) return added;
  return r.add_transport("twice", &make_named_b);
}
kp::result<void> register_then_fail(kp::registrar& r) {
  if (auto added = r.add_transport("rolled-back", &make_named_a); !added) return added;
  return kp::make_error(kp::errc::failed_precondition, "required setting api_region is missing");
}
kp::result<void> register_then_throw(kp::registrar& r) {
  (void)r.add_transport("rolled-back", &make_named_a);
  throw std::logic_error("register is not supposed to throw");
}
kp::result<void> register_rolled_back_name(kp::registrar& r) {
  return r.add_transport("rolled-back", &make_named_b);
}
kp::result<void> register_bad_name(kp::registrar& r) {
  return r.add_transport("Echo Transport", &make_named_a);
}
kp::result<void> register_null_factory(kp::registrar& r) {
  return r.add_transport("no-factory", nullptr);
}
kp::result<void> register_failing_factories(kp::registrar& r) {
  if (auto added = r.add_transport("failing", &make_failing); !added) return added;
  if (auto added = r.add_transport("throwing", &make_throwing); !added) return added;
  return r.add_transport("empty", &make_nothing);
}

TEST(PluginHostInProcess, FakeRegistersThroughTheSameRegistrar) {
  plugin_host host;
  auto descriptor = descriptor_for("fake-probe", &register_probe);
  auto report = host.load_in_process(descriptor);

  EXPECT_EQ(report.status, load_status::loaded) << report.reason;
  EXPECT_EQ(report.plugin_id, "fake-probe");
  EXPECT_TRUE(report.file.empty());
  EXPECT_THAT(report.transports, ElementsAre("probe"));
  auto transport = host.make_transport("probe");
  ASSERT_TRUE(transport.ok()) << transport.err().message;
  EXPECT_TRUE((*transport)->send({}).ok());
}

TEST(PluginHostInProcess, RefusesNullRegisterFunction) {
  plugin_host host;
  auto report = host.load_in_process(descriptor_for("fake-none", nullptr));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "register function: expected a function, found null");
}

TEST(PluginHostInProcess, RefusesIdOutsideItsCharacterSet) {
  plugin_host host;
  auto report = host.load_in_process(descriptor_for("Fake_Probe", &register_probe));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "plugin id: expected 1 to 64 characters of [a-z0-9-], found \"Fake_Probe\"");
}

TEST(PluginHostInProcess, RefusesEmptyAndNullIds) {
  plugin_host host;
  auto empty = host.load_in_process(descriptor_for("", &register_probe));
  auto null = host.load_in_process(descriptor_for(nullptr, &register_probe));

  EXPECT_EQ(empty.reason, "plugin id: expected 1 to 64 characters of [a-z0-9-], found \"\"");
  EXPECT_EQ(null.reason, "plugin id: expected 1 to 64 characters of [a-z0-9-], found null");
}

TEST(PluginHostInProcess, RefusesDescriptorSmallerThanTheApi10Fields) {
  plugin_host host;
  auto descriptor = descriptor_for("fake-small", &register_probe);
  descriptor.descriptor_size = 12;
  auto report = host.load_in_process(descriptor);

  // The 1.0 fields end with `description`.
  const auto size_1_0 = offsetof(kingkung_plugin_descriptor, description) + sizeof(const char*);
  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "descriptor size: expected at least " + std::to_string(size_1_0) +
                               " bytes (the API 1.0 fields), found 12");
}

TEST(PluginHostInProcess, RefusesMissingBuildTag) {
  plugin_host host;
  auto descriptor = descriptor_for("fake-untagged", &register_probe);
  descriptor.build_tag = nullptr;
  auto report = host.load_in_process(descriptor);

  EXPECT_EQ(report.reason,
            std::string("build tag: expected \"") + KINGKUNG_PLUGIN_BUILD_TAG + "\", found null");
}

TEST(PluginHostInProcess, ChecksMajorBeforeAnyOtherField) {
  plugin_host host;
  auto descriptor = descriptor_for(nullptr, nullptr);
  descriptor.api_major = 3;
  descriptor.descriptor_size = 4;
  auto report = host.load_in_process(descriptor);

  EXPECT_EQ(report.reason, "API major: expected " + std::to_string(kp::api_major) + ", found 3");
}

TEST(PluginHostInProcess, RefusesSecondPluginWithTheSameId) {
  plugin_host host;
  ASSERT_EQ(host.load_in_process(descriptor_for("fake-probe", &register_probe)).status, load_status::loaded);
  auto report = host.load_in_process(descriptor_for("fake-probe", &register_shared_a));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "duplicate plugin id \"fake-probe\": already loaded from (in process)");
  EXPECT_THAT(host.transports(), ElementsAre("probe"));
}

TEST(PluginHostInProcess, RefusesUnknownKindBits) {
  plugin_host host;
  auto report = host.load_in_process(descriptor_for("fake-kinds", &register_probe, 0x8));

  EXPECT_EQ(report.reason, "kinds: expected transport and/or market-module (bits 0x1, 0x2), found 0x8");
}

TEST(PluginHostInProcess, RefusesRegistrationsTheKindsDoNotDeclare) {
  plugin_host host;
  auto report = host.load_in_process(descriptor_for("fake-kinds", &register_probe, kp::kind_market_module));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason,
            "kinds: register added transport \"probe\", but the descriptor does not declare transport");
  EXPECT_THAT(host.transports(), IsEmpty());
}

TEST(PluginHostRegistrar, ComponentNameTakenByAnotherPluginRefusesTheLaterPlugin) {
  plugin_host host;
  ASSERT_EQ(host.load_in_process(descriptor_for("fake-a", &register_shared_a)).status, load_status::loaded);
  auto report = host.load_in_process(descriptor_for("fake-b", &register_shared_b));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason,
            "register failed: transport \"shared-name\" is already registered by plugin \"fake-a\"");
  auto transport = host.make_transport("shared-name");
  ASSERT_TRUE(transport.ok());
  EXPECT_EQ((*transport)->describe(), "made by fake-a");
}

TEST(PluginHostRegistrar, PluginIgnoringTheRegistrarsErrorIsStillRefused) {
  plugin_host host;
  ASSERT_EQ(host.load_in_process(descriptor_for("fake-a", &register_shared_a)).status, load_status::loaded);
  auto report = host.load_in_process(descriptor_for("fake-b", &register_shared_b_ignoring_error));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason,
            "register failed: transport \"shared-name\" is already registered by plugin \"fake-a\"");
}

TEST(PluginHostRegistrar, SameNameTwiceInOnePluginIsRefused) {
  plugin_host host;
  auto report = host.load_in_process(descriptor_for("fake-twice", &register_same_name_twice));

  EXPECT_EQ(report.reason, "register failed: transport \"twice\" is registered twice");
  EXPECT_THAT(host.transports(), IsEmpty());
}

TEST(PluginHostRegistrar, RegisterFailureRollsBackItsComponents) {
  plugin_host host;
  auto failed = host.load_in_process(descriptor_for("fake-fails", &register_then_fail));
  ASSERT_EQ(failed.status, load_status::refused);
  EXPECT_EQ(failed.reason, "register failed: required setting api_region is missing");
  EXPECT_THAT(host.transports(), Not(Contains("rolled-back")));

  auto later = host.load_in_process(descriptor_for("fake-later", &register_rolled_back_name));
  EXPECT_EQ(later.status, load_status::loaded) << later.reason;
  EXPECT_EQ((*host.make_transport("rolled-back"))->describe(), "made by fake-b");
}

TEST(PluginHostRegistrar, RegisterExceptionRollsBackItsComponents) {
  plugin_host host;
  auto report = host.load_in_process(descriptor_for("fake-throws", &register_then_throw));

  EXPECT_EQ(report.status, load_status::refused);
  EXPECT_EQ(report.reason, "register threw: register is not supposed to throw");
  EXPECT_THAT(host.transports(), IsEmpty());
}

TEST(PluginHostRegistrar, ComponentNameOutsideItsCharacterSetIsRefused) {
  plugin_host host;
  auto report = host.load_in_process(descriptor_for("fake-bad-name", &register_bad_name));

  EXPECT_EQ(report.reason,
            "register failed: transport name: expected 1 to 64 characters of [a-z0-9._-], found \"Echo "
            "Transport\"");
}

TEST(PluginHostRegistrar, NullFactoryIsRefused) {
  plugin_host host;
  auto report = host.load_in_process(descriptor_for("fake-null-factory", &register_null_factory));

  EXPECT_EQ(report.reason, "register failed: transport \"no-factory\": factory is null");
}

TEST(PluginHostContext, TransportSeesItsPluginsConfigTable) {
  host_services services;
  services.plugin_config["fake-probe"] = std::make_shared<map_config>(
      std::map<std::string, std::string>{{"mode", "sandbox"}}, "kingkung.toml [plugins.config.fake-probe]");
  plugin_host host(services);
  ASSERT_EQ(host.load_in_process(descriptor_for("fake-probe", &register_probe)).status, load_status::loaded);

  auto description = (*host.make_transport("probe"))->describe();
  EXPECT_THAT(description, HasSubstr("mode=sandbox"));
  EXPECT_THAT(description, HasSubstr("origin=kingkung.toml [plugins.config.fake-probe]"));
}

TEST(PluginHostContext, PluginWithoutAConfigTableGetsAnEmptyView) {
  plugin_host host;
  ASSERT_EQ(host.load_in_process(descriptor_for("fake-probe", &register_probe)).status, load_status::loaded);

  auto description = (*host.make_transport("probe"))->describe();
  EXPECT_THAT(description, HasSubstr("mode=- keys=0"));
  EXPECT_THAT(description, HasSubstr("[plugins.config.fake-probe]"));
}

TEST(PluginHostContext, DataDirIsTheHostsDataDirPlusThePluginId) {
  const fs::path root = fs::temp_directory_path() / ("kingkung-plugin-data-" + std::to_string(::getpid()));
  host_services services;
  services.data_dir = root;
  {
    plugin_host host(services);
    ASSERT_EQ(host.load_in_process(descriptor_for("fake-probe", &register_probe)).status,
              load_status::loaded);

    EXPECT_THAT((*host.make_transport("probe"))->describe(),
                HasSubstr("data_dir=" + (root / "fake-probe").string()));
    EXPECT_TRUE(fs::is_directory(root / "fake-probe"));
  }
  fs::remove_all(root);
}

TEST(PluginHostContext, LoggerWritesUnderThePluginsComponentName) {
  captured_log log;
  plugin_host host;
  ASSERT_EQ(host.load_in_process(descriptor_for("fake-probe", &register_probe)).status, load_status::loaded);
  kp::http_request request;
  request.method = "GET";
  request.target = "/api/shops/get_authorized_shop";
  (void)(*host.make_transport("probe"))->send(request);

  EXPECT_THAT(log.lines(),
              Contains(HasSubstr(" plugin:fake-probe: sent GET /api/shops/get_authorized_shop")));
}

TEST(PluginHostContext, ClockIsTheOneTheHostWasGiven) {
  host_services services;
  services.clock =
      std::make_shared<fixed_clock>(std::chrono::system_clock::time_point(std::chrono::seconds(1700000000)));
  plugin_host host(services);
  ASSERT_EQ(host.load_in_process(descriptor_for("fake-probe", &register_probe)).status, load_status::loaded);

  auto response = (*host.make_transport("probe"))->send({});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->body, "1700000000");
}

TEST(PluginHostContext, MarketModuleSeesItsShopAndItsModuleConfig) {
  plugin_host host;
  ASSERT_EQ(
      host.load_in_process(descriptor_for("fake-module", &register_probe_module, kp::kind_market_module))
          .status,
      load_status::loaded);
  auto config = std::make_shared<map_config>(std::map<std::string, std::string>{{"threshold", "3"}},
                                             "kingkung.toml [markets.BR.probe-module]");
  auto module = host.make_market_module("probe-module", "shop-42", config);
  ASSERT_TRUE(module.ok()) << module.err().message;

  null_shop_api api;
  auto outcome = (*module)->run_action("probe", {}, {}, api);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->message, "shop shop-42 threshold 3 from kingkung.toml [markets.BR.probe-module]");
}

TEST(PluginHostContext, MarketModuleWithoutConfigGetsAnEmptyView) {
  plugin_host host;
  ASSERT_EQ(
      host.load_in_process(descriptor_for("fake-module", &register_probe_module, kp::kind_market_module))
          .status,
      load_status::loaded);
  auto module = host.make_market_module("probe-module", "shop-42", nullptr);
  ASSERT_TRUE(module.ok());

  null_shop_api api;
  auto outcome = (*module)->run_action("probe", {}, {}, api);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->message,
            "shop shop-42 threshold -1 from market module \"probe-module\" (no config table)");
}

TEST(PluginHostFactories, UnknownNameIsNotFoundAndListsWhatIsRegistered) {
  plugin_host host;
  ASSERT_EQ(host.load_in_process(descriptor_for("fake-probe", &register_probe)).status, load_status::loaded);
  auto transport = host.make_transport("tiktok-simm");
  auto module = host.make_market_module("mx-split", "shop-1", nullptr);

  ASSERT_FALSE(transport.ok());
  EXPECT_EQ(transport.err().code, kp::errc::not_found);
  EXPECT_EQ(transport.err().message, "no transport \"tiktok-simm\" is registered (registered: probe)");
  ASSERT_FALSE(module.ok());
  EXPECT_EQ(module.err().message, "no market module \"mx-split\" is registered (registered: none)");
}

TEST(PluginHostFactories, FactoryErrorKeepsItsCodeAndNamesTheComponent) {
  plugin_host host;
  ASSERT_EQ(host.load_in_process(descriptor_for("fake-factories", &register_failing_factories)).status,
            load_status::loaded);
  auto transport = host.make_transport("failing");

  ASSERT_FALSE(transport.ok());
  EXPECT_EQ(transport.err().code, kp::errc::unavailable);
  EXPECT_EQ(transport.err().message,
            "transport \"failing\" of plugin \"fake-factories\": base_url is not reachable");
}

TEST(PluginHostFactories, FactoryExceptionBecomesAnInternalError) {
  plugin_host host;
  ASSERT_EQ(host.load_in_process(descriptor_for("fake-factories", &register_failing_factories)).status,
            load_status::loaded);
  auto transport = host.make_transport("throwing");

  ASSERT_FALSE(transport.ok());
  EXPECT_EQ(transport.err().code, kp::errc::internal);
  EXPECT_EQ(transport.err().message,
            "transport \"throwing\" of plugin \"fake-factories\": the factory threw: factory blew up");
}

TEST(PluginHostFactories, FactoryReturningNoObjectIsAnInternalError) {
  plugin_host host;
  ASSERT_EQ(host.load_in_process(descriptor_for("fake-factories", &register_failing_factories)).status,
            load_status::loaded);
  auto transport = host.make_transport("empty");

  ASSERT_FALSE(transport.ok());
  EXPECT_EQ(transport.err().message,
            "transport \"empty\" of plugin \"fake-factories\": the factory returned no object");
}

}  // namespace
