// The runtime every host shares: the config, the database, the token vault and the plugins, started and
// stopped in one fixed order.
//
// Start-up (runtime::start), each step only when the one before succeeded:
//   1. load and validate the config file (config::load);
//   2. set the log level ([log] level) and register the config's secrets for log redaction;
//   3. open the database (storage::database_url::parse against the config folder, storage::database::open)
//      and apply pending migrations (storage::migrate);
//   4. load the vault keyring (vault::keyring::load: KINGKUNG_MASTER_KEY, else vault.key_file, created
//      when missing) and build the token vault;
//   5. load the plugins listed in plugins.load from plugins.dir (empty: plugin_host::default_plugin_dir()),
//      each with its [plugins.config.<id>] table and a data folder next to the database;
//   6. check that every transport and market module the config names is registered
//      (config::check_components). A plugin that is refused or missing is not fatal by itself: it is
//      logged and reported by health(); a shop or market that needs one of its components is.
// A failed step stops start-up: start() returns an error whose message says what failed and where
// (for config problems, one "file:line:column: key: expected ..., found ..." line each), and everything
// opened so far is closed again in the shutdown order.
//
// Shutdown (runtime::shutdown(), also run by the destructor):
//   1. the stop hooks, last registered first (HTTP servers, sync workers): nothing calls into plugins after;
//   2. the kept objects, last kept first (services holding plugin objects: transports, market modules);
//   3. the plugin host (the plugin libraries unload);
//   4. the token vault, then the database (its connections close).
//
// Thread safety: after start() returns, const members and health() may be called from any thread;
// on_stop(), keep() and shutdown() from one thread at a time.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kingkung/config/config.hpp"
#include "kingkung/plugin/result.hpp"
#include "kingkung/plugins/plugin_host.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::vault {
class token_vault;
}

namespace kingkung::app {

template <class T>
using result = plugin::result<T>;

struct runtime_options {
  std::filesystem::path config_file;
  // Read secrets (KINGKUNG_TIKTOK_APP_SECRET, KINGKUNG_DATABASE_PASSWORD, KINGKUNG_MASTER_KEY) from this
  // map instead of the process environment (tests). Must outlive start().
  std::map<std::string, std::string>* environment = nullptr;
};

struct database_health {
  bool ok = false;
  std::string status;   // "ok", or what the ping reported (never the password)
  std::string backend;  // "sqlite" | "mysql"
  std::string url;      // redacted
};

struct plugin_health {
  std::string id;       // as configured in plugins.load
  std::string status;   // "loaded" | "refused" | "missing"
  std::string version;  // the plugin's own version; empty when no descriptor could be read
  std::string reason;   // why refused or missing; empty when loaded
};

struct shop_health {
  std::string key;                   // the shop's name in the config
  std::string transport;             // the transport it gets (its own, its market's or the default)
  std::vector<std::string> modules;  // the market modules it gets
};

struct health_report {
  std::string version;  // product version
  database_health database;
  std::vector<plugin_health> plugins;  // in plugins.load order
  std::vector<shop_health> shops;      // in config order
  // True when the database answers and every configured plugin is loaded.
  bool ok() const;
};

class runtime {
 public:
  static result<std::unique_ptr<runtime>> start(const runtime_options& options);
  ~runtime();
  runtime(const runtime&) = delete;
  runtime& operator=(const runtime&) = delete;

  const config::app_config& config() const noexcept;
  storage::database& database();
  vault::token_vault& vault();
  plugins::plugin_host& plugins();
  // One report per id in plugins.load, in order.
  const std::vector<plugins::load_report>& plugin_reports() const noexcept;
  // The folder plugins get their data folders in: beside the SQLite file, else beside the vault key file.
  const std::filesystem::path& data_dir() const noexcept;

  // Pings the database (an answer is reused for one second; a failure never is); reads the rest from
  // memory.
  health_report health();

  // Registers what must stop first at shutdown (a server's stop(), a worker pool's join).
  void on_stop(std::string name, std::function<void()> stop);
  // Keeps an object alive until shutdown step 2: anything that holds plugin objects.
  void keep(std::shared_ptr<void> holder);
  // Runs the shutdown order; idempotent. After it only health() may still be called (it reports the
  // database as closed).
  void shutdown() noexcept;

  struct impl;

 private:
  explicit runtime(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::app
