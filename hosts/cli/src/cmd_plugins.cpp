// kingkung plugins list | plugins inspect FILE
//   list     loads the config and its plugins and prints one row per configured plugin; exit 1 when any
//            plugin is refused or missing.
//   inspect  prints a plugin file's descriptor and whether this host would load it; needs no config.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "commands.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/plugins/plugin_host.hpp"

namespace kingkung::cli {
namespace {

constexpr const char* usage_text =
    "usage: kingkung [--config FILE] plugins list\n"
    "       kingkung plugins inspect FILE\n";

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string kinds_text(std::uint32_t kinds) {
  std::vector<std::string> names;
  if (kinds & plugin::kind_transport) names.emplace_back("transport");
  if (kinds & plugin::kind_market_module) names.emplace_back("market-module");
  if (std::uint32_t unknown = kinds & ~std::uint32_t{plugin::kind_transport | plugin::kind_market_module}) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%x", unknown);
    names.emplace_back(hex);
  }
  return names.empty() ? "none" : join(names, ", ");
}

std::string api_text(const plugins::descriptor_info& d) {
  return std::to_string(d.api_major) + "." + std::to_string(d.api_minor);
}

std::string components_text(const plugins::load_report& r) {
  std::vector<std::string> parts;
  if (!r.transports.empty()) parts.push_back("transports: " + join(r.transports, ", "));
  if (!r.market_modules.empty()) parts.push_back("market modules: " + join(r.market_modules, ", "));
  return parts.empty() ? "-" : join(parts, "; ");
}

void print_table(const std::vector<std::vector<std::string>>& rows, const std::vector<std::string>& reasons) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      line += rows[r][c];
      if (c + 1 < rows[r].size()) line += std::string(widths[c] - rows[r][c].size() + 2, ' ');
    }
    std::printf("%s\n", line.c_str());
    if (r > 0 && !reasons[r - 1].empty()) std::printf("    reason: %s\n", reasons[r - 1].c_str());
  }
}

int list(const invocation& in) {
  auto loaded = config::load(in.config_path);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.message().c_str());
    return 1;
  }
  const config::app_config& cfg = *loaded.config;
  const auto dir = cfg.plugins.dir.empty() ? plugins::plugin_host::default_plugin_dir() : cfg.plugins.dir;
  std::printf("plugin folder: %s\n", dir.string().c_str());
  if (cfg.plugins.load.empty()) {
    std::printf("no plugins configured (plugins.load is empty in %s)\n", in.config_path.string().c_str());
    return 0;
  }

  // The table says everything the host would log about each plugin.
  log::set_level(log::level::error);
  plugins::host_services services;
  services.plugin_config = cfg.plugins.plugin_config;
  plugins::plugin_host host(std::move(services));
  const auto reports = host.load_configured(dir, cfg.plugins.load);

  std::vector<std::vector<std::string>> rows{{"ID", "VERSION", "API", "KINDS", "STATUS", "COMPONENTS"}};
  std::vector<std::string> reasons;
  bool all_loaded = true;
  for (const auto& r : reports) {
    const auto& d = r.descriptor;
    const bool has_fields = d && !d->id.empty();
    rows.push_back({r.plugin_id, has_fields ? d->version : "-", d ? api_text(*d) : "-",
                    has_fields ? kinds_text(d->kinds) : "-", std::string(plugins::to_string(r.status)),
                    components_text(r)});
    reasons.push_back(r.reason);
    all_loaded = all_loaded && r.status == plugins::load_status::loaded;
  }
  print_table(rows, reasons);
  return all_loaded ? 0 : 1;
}

void field(const char* name, const std::string& value) {
  std::printf("%-17s %s\n", name, value.c_str());
}

int inspect(const std::filesystem::path& file) {
  const auto report = plugins::plugin_host::inspect(file);
  field("file:", file.string());
  if (const auto& d = report.descriptor) {
    const bool has_fields = !d->id.empty() || !d->build_tag.empty();
    if (has_fields) {
      field("id:", d->id);
      field("version:", d->version);
      field("description:", d->description);
    }
    field("API version:", api_text(*d) + " (host provides " + std::to_string(plugin::api_major) + "." +
                              std::to_string(plugin::api_minor) + ")");
    field("descriptor size:", std::to_string(d->descriptor_size) + " bytes");
    if (has_fields) {
      field("kinds:", kinds_text(d->kinds));
      field("build tag:", d->build_tag + " (host expects " KINGKUNG_PLUGIN_BUILD_TAG ")");
    }
  }
  if (report.status == plugins::load_status::loaded) {
    field("transports:", report.transports.empty() ? "-" : join(report.transports, ", "));
    field("market modules:", report.market_modules.empty() ? "-" : join(report.market_modules, ", "));
    std::printf("would load\n");
    return 0;
  }
  std::printf("would be refused: %s\n", report.reason.c_str());
  return 1;
}

}  // namespace

int cmd_plugins(const invocation& in) {
  if (in.args.size() == 1 && in.args[0] == "list") return list(in);
  if (in.args.size() == 2 && in.args[0] == "inspect") return inspect(in.args[1]);
  std::fprintf(stderr, "%s", usage_text);
  return 2;
}

}  // namespace kingkung::cli
