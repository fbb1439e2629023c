#include "plugins/registry.hpp"

#include "plugins/descriptor_check.hpp"

namespace kingkung::plugins::detail {
namespace {

template <class Map>
std::vector<std::string> names_of(const Map& map) {
  std::vector<std::string> names;
  names.reserve(map.size());
  for (const auto& [name, unused] : map) names.push_back(name);
  return names;
}

std::string already_registered(std::string_view kind, std::string_view name, std::string_view owner) {
  return std::string(kind) + " " + quote(name) + " is already registered by plugin " + quote(owner);
}

}  // namespace

plugin::result<void> staging_registrar::fail(plugin::errc code, std::string message) {
  if (first_error_.empty()) first_error_ = message;
  return plugin::make_error(code, std::move(message));
}

plugin::result<void> staging_registrar::add_transport(std::string_view name,
                                                      plugin::transport_factory factory) noexcept {
  try {
    if (!is_valid_component_name(name))
      return fail(plugin::errc::invalid_argument,
                  "transport name: expected 1 to 64 characters of [a-z0-9._-], found " + quote(name));
    if (factory == nullptr)
      return fail(plugin::errc::invalid_argument, "transport " + quote(name) + ": factory is null");
    if (transports_.find(name) != transports_.end())
      return fail(plugin::errc::failed_precondition, "transport " + quote(name) + " is registered twice");
    if (auto owner = committed_.transport_owner(name))
      return fail(plugin::errc::failed_precondition, already_registered("transport", name, *owner));
    transports_.emplace(std::string(name), factory);
    return {};
  } catch (const std::exception& e) {
    return plugin::make_error(plugin::errc::internal, std::string("registering a transport: ") + e.what());
  }
}

plugin::result<void> staging_registrar::add_market_module(std::string_view name,
                                                          plugin::market_module_factory factory) noexcept {
  try {
    if (!is_valid_component_name(name))
      return fail(plugin::errc::invalid_argument,
                  "market module name: expected 1 to 64 characters of [a-z0-9._-], found " + quote(name));
    if (factory == nullptr)
      return fail(plugin::errc::invalid_argument, "market module " + quote(name) + ": factory is null");
    if (market_modules_.find(name) != market_modules_.end())
      return fail(plugin::errc::failed_precondition, "market module " + quote(name) + " is registered twice");
    if (auto owner = committed_.market_module_owner(name))
      return fail(plugin::errc::failed_precondition, already_registered("market module", name, *owner));
    market_modules_.emplace(std::string(name), factory);
    return {};
  } catch (const std::exception& e) {
    return plugin::make_error(plugin::errc::internal,
                              std::string("registering a market module: ") + e.what());
  }
}

std::vector<std::string> staging_registrar::transport_names() const {
  return names_of(transports_);
}

std::vector<std::string> staging_registrar::market_module_names() const {
  return names_of(market_modules_);
}

plugin::result<void> registry::commit(const staging_registrar& staged,
                                      std::shared_ptr<const plugin_record> owner) {
  std::lock_guard lock(mutex_);
  if (auto it = plugins_.find(owner->id); it != plugins_.end())
    return plugin::make_error(
        plugin::errc::failed_precondition,
        "duplicate plugin id " + quote(owner->id) + ": already loaded from " + it->second->origin);
  for (const auto& [name, unused] : staged.transports_)
    if (auto it = transports_.find(name); it != transports_.end())
      return plugin::make_error(plugin::errc::failed_precondition,
                                already_registered("transport", name, it->second.owner->id));
  for (const auto& [name, unused] : staged.market_modules_)
    if (auto it = market_modules_.find(name); it != market_modules_.end())
      return plugin::make_error(plugin::errc::failed_precondition,
                                already_registered("market module", name, it->second.owner->id));

  for (const auto& [name, factory] : staged.transports_)
    transports_.emplace(name, transport_component{factory, owner});
  for (const auto& [name, factory] : staged.market_modules_)
    market_modules_.emplace(name, market_module_component{factory, owner});
  plugins_.emplace(owner->id, std::move(owner));
  return {};
}

std::optional<transport_component> registry::transport(std::string_view name) const {
  std::lock_guard lock(mutex_);
  if (auto it = transports_.find(name); it != transports_.end()) return it->second;
  return std::nullopt;
}

std::optional<market_module_component> registry::market_module(std::string_view name) const {
  std::lock_guard lock(mutex_);
  if (auto it = market_modules_.find(name); it != market_modules_.end()) return it->second;
  return std::nullopt;
}

std::vector<std::string> registry::transport_names() const {
  std::lock_guard lock(mutex_);
  return names_of(transports_);
}

std::vector<std::string> registry::market_module_names() const {
  std::lock_guard lock(mutex_);
  return names_of(market_modules_);
}

std::optional<std::string> registry::transport_owner(std::string_view name) const {
  std::lock_guard lock(mutex_);
  if (auto it = transports_.find(name); it != transports_.end()) return it->second.owner->id;
  return std::nullopt;
}

std::optional<std::string> registry::market_module_owner(std::string_view name) const {
  std::lock_guard lock(mutex_);
  if (auto it = market_modules_.find(name); it != market_modules_.end()) return it->second.owner->id;
  return std::nullopt;
}

std::optional<std::string> registry::origin_of(std::string_view plugin_id) const {
  std::lock_guard lock(mutex_);
  if (auto it = plugins_.find(plugin_id); it != plugins_.end()) return it->second->origin;
  return std::nullopt;
}

void registry::clear() {
  std::map<std::string, std::shared_ptr<const plugin_record>, std::less<>> plugins;
  std::map<std::string, transport_component, std::less<>> transports;
  std::map<std::string, market_module_component, std::less<>> market_modules;
  {
    std::lock_guard lock(mutex_);
    plugins.swap(plugins_);
    transports.swap(transports_);
    market_modules.swap(market_modules_);
  }
  // Libraries nobody else holds unload here, outside the lock.
}

}  // namespace kingkung::plugins::detail
