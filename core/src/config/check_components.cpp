// check_components(): every transport and module the config names must be registered by a loaded plugin.
#include <algorithm>

#include "config/diagnostics.hpp"
#include "config/suggestion.hpp"
#include "kingkung/config/config.hpp"

namespace kingkung::config {
namespace {

using detail::quote_text;

class component_checker {
 public:
  component_checker(const app_config& config, const std::vector<std::string>& transports,
                    const std::vector<std::string>& modules)
      : config_(config), transports_(transports), modules_(modules), diag_(config.source_name) {}

  void transport(const std::string& key_path, const std::string& name) {
    check(key_path, name, transports_, "transport");
  }
  void module(const std::string& key_path, const std::string& name) {
    check(key_path, name, modules_, "market module");
  }
  std::vector<config_error> take() { return diag_.take_sorted(); }

 private:
  void check(const std::string& key_path, const std::string& name, const std::vector<std::string>& registered,
             const std::string& kind) {
    if (std::find(registered.begin(), registered.end(), name) != registered.end()) return;
    std::string expected = "a loaded " + kind;
    expected +=
        registered.empty() ? " (none is loaded: check plugins.load)" : " (" + detail::join(registered) + ")";
    diag_.add(config_.location_of(key_path), key_path, std::move(expected), quote_text(name),
              detail::did_you_mean(name, registered));
  }

  const app_config& config_;
  const std::vector<std::string>& transports_;
  const std::vector<std::string>& modules_;
  detail::diagnostics diag_;
};

std::string indexed(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

}  // namespace

std::vector<config_error> check_components(const app_config& config,
                                           const std::vector<std::string>& transports,
                                           const std::vector<std::string>& modules) {
  component_checker check(config, transports, modules);
  check.transport("transports.default", config.default_transport);
  for (const auto& [region, market] : config.markets) {
    const std::string path = "markets." + region;
    if (!market.transport.empty()) check.transport(path + ".transport", market.transport);
    for (std::size_t i = 0; i < market.modules.size(); ++i)
      check.module(indexed(path + ".modules", i), market.modules[i]);
    for (const auto& [name, table] : market.module_config) check.module(path + "." + name, name);
  }
  for (std::size_t s = 0; s < config.shops.size(); ++s) {
    const auto& shop = config.shops[s];
    const std::string path = indexed("shops", s);
    if (!shop.transport.empty()) check.transport(path + ".transport", shop.transport);
    for (std::size_t i = 0; i < shop.modules.size(); ++i)
      check.module(indexed(path + ".modules", i), shop.modules[i]);
  }
  return check.take();
}

}  // namespace kingkung::config
