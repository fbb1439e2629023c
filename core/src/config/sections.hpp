// The readers of each config section. Each validates its table completely, reports every problem to the
// diagnostics and fills its part of app_config; the loader (load.cpp) runs them in order.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "config/diagnostics.hpp"
#include "config/environment.hpp"
#include "config/table_reader.hpp"
#include "kingkung/config/config.hpp"

namespace kingkung::config::detail {

struct load_context {
  diagnostics& diag;
  const environment& env;
  std::filesystem::path base_dir;  // the folder holding the config file
  app_config& config;
  // Set when the demo app secret file must be created; done only once the whole file is valid.
  std::filesystem::path demo_secret_to_create;
};

// `table` is null when the section is absent: defaults apply and required keys are reported missing.
void read_server(const toml::table* table, load_context& ctx);
void read_database(const toml::table* table, load_context& ctx);
void read_vault(const toml::table* table, load_context& ctx);
void read_tiktok(const toml::table* table, load_context& ctx);
void read_transports(const toml::table* table, load_context& ctx);
void read_plugins(const toml::table* table, load_context& ctx);
void read_markets(const toml::table* table, load_context& ctx);
void read_shops(const toml::node* shops, load_context& ctx);
void read_sync(const toml::table* table, load_context& ctx);
void read_privacy(const toml::table* table, load_context& ctx);
void read_demo(const toml::table* table, load_context& ctx);
void read_log(const toml::table* table, load_context& ctx);
void read_web(const toml::table* table, load_context& ctx);

// Where the app secret comes from; needs [tiktok] and [demo] read first.
void resolve_app_secret(const toml::table* tiktok, load_context& ctx);

// A component name under `key` (a transport), recorded in app_config::locations. True when set.
bool read_component_name(table_reader& r, std::string_view key, std::string& out, load_context& ctx);
// A list of component names (modules, plugin ids): shape and no repeats; each element's location is
// recorded under "<path>[i]". False when any is wrong.
bool check_name_list(const std::vector<std::string>& names, const std::vector<source_location>& where,
                     const std::string& path, load_context& ctx);

// [plugins.config.<id>] and [markets.<REGION>.<module>]: plain values for a plugin or module.
value_table_ptr read_plain_table(const toml::table& table, const std::string& path, load_context& ctx);

// Value rules shared by the sections (value_rules.cpp).
bool is_component_name(std::string_view name);  // "tiktok-sim", "mx-split", shop keys
bool is_region_code(std::string_view region);   // "MX": two upper-case letters
bool is_ip_address(std::string_view text);      // an IPv4 or IPv6 literal
// An absolute http or https url with a host and no user info, query or fragment.
bool is_http_url(std::string_view text);

// A reader over `table`, or over an empty table when it is null.
table_reader reader_for(const toml::table* table, std::string path, diagnostics& diag);

}  // namespace kingkung::config::detail
