#include "kingkung/markets/market_service.hpp"

#include <algorithm>
#include <exception>
#include <mutex>

#include "kingkung/config/value_table.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/markets/client_shop_api.hpp"
#include "kingkung/plugins/plugin_host.hpp"
#include "kingkung/storage/module_state_repository.hpp"

namespace kingkung::markets {
namespace {

using plugin::errc;
using plugin::make_error;

constexpr std::string_view component = "markets";

std::string table_name(std::string_view region, std::string_view module) {
  return "[markets." + std::string(region) + "." + std::string(module) + "]";
}

std::string describe(const plugin::error& e) {
  return std::string(plugin::to_string(e.code)) + ": " + e.message;
}

}  // namespace

market_settings market_settings::from_config(const config::app_config& config) {
  market_settings out;
  for (const auto& [region, market] : config.markets)
    for (const auto& [module, table] : market.module_config) out.tables[region][module] = table;
  return out;
}

config::value_table_ptr market_settings::table_for(std::string_view region, std::string_view module) const {
  if (auto r = tables.find(region); r != tables.end())
    if (auto m = r->second.find(std::string(module)); m != r->second.end() && m->second) return m->second;
  return config::value_table::empty(table_name(region, module) + " (not in the config)");
}

// One shop's module instances. `calls` serialises every call into the shop's modules.
struct shop_slot {
  std::mutex calls;
  std::map<std::string, std::shared_ptr<plugin::market_module>, std::less<>> modules;
};

struct market_service::impl {
  plugins::plugin_host& host;
  market_settings settings;
  storage::module_state_repository state;
  mutable std::mutex slots_mu;
  std::map<std::string, std::shared_ptr<shop_slot>, std::less<>> slots;

  impl(plugins::plugin_host& h, market_settings s, storage::database& db)
      : host(h), settings(std::move(s)), state(db) {}

  std::shared_ptr<shop_slot> slot_for(std::string_view shop_id) {
    std::lock_guard lock(slots_mu);
    auto it = slots.find(shop_id);
    if (it == slots.end()) it = slots.emplace(std::string(shop_id), std::make_shared<shop_slot>()).first;
    return it->second;
  }

  // The instance of one module for the shop, created on first use. Call with slot.calls held.
  plugin::result<std::shared_ptr<plugin::market_module>> module_for(shop_slot& slot, const domain::shop& shop,
                                                                    const std::string& module_id) {
    if (auto it = slot.modules.find(module_id); it != slot.modules.end()) return it->second;
    auto made = host.make_market_module(module_id, shop.id, settings.table_for(shop.region, module_id));
    if (!made.ok()) {
      auto e = made.err();
      e.message = "module " + module_id + " for shop " + shop.id + " could not be created: " + e.message;
      log::error(component, describe(e));
      return e;
    }
    log::info(component, "module " + module_id + " started for shop " + shop.id);
    slot.modules.emplace(module_id, made.value());
    return made.value();
  }

  client_shop_api api_for(const domain::shop& shop, const std::string& module_id, const platform_link& link) {
    return client_shop_api(link.client, link.ref, shop.region, shop.seller_type, module_id, state);
  }

  // Logs and returns a module failure for a call named `what`.
  module_failure failure(const domain::shop& shop, const std::string& module_id, std::string_view what,
                         plugin::error e) {
    // A refusal meant for the seller may quote the order's buyer data (an NF-e's CPF, an address), so
    // only its class is logged; faults of the module or the platform are logged in full.
    const bool for_the_seller = e.code == plugin::errc::invalid_argument ||
                                e.code == plugin::errc::failed_precondition ||
                                e.code == plugin::errc::rejected || e.code == plugin::errc::not_found;
    log::warn(component, "module " + module_id + " for shop " + shop.id + ": " + std::string(what) +
                             " failed: " +
                             (for_the_seller ? std::string(plugin::to_string(e.code)) +
                                                   " (the message went to the seller and is not logged)"
                                             : describe(e)));
    return module_failure{module_id, std::move(e)};
  }

  // Every module's ship gate, failing closed. Call with slot.calls held.
  ship_verdict gate(shop_slot& slot, const domain::shop& shop, const plugin::order_view& order,
                    const platform_link& link) {
    ship_verdict verdict;
    for (const auto& module_id : shop.modules) {
      auto module = module_for(slot, shop, module_id);
      if (!module.ok()) {
        refuse(verdict, module_id,
               "the module is not available, so shipping stays blocked (" + module.err().message + ")");
        continue;
      }
      auto api = api_for(shop, module_id, link);
      auto answer = (*module)->check_ship(order, api);
      if (!answer.ok()) {
        failure(shop, module_id, "check_ship", answer.err());
        refuse(verdict, module_id,
               "could not check whether the order may ship, so shipping stays blocked (" +
                   answer.err().message + ")");
      } else if (!answer->allowed) {
        refuse(verdict, module_id,
               answer->reason.empty() ? "the module does not allow shipping yet" : answer->reason);
      }
    }
    return verdict;
  }

  static void refuse(ship_verdict& verdict, const std::string& module_id, std::string reason) {
    verdict.allowed = false;
    if (!verdict.reason.empty()) verdict.reason += "; ";
    verdict.reason += module_id + ": " + reason;
    verdict.refusals.push_back({module_id, std::move(reason)});
  }
};

namespace {

plugin::result<void> check_link(const domain::shop& shop, const platform_link& link) {
  if (link.ref.id != shop.id)
    return make_error(errc::invalid_argument, "the platform link is for shop " + link.ref.id +
                                                  ", but the call is for shop " + shop.id);
  if (shop.state == domain::shop_state::disconnected)
    return make_error(errc::failed_precondition,
                      "shop " + shop.id + " is disconnected: no platform call is made for it");
  return {};
}

plugin::result<void> check_order(const domain::shop& shop, const plugin::order_view& order) {
  if (order.shop_id != shop.id)
    return make_error(errc::invalid_argument,
                      "order " + order.order_id + " belongs to shop " + order.shop_id + ", not " + shop.id);
  return {};
}

ship_verdict refused_by_host(const plugin::error& e) {
  ship_verdict verdict;
  market_service::impl::refuse(verdict, "host", e.message);
  return verdict;
}

bool uses_module(const domain::shop& shop, std::string_view module_id) {
  return std::find(shop.modules.begin(), shop.modules.end(), module_id) != shop.modules.end();
}

bool has_package(const plugin::order_view& order, std::string_view package_id) {
  if (std::find(order.package_ids.begin(), order.package_ids.end(), package_id) != order.package_ids.end())
    return true;
  return std::any_of(order.lines.begin(), order.lines.end(),
                     [&](const plugin::order_line_view& l) { return l.package_id == package_id; });
}

}  // namespace

market_service::market_service(plugins::plugin_host& host, market_settings settings, storage::database& db)
    : impl_(std::make_unique<impl>(host, std::move(settings), db)) {}

market_service::~market_service() = default;

order_actions market_service::actions_for(const domain::shop& shop, const plugin::order_view& order) {
  order_actions out;
  if (auto ok = check_order(shop, order); !ok) {
    out.failures.push_back({"host", ok.err()});
    return out;
  }
  if (shop.state == domain::shop_state::disconnected) {
    out.failures.push_back(
        {"host", make_error(errc::failed_precondition, "shop " + shop.id + " is disconnected")});
    return out;
  }
  auto slot = impl_->slot_for(shop.id);
  std::lock_guard lock(slot->calls);
  for (const auto& module_id : shop.modules) {
    auto module = impl_->module_for(*slot, shop, module_id);
    if (!module.ok()) {
      out.failures.push_back({module_id, module.err()});
      continue;
    }
    std::vector<plugin::action_spec> specs;
    try {
      specs = (*module)->actions();
    } catch (const std::exception& e) {
      out.failures.push_back(impl_->failure(shop, module_id, "actions()",
                                            make_error(errc::internal, std::string("threw: ") + e.what())));
      continue;
    } catch (...) {
      out.failures.push_back(impl_->failure(shop, module_id, "actions()",
                                            make_error(errc::internal, "threw a non-standard exception")));
      continue;
    }
    for (auto& spec : specs) {
      module_action a{module_id, std::move(spec), {}};
      auto state = (*module)->action_state_for(a.spec.name, order);
      if (state.ok()) {
        a.state = std::move(state.value());
      } else {
        impl_->failure(shop, module_id, "action_state_for(" + a.spec.name + ")", state.err());
        a.state.applies = true;
        a.state.enabled = false;
        a.state.reason = "Could not check this action: " + state.err().message;
      }
      out.actions.push_back(std::move(a));
    }
  }
  return out;
}

plugin::result<plugin::action_outcome> market_service::run_action(
    const domain::shop& shop, std::string_view module_id, std::string_view action,
    const plugin::order_view& order, const plugin::action_input& input, const platform_link& link) {
  const std::string id(module_id);
  if (!uses_module(shop, module_id))
    return make_error(errc::not_found, "shop " + shop.id + " does not use module " + id);
  if (auto ok = check_link(shop, link); !ok) return ok.err();
  if (auto ok = check_order(shop, order); !ok) return ok.err();
  auto slot = impl_->slot_for(shop.id);
  std::lock_guard lock(slot->calls);
  auto module = impl_->module_for(*slot, shop, id);
  if (!module.ok()) return module.err();
  bool known = false;
  try {
    auto specs = (*module)->actions();
    known = std::any_of(specs.begin(), specs.end(),
                        [&](const plugin::action_spec& s) { return s.name == action; });
  } catch (...) {
    return impl_->failure(shop, id, "actions()", make_error(errc::internal, "actions() threw")).error;
  }
  if (!known)
    return make_error(errc::not_found, "module " + id + " has no action \"" + std::string(action) + "\"");
  auto state = (*module)->action_state_for(action, order);
  if (!state.ok())
    return impl_->failure(shop, id, "action_state_for(" + std::string(action) + ")", state.err()).error;
  if (!state->applies || !state->enabled) {
    std::string reason = state->reason.empty()
                             ? (state->applies ? "it may not run now" : "it does not apply to this order")
                             : state->reason;
    return make_error(errc::failed_precondition, "action \"" + std::string(action) + "\" of module " + id +
                                                     " on order " + order.order_id + ": " + reason);
  }
  auto api = impl_->api_for(shop, id, link);
  auto outcome = (*module)->run_action(action, order, input, api);
  if (!outcome.ok()) return impl_->failure(shop, id, "action " + std::string(action), outcome.err()).error;
  log::info(component, "module " + id + " ran " + std::string(action) + " on order " + order.order_id +
                           " of shop " + shop.id);
  return outcome;
}

ship_verdict market_service::check_ship(const domain::shop& shop, const plugin::order_view& order,
                                        const platform_link& link) {
  if (auto ok = check_link(shop, link); !ok) return refused_by_host(ok.err());
  if (auto ok = check_order(shop, order); !ok) return refused_by_host(ok.err());
  auto slot = impl_->slot_for(shop.id);
  std::lock_guard lock(slot->calls);
  return impl_->gate(*slot, shop, order, link);
}

plugin::result<tiktok::write_outcome> market_service::ship(const domain::shop& shop,
                                                           const plugin::order_view& order,
                                                           std::string_view package_id,
                                                           const tiktok::ship_package_request& request,
                                                           const platform_link& link) {
  if (auto ok = check_order(shop, order); !ok) return ok.err();
  if (package_id.empty() || !has_package(order, package_id))
    return make_error(errc::invalid_argument, "package \"" + std::string(package_id) +
                                                  "\" is not a package of order " + order.order_id);
  if (auto ok = check_link(shop, link); !ok)
    return make_error(ok.err().code,
                      "package " + std::string(package_id) + " may not ship: " + ok.err().message);
  // The shop's lock is held from the gate to the platform's answer, so no module action runs in between.
  auto slot = impl_->slot_for(shop.id);
  std::lock_guard lock(slot->calls);
  auto verdict = impl_->gate(*slot, shop, order, link);
  if (!verdict.allowed) {
    log::info(component, "shipping package " + std::string(package_id) + " of order " + order.order_id +
                             " refused: " + verdict.reason);
    return make_error(errc::failed_precondition, "package " + std::string(package_id) + " of order " +
                                                     order.order_id + " may not ship: " + verdict.reason);
  }
  auto shipped = tiktok::ship_package(link.client, link.ref, package_id, request);
  if (!shipped.ok()) return to_module_error(shipped.err());
  return std::move(shipped.value());
}

std::vector<module_failure> market_service::order_changed(const domain::shop& shop,
                                                          const plugin::order_view& order,
                                                          const platform_link& link) {
  std::vector<module_failure> failures;
  if (auto ok = check_link(shop, link); !ok) return {{"host", ok.err()}};
  if (auto ok = check_order(shop, order); !ok) return {{"host", ok.err()}};
  auto slot = impl_->slot_for(shop.id);
  std::lock_guard lock(slot->calls);
  for (const auto& module_id : shop.modules) {
    auto module = impl_->module_for(*slot, shop, module_id);
    if (!module.ok()) {
      failures.push_back({module_id, module.err()});
      continue;
    }
    auto api = impl_->api_for(shop, module_id, link);
    auto done = (*module)->on_order_changed(order, api);
    if (!done.ok())
      failures.push_back(
          impl_->failure(shop, module_id, "on_order_changed(" + order.order_id + ")", done.err()));
  }
  return failures;
}

std::vector<module_failure> market_service::dispatch_event(const domain::shop& shop, int type,
                                                           std::string_view data_json,
                                                           const platform_link& link) {
  std::vector<module_failure> failures;
  if (auto ok = check_link(shop, link); !ok) return {{"host", ok.err()}};
  auto slot = impl_->slot_for(shop.id);
  std::lock_guard lock(slot->calls);
  for (const auto& module_id : shop.modules) {
    auto module = impl_->module_for(*slot, shop, module_id);
    if (!module.ok()) {
      failures.push_back({module_id, module.err()});
      continue;
    }
    auto api = impl_->api_for(shop, module_id, link);
    auto done = (*module)->on_event(type, data_json, api);
    if (!done.ok())
      failures.push_back(
          impl_->failure(shop, module_id, "on_event(type " + std::to_string(type) + ")", done.err()));
  }
  return failures;
}

void market_service::release_shop(std::string_view shop_id) {
  std::shared_ptr<shop_slot> slot;
  {
    std::lock_guard lock(impl_->slots_mu);
    auto it = impl_->slots.find(shop_id);
    if (it == impl_->slots.end()) return;
    slot = std::move(it->second);
    impl_->slots.erase(it);
  }
  std::lock_guard lock(slot->calls);  // waits for a call in progress
  slot->modules.clear();
}

std::vector<std::string> market_service::instantiated_modules(std::string_view shop_id) const {
  std::shared_ptr<shop_slot> slot;
  {
    std::lock_guard lock(impl_->slots_mu);
    auto it = impl_->slots.find(shop_id);
    if (it == impl_->slots.end()) return {};
    slot = it->second;
  }
  std::lock_guard lock(slot->calls);
  std::vector<std::string> out;
  for (const auto& [id, module] : slot->modules) out.push_back(id);
  return out;
}

}  // namespace kingkung::markets
