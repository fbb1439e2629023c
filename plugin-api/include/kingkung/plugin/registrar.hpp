// The registrar a plugin's register function receives. Registration is explicit and happens only
// inside that call; the registrar is valid only during it. Component names are an API: registering a
// name twice (in this plugin or another) is an error.
// Added in 1.0.
#pragma once

#include <memory>
#include <string_view>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/market_module.hpp"
#include "kingkung/plugin/result.hpp"
#include "kingkung/plugin/transport.hpp"

namespace kingkung::plugin {

// Factories are plain functions inside the plugin. The host calls them from any thread, keeps the
// returned object alive only while the plugin's library stays loaded, and destroys it before unloading.
// `ctx` outlives the object. A factory must not throw; it reports failure through the result.
using transport_factory = result<std::unique_ptr<transport>> (*)(const host_context& ctx);
using market_module_factory = result<std::unique_ptr<market_module>> (*)(const host_context& ctx,
                                                                         std::string_view shop_id);

class registrar {
 public:
  virtual ~registrar() = default;
  // Registers a transport under `name` (what a shop's `transport = "..."` selects). 1.0
  virtual result<void> add_transport(std::string_view name, transport_factory factory) noexcept = 0;
  // Registers a market module under `name` (what a shop's `modules = [...]` selects). 1.0
  virtual result<void> add_market_module(std::string_view name, market_module_factory factory) noexcept = 0;
};

}  // namespace kingkung::plugin
