// [transports], [plugins], [markets]: which components run and their config tables
#include <algorithm>
#include <cctype>
#include <system_error>

#include "config/sections.hpp"
#include "config/suggestion.hpp"

namespace kingkung::config::detail {
namespace {

constexpr std::string_view name_rule = "a name of lower-case letters, digits and '-', such as \"tiktok-sim\"";

}  // namespace

bool check_name_list(const std::vector<std::string>& names, const std::vector<source_location>& where,
                     const std::string& path, load_context& ctx) {
  bool ok = true;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string element = element_path(path, i);
    if (!is_component_name(names[i])) {
      ctx.diag.add(where[i], element, std::string(name_rule), "a string " + quote_text(names[i]));
      ok = false;
      continue;
    }
    auto first = std::find(names.begin(), names.end(), names[i]);
    if (first != names.begin() + static_cast<std::ptrdiff_t>(i)) {
      auto j = static_cast<std::size_t>(first - names.begin());
      ctx.diag.add(where[i], element, "each name once", quote_text(names[i]) + " again",
                   "already listed at " + element_path(path, j));
      ok = false;
      continue;
    }
    ctx.config.locations[element] = where[i];
  }
  return ok;
}

bool read_component_name(table_reader& r, std::string_view key, std::string& out, load_context& ctx) {
  std::string name;
  if (!r.read(key, name)) return false;
  if (!is_component_name(name)) {
    r.invalid(key, std::string(name_rule));
    return false;
  }
  out = std::move(name);
  ctx.config.locations[r.key_path(key)] = r.where(key);
  return true;
}

namespace {

void read_market(const std::string& region, const toml::table& table, load_context& ctx) {
  const std::string path = "markets." + region;
  table_reader r(table, path, ctx.diag);
  market_config market;
  market.region = region;
  std::vector<std::string> modules;
  std::vector<source_location> where;
  if (r.read("modules", modules, &where) && check_name_list(modules, where, r.key_path("modules"), ctx))
    market.modules = std::move(modules);
  read_component_name(r, "transport", market.transport, ctx);

  const std::vector<std::string> own_keys = {"modules", "transport"};
  for (const auto& [k, node] : table) {
    const std::string key(k.str());
    if (key == "modules" || key == "transport") continue;
    const std::string key_path = child_path(path, key);
    if (const auto* module_table = node.as_table()) {
      if (!is_component_name(key)) {
        ctx.diag.add(location_of(k), key_path,
                     "a module's table named for the module, " + std::string(name_rule), quote_text(key));
        continue;
      }
      market.module_config[key] = read_plain_table(*module_table, key_path, ctx);
      ctx.config.locations[key_path] = location_of(k);
      continue;
    }
    std::string hint = did_you_mean(key, own_keys);
    ctx.diag.add(
        location_of(k), key_path,
        "a known key of [" + path + "] (modules, transport) or a module's table [" + path + ".<module>]",
        quote_text(key), hint);
  }
  ctx.config.markets[region] = std::move(market);
}

}  // namespace

void read_transports(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "transports", ctx.diag);
  r.reject_unknown_keys({"default"});
  read_component_name(r, "default", ctx.config.default_transport, ctx);
}

void read_plugins(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "plugins", ctx.diag);
  auto& plugins = ctx.config.plugins;
  r.reject_unknown_keys({"dir", "load", "config"});
  if (r.read_path("dir", plugins.dir, ctx.base_dir) && !plugins.dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(plugins.dir, ec))
      r.invalid("dir", "an existing folder holding lib<id>.so files (or \"\" for the default)",
                "no folder at " + plugins.dir.string());
  }
  std::vector<std::string> load;
  std::vector<source_location> where;
  if (r.read("load", load, &where) && check_name_list(load, where, r.key_path("load"), ctx))
    plugins.load = std::move(load);

  const toml::table* config = r.read_table("config");
  if (config == nullptr) return;
  for (const auto& [k, node] : *config) {
    const std::string id(k.str());
    const std::string path = child_path("plugins.config", id);
    const auto* plugin_table = node.as_table();
    if (plugin_table == nullptr) {
      ctx.diag.add(location_of(node), path, "a table [" + path + "] of the plugin's settings",
                   describe(node));
      continue;
    }
    if (std::find(plugins.load.begin(), plugins.load.end(), id) == plugins.load.end()) {
      std::string expected = "a plugin named in plugins.load";
      if (!plugins.load.empty()) expected += " (" + join(plugins.load) + ")";
      ctx.diag.add(location_of(k), path, expected, quote_text(id), did_you_mean(id, plugins.load));
    }
    plugins.plugin_config[id] = read_plain_table(*plugin_table, path, ctx);
    ctx.config.locations[path] = location_of(k);
  }
}

void read_markets(const toml::table* table, load_context& ctx) {
  if (table == nullptr) return;
  for (const auto& [k, node] : *table) {
    const std::string region(k.str());
    const std::string path = child_path("markets", region);
    bool ok = true;
    if (!is_region_code(region)) {
      std::string upper = region;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      std::string hint = is_region_code(upper) ? "did you mean \"" + upper + "\"?" : std::string();
      ctx.diag.add(location_of(k), path, "a two-letter upper-case region code such as \"MX\"",
                   quote_text(region), hint);
      ok = false;
    }
    const auto* market_table = node.as_table();
    if (market_table == nullptr) {
      ctx.diag.add(location_of(node), path, "a table [" + path + "]", describe(node));
      ok = false;
    }
    if (ok) read_market(region, *market_table, ctx);
  }
}

}  // namespace kingkung::config::detail
