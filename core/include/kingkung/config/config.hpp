// The product's configuration, read from TOML (config/kingkung.toml is the demo default) and validated
// completely before anything starts. Relative paths are resolved against the folder holding the config
// file. Secrets come from the environment or from files, never from the TOML text itself.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kingkung/common/secret.hpp"
#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::config {

// Where a key or value sits in the config file (1-based; 0 when unknown).
struct source_location {
  unsigned line = 0;
  unsigned column = 0;
};

struct tls_config {
  bool enabled = false;
  std::filesystem::path cert_file;  // PEM chain
  std::filesystem::path key_file;   // PEM private key
};

struct server_config {
  std::string listen_address = "127.0.0.1";
  std::uint16_t port = 8080;
  unsigned threads = 0;                    // 0: one per core
  std::string public_url;                  // e.g. https://seller.example.com (OAuth redirect, links)
  tls_config tls;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  unsigned read_timeout_seconds = 30;
  unsigned idle_timeout_seconds = 60;
  unsigned max_connections = 1024;
  bool run_sync_workers = true;            // false: sync runs in `kingkung serve-sync` only
  std::filesystem::path static_dir;        // UI assets; empty: built-in location
  unsigned write_timeout_seconds = 30;     // time allowed to write one response
  unsigned stop_grace_seconds = 10;        // how long a stop lets requests in flight finish
  unsigned max_requests_per_connection = 1000;  // then the connection is closed; 0: no cap
};

struct database_config {
  std::string url;          // "sqlite3:PATH" or "mysql://user:pass@host:port/db"; password is secret
  unsigned pool_size = 4;
  // The url as printed anywhere: the password replaced by "[redacted]".
  std::string redacted_url() const;
};

struct vault_config {
  std::filesystem::path key_file;   // created with mode 0600 on first start when missing
  // The master key may instead come from KINGKUNG_MASTER_KEY (base64 of 32 bytes); it wins over the file.
  secret master_key;                // the base64 text of KINGKUNG_MASTER_KEY when set (checked: 32 bytes)
};

struct tiktok_config {
  std::string app_key;
  secret app_secret;                 // from KINGKUNG_TIKTOK_APP_SECRET or app_secret_file
  std::string app_secret_source;     // "env KINGKUNG_TIKTOK_APP_SECRET" or the file path, for messages
  std::filesystem::path app_secret_file;  // as configured (absolute); empty when not set
  std::string service_id;            // for the seller authorization page
  std::string authorize_url = "https://services.tiktokshop.com/open/authorize";
  unsigned qps_per_api = 20;         // calls per shop and API in any one second; the platform allows 50
  unsigned max_retries = 4;
  unsigned backoff_base_ms = 200;
  unsigned backoff_cap_ms = 10000;
};

// A table of plain values handed to a plugin as its config view ([plugins.config.<id>]) or to a
// market module ([markets.<REGION>.<module>]).
struct value_table;
using value_table_ptr = std::shared_ptr<const plugin::config_view>;

struct plugins_config {
  std::filesystem::path dir;               // empty: next to the executables (../plugins, ../lib/kingkung/plugins)
  std::vector<std::string> load;           // plugin ids; lib<id>.so in dir
  std::map<std::string, value_table_ptr> plugin_config;  // [plugins.config.<id>]
};

struct market_config {
  std::string region;                      // "MX", "BR", ...
  std::vector<std::string> modules;        // market modules every shop of the region gets by default
  std::string transport;                   // transport for the region's shops; empty: [transports] default
  std::map<std::string, value_table_ptr> module_config;  // [markets.<REGION>.<module>] tables
};

// A shop this deployment knows by config: demo shops on the simulator, or rules for connected shops.
struct shop_config {
  std::string key;              // config name, e.g. "demo-mx"
  std::string shop_id;          // platform shop id (demo shops: the simulator's id)
  std::string name;
  std::string region;
  std::string seller_type;      // "CROSS_BORDER" or "LOCAL"
  std::string transport;        // registered transport name, e.g. "tiktok-sim"
  std::vector<std::string> modules;  // empty: the market default (unless modules_set)
  bool modules_set = false;     // `modules` was written, so `modules = []` means none, not the default
  bool demo = false;            // connect automatically on the simulator, with the demo seller as owner
};

struct sync_config {
  unsigned interval_seconds = 60;
  unsigned overlap_seconds = 300;
  unsigned backfill_days = 30;
  unsigned reconcile_hours = 24;
  unsigned lease_seconds = 120;
  unsigned workers = 2;
  unsigned reconcile_window_days = 30;   // history the reconciliation pass re-reads
  unsigned write_back_max_attempts = 8;  // attempts of a queued write-back before it fails
};

struct privacy_config {
  unsigned retention_days = 30;
};

struct demo_config {
  bool enabled = false;
  std::string seller_name = "Demo Seller";
  std::string email;            // the demo sign-in shown on the review guide
  std::string password;         // demo only; never a real account
};

struct log_config {
  std::string level = "info";
};

// [web.sessions]: how long a seller's sign-in lasts.
struct web_sessions_config {
  unsigned idle_minutes = 30;    // a session not used for this long ends
  unsigned absolute_hours = 12;  // a session ends this long after sign-in, however busy
};

struct web_config {
  web_sessions_config sessions;
};

struct app_config {
  std::filesystem::path source;      // the config file
  std::string source_name;           // the config file as named when loaded, for messages
  std::string default_transport = "tiktok-live";  // [transports] default
  server_config server;
  database_config database;
  vault_config vault;
  tiktok_config tiktok;
  plugins_config plugins;
  std::map<std::string, market_config> markets;  // by region
  std::vector<shop_config> shops;
  sync_config sync;
  privacy_config privacy;
  demo_config demo;
  log_config log;
  web_config web;

  // The transport and modules a shop gets: its own entries, else the market's, else the defaults.
  std::string transport_for(const shop_config& shop) const;
  std::vector<std::string> modules_for(const shop_config& shop) const;

  // Where each component-naming value sits in the file, by key path: "transports.default",
  // "shops[0].transport", "shops[0].modules[1]", "markets.MX.transport", "markets.MX.modules[0]",
  // "markets.MX.mx-split", "plugins.load[2]", "plugins.config.tiktok-sim".
  std::map<std::string, source_location> locations;
  source_location location_of(const std::string& key_path) const;  // {0, 0} when unknown
};

// One problem found in a config file. `to_string()` gives
// "config/kingkung.toml:12:3: shops[0].transport: expected a loaded transport (tiktok-live, tiktok-sim), found \"tiktok-simm\" (did you mean \"tiktok-sim\"?)".
struct config_error {
  std::string file;
  unsigned line = 0;      // 0 when unknown
  unsigned column = 0;
  std::string key_path;   // e.g. "shops[0].transport"
  std::string expected;
  std::string found;
  std::string hint;       // "did you mean ...", may be empty
  std::string to_string() const;
};

struct load_options {
  // Read secrets from this environment instead of the process environment (tests).
  std::map<std::string, std::string>* environment = nullptr;
};

// Parses and validates the file. On failure every problem found is returned, in file order (problems
// without a position last), and `config` is empty. Every secret found is registered with
// kingkung::log::add_redaction. Only a valid file creates anything: the demo app secret file, when [demo]
// is enabled and tiktok.app_secret_file names a missing file.
struct load_result {
  std::optional<app_config> config;
  std::vector<config_error> errors;
  bool ok() const { return config.has_value() && errors.empty(); }
  std::string message() const;  // all errors, one per line
};
load_result load(const std::filesystem::path& file, const load_options& options = {});

// Checks that every transport and module the config names is registered (after plugins loaded): the
// default transport, each market's and shop's transport and modules, and each [markets.R.<module>] table.
// Errors are in file order and carry the location of the offending value.
std::vector<config_error> check_components(const app_config& config,
                                           const std::vector<std::string>& transports,
                                           const std::vector<std::string>& modules);

}  // namespace kingkung::config
