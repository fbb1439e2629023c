// kingkung config check: validate the config file, load its plugins, and check every component it names.
#include <cstdio>
#include <string>
#include <vector>

#include "commands.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/plugins/plugin_host.hpp"

namespace kingkung::cli {
namespace {

void print_errors(const std::vector<config::config_error>& errors) {
  for (const auto& e : errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
  std::fprintf(stderr, "config check failed: %zu problem%s\n", errors.size(), errors.size() == 1 ? "" : "s");
}

// A plugin that did not load, as a config error at its place in plugins.load.
config::config_error plugin_error(const config::app_config& cfg, std::size_t index,
                                  const plugins::load_report& report) {
  const std::string key_path = "plugins.load[" + std::to_string(index) + "]";
  auto at = cfg.location_of(key_path);
  config::config_error e;
  e.file = cfg.source_name;
  e.line = at.line;
  e.column = at.column;
  e.key_path = key_path;
  e.expected = "a plugin that loads";
  e.found = std::string(plugins::to_string(report.status)) + " (" + report.reason + ")";
  return e;
}

}  // namespace

int cmd_config_check(const invocation& in) {
  if (in.args.size() != 1 || in.args[0] != "check") {
    std::fprintf(stderr, "usage: kingkung [--config FILE] config check\n");
    return 2;
  }
  auto loaded = config::load(in.config_path);
  if (!loaded.ok()) {
    print_errors(loaded.errors);
    return 1;
  }
  const config::app_config& cfg = *loaded.config;

  plugins::host_services services;
  services.plugin_config = cfg.plugins.plugin_config;
  plugins::plugin_host host(std::move(services));
  const auto dir = cfg.plugins.dir.empty() ? plugins::plugin_host::default_plugin_dir() : cfg.plugins.dir;
  const auto reports = host.load_configured(dir, cfg.plugins.load);

  std::vector<config::config_error> errors;
  std::size_t plugins_loaded = 0;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (reports[i].status == plugins::load_status::loaded)
      ++plugins_loaded;
    else
      errors.push_back(plugin_error(cfg, i, reports[i]));
  }
  // Plugins that failed come first: the components they would have registered are reported after them.
  for (auto& e : config::check_components(cfg, host.transports(), host.market_modules()))
    errors.push_back(std::move(e));
  if (!errors.empty()) {
    print_errors(errors);
    return 1;
  }
  std::printf("config OK: %zu shop%s, %zu plugin%s\n", cfg.shops.size(), cfg.shops.size() == 1 ? "" : "s",
              plugins_loaded, plugins_loaded == 1 ? "" : "s");
  return 0;
}

}  // namespace kingkung::cli
