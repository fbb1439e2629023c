// The plugin test kit: run a market module against the TikTok Shop simulator inside a GoogleTest (or any)
// test, with no host, no network and no database.
//
//   kingkung::testkit::sim_platform sim;                 // MX cross-border, BR local, US local demo shops
//   auto ids = sim.place_orders("demo-us", 1);           // the simulator's control API
//   auto order = sim.order("demo-us", ids.at(0));        // an order_view, as the host would pass it
//   auto& api = sim.shop("demo-us");                     // the shop_api the host would pass
//   auto gate = module.check_ship(order, api);
//
// shop_api calls are signed and sent exactly as the host sends them (app key, timestamp, shop_cipher,
// signature, access token from the simulator's own OAuth flow), so a module that passes here talks to
// the platform correctly. Module state is kept in memory per shop. Time is a manual clock: advance() moves
// it (token expiry, invoice decisions and product audits follow). Nothing is shared between instances.
//
// Thread-safety: one test thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/market_module.hpp"

namespace kingkung::testkit {

struct platform_options {
  std::uint64_t seed = 1;         // the demo data is a function of the seed
  int orders_per_shop = 12;       // demo orders generated at start, per shop
  int products_per_shop = 8;
  std::int64_t start_unix = 1'760'000'000;  // the manual clock's starting time
};

// One call a module made through a shop_api (for asserting what was, or was not, called).
struct recorded_call {
  std::string shop;    // shop key
  std::string method;
  std::string path;
  int http_status = 0;
  std::int64_t code = 0;  // envelope code; 0 on success
};

// A config table for a module under test (what [markets.<REGION>.<module>] holds in the product).
class config_table final : public plugin::config_view {
 public:
  config_table& set(std::string key, std::string value);
  config_table& set(std::string key, std::int64_t value);
  config_table& set(std::string key, double value);
  config_table& set(std::string key, bool value);
  config_table& set(std::string key, std::vector<std::string> value);

  std::optional<std::string> get_string(std::string_view key) const override;
  std::optional<std::int64_t> get_int(std::string_view key) const override;
  std::optional<double> get_double(std::string_view key) const override;
  std::optional<bool> get_bool(std::string_view key) const override;
  std::optional<std::vector<std::string>> get_strings(std::string_view key) const override;
  std::vector<std::string> keys() const override;
  std::string origin() const override;

  config_table();
  ~config_table() override;
  config_table(const config_table&);
  config_table& operator=(const config_table&);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

class sim_platform {
 public:
  explicit sim_platform(platform_options options = {});
  ~sim_platform();
  sim_platform(const sim_platform&) = delete;
  sim_platform& operator=(const sim_platform&) = delete;

  // The shops: "demo-mx" (MX, CROSS_BORDER), "demo-br" (BR, LOCAL), "demo-us" (US, LOCAL).
  static std::vector<std::string> shop_keys();

  // The shop_api the host would give a module for this shop. Valid while the platform lives.
  // Throws std::invalid_argument for an unknown key.
  plugin::shop_api& shop(std::string_view key);

  // A host context for a module factory: a logger that keeps messages (see log_lines()), the manual
  // clock, `module_config` as the module's table, and a temporary data folder.
  const plugin::host_context& context(const config_table& module_config);

  // Get Order Detail, as an order_view the host would build. Throws std::runtime_error with the
  // platform's code and message when the call fails.
  plugin::order_view order(std::string_view shop_key, std::string_view order_id);

  // Places new orders now through the simulator's control API (POST /__sim/orders). Scenarios:
  // "random", "must_split_category", "must_split_total" (demo-mx only), "multi_sku", "multi_unit",
  // "single". Returns the new order ids.
  std::vector<std::string> place_orders(std::string_view shop_key, int count,
                                        std::string_view scenario = "random",
                                        std::string_view status = "AWAITING_SHIPMENT");

  // Any control request under /__sim/ (docs/simulator.md); returns the answer's `data` as JSON text.
  // Throws std::runtime_error when the simulator refuses it.
  std::string control(std::string_view method, std::string_view path, std::string_view body_json = "");

  // Moves simulated time forward and runs what became due (invoice decisions, audits).
  void advance(std::chrono::seconds by);
  std::int64_t now_unix() const;

  const std::vector<recorded_call>& calls() const;  // every shop_api call, in order
  std::vector<std::string> log_lines() const;       // what modules logged through the context

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::testkit
