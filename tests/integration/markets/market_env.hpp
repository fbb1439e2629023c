// End-to-end harness for market modules: everything a module's e2e test needs, real all the way down.
//
//   markets_test::market_env env;                 // loads libmx-split.so / libbr-invoice.so if built
//   if (!env.has_module("mx-split")) GTEST_SKIP() << env.missing_reason("mx-split");
//   auto id = env.create_orders(env.mx, 1, "must_split_category").front();
//   auto order = env.fetch_order(env.mx, id);      // Get Order Detail through the core client
//   auto view = env.view(order);                   // plugin::order_view, as the host builds it
//   auto verdict = env.service().check_ship(env.mx, view, env.link(env.mx));
//   auto done = env.service().run_action(env.mx, "mx-split", "split.confirm", view, input, env.link(env.mx));
//   auto shipped = env.service().ship(env.mx, view, package_id, env.drop_off(), env.link(env.mx));
//   env.sim_control("POST", "/__sim/settle", {});  // any /__sim/... control call; returns `data`
//
// What it holds (members are public; the order of destruction is the reverse of this list):
//   - sim:    tiktok_sim_test::sim_env (tests/integration/tiktok_sim/sim_env.hpp): the real tiktok-sim
//   plugin,
//             the core client `sim.api` on a manual timeline, `sim.observer` recording every call;
//   - a SQLite database in a temporary folder, migrated, with the seller "Market e2e seller";
//   - mx / br: the MX cross-border and BR local demo shops, connected by OAuth (tokens in sim.tokens),
//             stored with shop_repository, `modules` set to the modules that loaded for the region
//             (mx-split for MX, br-invoice for BR, unless options say otherwise);
//   - modules: a plugin_host of its own, with the module plugins loaded from KINGKUNG_PLUGIN_DIR (only
//             those whose file exists) and options.extra_module_files;
//   - the market_service over that host, the database and options.module_tables.
// The market_service is destroyed before the plugin_host, as the production hosts do.
//
// Stable interface: module e2e tests (mx_split_e2e_test.cpp, br_invoice_e2e_test.cpp) use it; members are
// only ever added.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "../tiktok_sim/sim_env.hpp"
#include "kingkung/config/value_table.hpp"
#include "kingkung/domain/order.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/markets/market_service.hpp"
#include "kingkung/markets/order_view.hpp"
#include "kingkung/markets/platform_link.hpp"
#include "kingkung/plugins/plugin_host.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/storage/module_state_repository.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/tiktok/api.hpp"
#include "kingkung/vault/keyring.hpp"
#include "kingkung/vault/token_vault.hpp"

namespace kingkung::markets_test {

namespace json = boost::json;
using tiktok_sim_test::br_shop_id;
using tiktok_sim_test::first_code;
using tiktok_sim_test::mx_shop_id;

struct market_env_options {
  tiktok_sim_test::env_options sim;
  // Module plugins looked for in KINGKUNG_PLUGIN_DIR as lib<id>.so; a missing file is skipped.
  std::vector<std::string> module_plugins{"mx-split", "br-invoice"};
  // More plugin files to load (e.g. test fixtures from KINGKUNG_FIXTURE_PLUGIN_DIR).
  std::vector<std::filesystem::path> extra_module_files;
  // The shops' modules. Unset: the loaded ones of mx-split (MX) and br-invoice (BR).
  std::optional<std::vector<std::string>> mx_modules;
  std::optional<std::vector<std::string>> br_modules;
  // [markets.<REGION>.<module>] tables, by region then module id.
  std::map<std::string, std::map<std::string, std::map<std::string, config::value_table::value>>>
      module_tables;
};

class market_env {
 public:
  explicit market_env(market_env_options options = {}) : sim(options.sim) {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("kk-markets-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    open_database();
    load_modules(options);

    markets::market_settings settings;
    for (const auto& [region, modules] : options.module_tables)
      for (const auto& [module, values] : modules)
        settings.tables[region][module] =
            std::make_shared<config::value_table>("e2e [markets." + region + "." + module + "]", values);
    service_ = std::make_unique<markets::market_service>(*modules_host_, std::move(settings), *db_);

    auto loaded_of = [&](std::string_view id) {
      return has_module(id) ? std::vector<std::string>{std::string(id)} : std::vector<std::string>{};
    };
    mx = register_shop(mx_shop_id, "Demo MX", "MX", "CROSS_BORDER",
                       options.mx_modules.value_or(loaded_of("mx-split")));
    br = register_shop(br_shop_id, "Demo BR", "BR", "LOCAL",
                       options.br_modules.value_or(loaded_of("br-invoice")));
  }

  ~market_env() {
    service_.reset();       // module objects first,
    modules_host_.reset();  // then the host that made them,
    db_.reset();            // then the database
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  market_env(const market_env&) = delete;
  market_env& operator=(const market_env&) = delete;

  // --- modules ---
  bool has_module(std::string_view id) const {
    auto names = modules_host_->market_modules();
    return std::find(names.begin(), names.end(), id) != names.end();
  }
  // Why a module is not there (for GTEST_SKIP / failure messages).
  std::string missing_reason(std::string_view id) const {
    for (const auto& r : modules_host_->reports())
      if (r.plugin_id == id) return "plugin " + std::string(id) + ": " + r.reason;
    return "plugin " + std::string(id) + " was not loaded (no lib" + std::string(id) + ".so in " +
           std::string(KINGKUNG_PLUGIN_DIR) + ")";
  }
  markets::market_service& service() { return *service_; }
  plugins::plugin_host& modules_host() { return *modules_host_; }

  // --- shops and platform ---
  markets::platform_link link(const domain::shop& shop) {
    return markets::platform_link{*sim.api, ref_of(shop)};
  }
  tiktok::shop_ref ref_of(const domain::shop& shop) const { return tiktok::shop_ref{shop.id, shop.cipher}; }

  // New orders in the simulator (scenarios: random, must_split_category, must_split_total, multi_sku,
  // multi_unit, single); returns their ids.
  std::vector<std::string> create_orders(const domain::shop& shop, int count, std::string_view scenario,
                                         std::string_view status = "AWAITING_SHIPMENT") {
    return sim.create_orders(shop.id, count, scenario, status);
  }

  // The order as the platform has it now (Get Order Detail through the core client). Throws when absent.
  domain::order fetch_order(const domain::shop& shop, const std::string& order_id) {
    auto orders = tiktok::get_order_detail(*sim.api, ref_of(shop), {order_id});
    if (!orders.ok()) throw std::runtime_error("order detail " + order_id + ": " + orders.err().to_string());
    if (orders->size() != 1) throw std::runtime_error("order " + order_id + " was not returned");
    return orders->front();
  }
  // The order as modules see it; the shop is found by the order's shop id (mx or br).
  plugin::order_view view(const domain::order& order) const {
    return markets::to_order_view(order, shop_of(order));
  }
  plugin::order_view fetch_view(const domain::shop& shop, const std::string& order_id) {
    return markets::to_order_view(fetch_order(shop, order_id), shop);
  }

  // A control call (/__sim/...) that must succeed; returns its `data`. Throws with the envelope otherwise.
  json::value sim_control(std::string method, std::string path, const json::value& body = nullptr) {
    return sim.control_data(std::move(method), std::move(path), body);
  }
  // The whole envelope of a control call, for tests that expect a refusal.
  json::object sim_control_envelope(std::string method, std::string path, const json::value& body = nullptr) {
    return sim.control(std::move(method), std::move(path), body);
  }
  // Simulated time forward (tokens expire, invoice decisions become due), then due decisions run.
  void advance(std::int64_t seconds) { sim.advance(seconds); }
  void settle() { sim_control("POST", "/__sim/settle", json::object{}); }

  // Ship Package bodies.
  static tiktok::ship_package_request drop_off() {
    tiktok::ship_package_request r;
    r.handover_method = "DROP_OFF";
    return r;
  }
  // Calls recorded so far whose path starts with `prefix` (e.g. "/fulfillment/202309/packages/").
  std::size_t calls_to(std::string_view prefix) { return sim.observer->count_path_prefix(prefix); }
  // Ship Package calls made so far (any package). Not while calls run on other threads.
  std::size_t ship_calls() const {
    std::size_t n = 0;
    for (const auto& r : sim.observer->records)
      if (r.method == "POST" && r.path.size() > 5 && r.path.rfind("/fulfillment/", 0) == 0 &&
          r.path.compare(r.path.size() - 5, 5, "/ship") == 0)
        ++n;
    return n;
  }

  // --- storage ---
  storage::database& db() { return *db_; }
  storage::module_state_repository state() { return storage::module_state_repository(*db_); }
  std::int64_t seller_id() const { return seller_id_; }
  // Stores a changed shop (e.g. other modules) and returns it.
  domain::shop save_shop(domain::shop shop) {
    auto ok = storage::shop_repository(*db_, *vault_).upsert(shop);
    if (!ok) throw std::runtime_error("shop upsert: " + ok.err().message);
    return shop;
  }

  // Declared first: destroyed last, after everything that calls through its client.
  tiktok_sim_test::sim_env sim;

 private:
  void open_database() {
    auto url = storage::database_url::parse("sqlite3:" + (dir_ / "kingkung.db").string());
    if (!url) throw std::runtime_error("database url: " + url.err().message);
    auto db = storage::database::open(*url, 2);
    if (!db) throw std::runtime_error("database: " + db.err().message);
    db_ = std::move(*db);
    auto migrated = storage::migrate(*db_);
    if (!migrated) throw std::runtime_error("migrate: " + migrated.err().message);
    vault_ = std::make_unique<vault::token_vault>(vault::keyring({vault::master_key::generate()}));
    auto seller = storage::seller_repository(*db_).create("Market e2e seller");
    if (!seller) throw std::runtime_error("seller: " + seller.err().message);
    seller_id_ = seller->id;
  }

  void load_modules(const market_env_options& options) {
    plugins::host_services services;
    services.clock = std::make_shared<tiktok_sim_test::timeline::wall>(sim.time);
    services.data_dir = dir_ / "plugin-data";
    modules_host_ = std::make_unique<plugins::plugin_host>(std::move(services));
    for (const auto& id : options.module_plugins) {
      auto file = std::filesystem::path(KINGKUNG_PLUGIN_DIR) / ("lib" + id + ".so");
      if (!std::filesystem::exists(file)) continue;
      auto report = modules_host_->load_file(file);
      if (report.status != plugins::load_status::loaded)
        ADD_FAILURE() << "module plugin " << id << " was refused: " << report.reason;
    }
    for (const auto& file : options.extra_module_files) {
      auto report = modules_host_->load_file(file);
      if (report.status != plugins::load_status::loaded)
        throw std::runtime_error("module plugin " + file.string() + " not loaded: " + report.reason);
    }
  }

  domain::shop register_shop(std::string_view id, std::string name, std::string region,
                             std::string seller_type, std::vector<std::string> modules) {
    auto ref = sim.connect(id);
    domain::shop shop;
    shop.seller_id = seller_id_;
    shop.id = ref.id;
    shop.name = std::move(name);
    shop.region = std::move(region);
    shop.seller_type = std::move(seller_type);
    shop.cipher = ref.cipher;
    shop.transport = "tiktok-sim";
    shop.modules = std::move(modules);
    shop.demo = true;
    shop.connected_at = sim.time.unix_now();
    return save_shop(std::move(shop));
  }

  const domain::shop& shop_of(const domain::order& order) const {
    if (order.shop_id == mx.id) return mx;
    if (order.shop_id == br.id) return br;
    throw std::runtime_error("order " + order.id + " is of shop " + order.shop_id + ", not a harness shop");
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::database> db_;
  std::unique_ptr<vault::token_vault> vault_;
  std::int64_t seller_id_ = 0;
  std::unique_ptr<plugins::plugin_host> modules_host_;
  std::unique_ptr<markets::market_service> service_;

 public:
  // The demo shops as stored (modules set); pass them to the service.
  domain::shop mx;
  domain::shop br;
};

}  // namespace kingkung::markets_test
