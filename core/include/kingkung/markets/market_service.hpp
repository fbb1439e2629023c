// The market service runs the market modules (plugins) of each shop: it creates a module instance
// lazily, once per (shop, module), keeps it, and serialises every call for one shop (a mutex per shop,
// as the plugin contract promises modules). Shops run concurrently.
//
// A shop's modules are its `modules` field (domain::shop); each instance is created with its
// [markets.<REGION>.<module>] table (an empty table when the config has none).
//
// Ship gating fails closed: shipping is allowed only when every module of the shop allows it; a module
// that cannot be created or answers an error blocks shipping with a reason naming it. ship() checks the
// gate first and makes no platform call when it refuses.
//
// Lifetime: module objects are plugin objects. Destroy the service before the plugin_host that made
// them (hosts hand it to runtime::keep()); the database and the host must outlive the service, and the
// client of a platform_link must outlive the call it is passed to.
// Every call checks that the order (order_view::shop_id) and the link are the shop's: a mismatch is
// errc::invalid_argument (reported as module "host" where the answer is a list or a verdict), and a
// disconnected shop gets no module or platform call (errc::failed_precondition).
// Thread safety: every member may be called from any thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/config/config.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/markets/platform_link.hpp"
#include "kingkung/plugin/market_module.hpp"
#include "kingkung/tiktok/fulfillment.hpp"

namespace kingkung::plugins {
class plugin_host;
}
namespace kingkung::storage {
class database;
}

namespace kingkung::markets {

// Config tables of the modules, by region then module id ([markets.<REGION>.<module>]).
struct market_settings {
  std::map<std::string, std::map<std::string, config::value_table_ptr>, std::less<>> tables;

  static market_settings from_config(const config::app_config& config);
  // The table for (region, module), or an empty one naming [markets.<REGION>.<module>].
  config::value_table_ptr table_for(std::string_view region, std::string_view module) const;
};

struct module_failure {
  std::string module_id;
  plugin::error error;
};

struct module_action {
  std::string module_id;
  plugin::action_spec spec;
  plugin::action_state state;  // an error from the module shows as applies, not enabled, with the reason
};

struct order_actions {
  std::vector<module_action> actions;    // modules in the shop's order, actions in each module's order
  std::vector<module_failure> failures;  // modules that could not be created or listed
};

struct module_refusal {
  std::string module_id;
  std::string reason;
};

struct ship_verdict {
  bool allowed = true;
  std::string reason;  // every refusal as "<module>: <reason>", joined by "; "
  std::vector<module_refusal> refusals;
};

class market_service {
 public:
  market_service(plugins::plugin_host& host, market_settings settings, storage::database& db);
  ~market_service();
  market_service(const market_service&) = delete;
  market_service& operator=(const market_service&) = delete;

  // Every module's actions for the order, with their state. Makes no platform call.
  order_actions actions_for(const domain::shop& shop, const plugin::order_view& order);

  // Runs one action of one module. errc::not_found when the shop does not use the module or the module
  // has no such action; errc::failed_precondition (with the module's reason) when the action does not
  // apply to the order or may not run now; otherwise what the module answers.
  plugin::result<plugin::action_outcome> run_action(const domain::shop& shop, std::string_view module_id,
                                                    std::string_view action, const plugin::order_view& order,
                                                    const plugin::action_input& input,
                                                    const platform_link& link);

  // Asks every module of the shop; allowed only when all allow (fail closed on errors).
  ship_verdict check_ship(const domain::shop& shop, const plugin::order_view& order,
                          const platform_link& link);

  // Checks the gate first: refused gives errc::failed_precondition with the verdict's reason and makes
  // no platform call. The package must belong to the order (errc::invalid_argument). Then Ship Package;
  // its failures become plugin errors (platform refusals: errc::rejected "code NNN: ...").
  plugin::result<tiktok::write_outcome> ship(const domain::shop& shop, const plugin::order_view& order,
                                             std::string_view package_id,
                                             const tiktok::ship_package_request& request,
                                             const platform_link& link);

  // Fan-out to every module of the shop. A module's error is logged and returned; the others still run.
  std::vector<module_failure> order_changed(const domain::shop& shop, const plugin::order_view& order,
                                            const platform_link& link);
  std::vector<module_failure> dispatch_event(const domain::shop& shop, int type, std::string_view data_json,
                                             const platform_link& link);

  // Drops the shop's module instances (disconnect, purge). Calls in progress finish first.
  void release_shop(std::string_view shop_id);
  // Module ids with a live instance for the shop, sorted (diagnostics, tests).
  std::vector<std::string> instantiated_modules(std::string_view shop_id) const;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::markets
