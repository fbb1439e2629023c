// The registry of transport and market module factories, and the registrar a plugin's register
// function fills. Registrations are staged per plugin and committed only when the plugin is accepted,
// so a refused plugin leaves nothing behind.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/registrar.hpp"

namespace boost::dll {
class shared_library;
}

namespace kingkung::plugins::detail {

class plugin_context;

// What an accepted plugin keeps alive: held by the registry and by every object the plugin created.
struct plugin_record {
  std::string id;
  std::string origin;  // the library file, or "(in process)"
  // Declared first so it is destroyed last: the library outlives the context and everything else.
  std::shared_ptr<boost::dll::shared_library> library;  // null for in-process plugins
  std::shared_ptr<const plugin_context> context;
};

template <class Factory>
struct component {
  Factory factory = nullptr;
  std::shared_ptr<const plugin_record> owner;
};
using transport_component = component<plugin::transport_factory>;
using market_module_component = component<plugin::market_module_factory>;

class registry;

// Collects one plugin's registrations during its register call. Names are checked against the
// registry and against what this plugin already staged; the first problem is remembered so the host
// refuses the plugin even when the plugin ignores the returned error.
class staging_registrar final : public plugin::registrar {
 public:
  explicit staging_registrar(const registry& committed) : committed_(committed) {}

  plugin::result<void> add_transport(std::string_view name,
                                     plugin::transport_factory factory) noexcept override;
  plugin::result<void> add_market_module(std::string_view name,
                                         plugin::market_module_factory factory) noexcept override;

  const std::string& first_error() const { return first_error_; }
  std::vector<std::string> transport_names() const;
  std::vector<std::string> market_module_names() const;

 private:
  friend class registry;
  plugin::result<void> fail(plugin::errc code, std::string message);

  const registry& committed_;
  std::map<std::string, plugin::transport_factory, std::less<>> transports_;
  std::map<std::string, plugin::market_module_factory, std::less<>> market_modules_;
  std::string first_error_;
};

// Thread-safe.
class registry {
 public:
  // Adds the plugin and everything it staged, or nothing when a name or the id is taken by now.
  plugin::result<void> commit(const staging_registrar& staged, std::shared_ptr<const plugin_record> owner);

  std::optional<transport_component> transport(std::string_view name) const;
  std::optional<market_module_component> market_module(std::string_view name) const;
  std::vector<std::string> transport_names() const;      // sorted
  std::vector<std::string> market_module_names() const;  // sorted

  // The plugin id that registered a name, if any.
  std::optional<std::string> transport_owner(std::string_view name) const;
  std::optional<std::string> market_module_owner(std::string_view name) const;
  // Where an accepted plugin was loaded from, if one with this id is loaded.
  std::optional<std::string> origin_of(std::string_view plugin_id) const;

  // Drops every plugin and factory; objects already created keep their own library reference.
  void clear();

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const plugin_record>, std::less<>> plugins_;
  std::map<std::string, transport_component, std::less<>> transports_;
  std::map<std::string, market_module_component, std::less<>> market_modules_;
};

}  // namespace kingkung::plugins::detail
