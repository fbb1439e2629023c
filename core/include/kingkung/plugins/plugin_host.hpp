// The plugin host: loads plugin libraries with Boost.DLL, checks each descriptor before touching any C++
// type of the plugin, registers its factories, and ties every object a plugin creates to its library.
// A bad plugin is refused with a message naming the rule, the expected and the found value; the host
// keeps running. Lifetime: every object handed out holds its plugin's library (and its host_context), so
// it stays usable even after the host is destroyed; a library unloads when neither the host nor any of
// its objects holds it. The rules and messages are in docs/plugin-host.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/plugin.hpp"

namespace kingkung::plugins {

template <class T>
using result = plugin::result<T>;

struct descriptor_info {
  std::uint32_t api_major = 0;
  std::uint32_t api_minor = 0;
  std::uint32_t descriptor_size = 0;
  std::string id;
  std::string version;
  std::uint32_t kinds = 0;
  std::string build_tag;
  std::string description;
};

enum class load_status { loaded, refused, missing };
std::string_view to_string(load_status s);

struct load_report {
  std::string plugin_id;             // as configured, or from the descriptor
  std::filesystem::path file;
  load_status status = load_status::missing;
  std::string reason;                // why refused or missing; empty when loaded
  std::optional<descriptor_info> descriptor;
  std::vector<std::string> transports;     // names registered (when loaded)
  std::vector<std::string> market_modules;
};

// Host services the plugin host hands to plugins.
struct host_services {
  std::shared_ptr<const plugin::clock> clock;                    // null: system clock
  std::filesystem::path data_dir;                                // plugins get data_dir/<plugin-id>
  // [plugins.config.<id>] for each plugin id; a missing id gets an empty view.
  std::map<std::string, std::shared_ptr<const plugin::config_view>> plugin_config;
};

class plugin_host {
 public:
  explicit plugin_host(host_services services = {});
  ~plugin_host();
  plugin_host(const plugin_host&) = delete;
  plugin_host& operator=(const plugin_host&) = delete;

  // The folder the executables expect plugins in when config names none.
  static std::filesystem::path default_plugin_dir();

  // Loads lib<id>.so from `dir` for every id; never throws; one report per id, in order.
  std::vector<load_report> load_configured(const std::filesystem::path& dir, const std::vector<std::string>& ids);
  load_report load_file(const std::filesystem::path& file);
  // Reads and checks a file's descriptor and runs its register function against a scratch registrar,
  // so nothing is registered in any host (kingkung plugins inspect). status `loaded` means "would load".
  // The duplicate-id rule needs a host and is not applied.
  static load_report inspect(const std::filesystem::path& file);
  // Registers an in-process plugin through the same checks and registrar (unit tests, fakes).
  load_report load_in_process(const kingkung_plugin_descriptor& descriptor);

  // Every report so far, in load order. Not to be read while another thread loads.
  const std::vector<load_report>& reports() const;
  std::vector<std::string> transports() const;      // registered names, sorted
  std::vector<std::string> market_modules() const;  // registered names, sorted

  // Creates a transport; the returned object keeps its library loaded. Thread-safe. Errors: not_found for
  // an unknown name; the factory's own error (code kept, message prefixed with the component and plugin);
  // internal when the factory threw or returned no object.
  result<std::shared_ptr<plugin::transport>> make_transport(std::string_view name);
  // Creates a market module for one shop with the module's config table (e.g. [markets.MX.mx-split]).
  result<std::shared_ptr<plugin::market_module>> make_market_module(
      std::string_view name, std::string_view shop_id, std::shared_ptr<const plugin::config_view> config);

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::plugins
