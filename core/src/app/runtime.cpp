#include "kingkung/app/runtime.hpp"

#include <exception>
#include <stdexcept>

#include "app/runtime_impl.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/vault/keyring.hpp"

namespace kingkung::app {
namespace {

constexpr std::string_view component = "runtime";

plugin::error startup_error(plugin::errc code, std::string message) {
  return plugin::make_error(code, std::move(message));
}

std::string join_lines(const std::vector<config::config_error>& errors) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : "\n") + e.to_string();
  return out;
}

// Second line of defence: these values are replaced in every later log line.
void register_redactions(const config::app_config& config, const storage::database_url& url) {
  if (!config.tiktok.app_secret.empty()) log::add_redaction(config.tiktok.app_secret.reveal());
  if (!url.password.empty()) log::add_redaction(url.password.reveal());
  if (!config.vault.master_key.empty()) log::add_redaction(config.vault.master_key.reveal());
}

// Plugins keep their files beside the database when it is a file, else beside the vault key file, both
// folders the deployment already keeps private and writable.
std::filesystem::path plugin_data_dir(const config::app_config& config, const storage::database_url& url) {
  if (url.kind == storage::backend::sqlite && !url.sqlite_path.empty() && url.sqlite_path != ":memory:")
    return std::filesystem::path(url.sqlite_path).parent_path() / "plugin-data";
  if (!config.vault.key_file.empty()) return config.vault.key_file.parent_path() / "plugin-data";
  return config.source.parent_path() / "plugin-data";
}

}  // namespace

bool health_report::ok() const {
  if (!database.ok) return false;
  for (const auto& p : plugins)
    if (p.status != "loaded") return false;
  return true;
}

runtime::runtime(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

runtime::~runtime() {
  shutdown();
}

result<std::unique_ptr<runtime>> runtime::start(const runtime_options& options) {
  auto state = std::make_unique<impl>();
  try {
    // 1. config
    config::load_options load_opts;
    load_opts.environment = options.environment;
    auto loaded = config::load(options.config_file, load_opts);
    if (!loaded.ok()) return startup_error(plugin::errc::invalid_argument, loaded.message());
    state->config = std::move(*loaded.config);
    const auto& config = state->config;

    // 2. logging
    log::set_level(log::parse_level(config.log.level, log::level::info));
    auto url = storage::database_url::parse(config.database.url, config.source.parent_path().string());
    if (!url) return startup_error(url.err().code, "database.url: " + url.err().message);
    register_redactions(config, *url);
    log::info(component, "config " + config.source.string() + " loaded");

    // 3. database
    auto db = storage::database::open(*url, config.database.pool_size);
    if (!db) return startup_error(db.err().code, db.err().message);
    state->database = std::move(*db);
    auto migrated = storage::migrate(*state->database);  // logs what it applies
    if (!migrated)
      return startup_error(migrated.err().code, "database migration failed: " + migrated.err().message);

    // 4. vault
    vault::key_source_options key_opts;
    key_opts.environment = options.environment;
    auto keys = vault::keyring::load(config.vault.key_file, key_opts);
    if (!keys) return startup_error(keys.err().code, "vault: " + keys.err().message);
    log::info(component,
              "vault: " + std::to_string(keys->size()) + " master key(s), current " + keys->current().id);
    state->vault = std::make_unique<vault::token_vault>(std::move(*keys));

    // 5. plugins
    state->data_dir = plugin_data_dir(config, *url);
    plugins::host_services services;
    services.data_dir = state->data_dir;
    services.plugin_config = config.plugins.plugin_config;
    state->plugins = std::make_unique<plugins::plugin_host>(std::move(services));
    auto dir = config.plugins.dir.empty() ? plugins::plugin_host::default_plugin_dir() : config.plugins.dir;
    state->plugin_reports = state->plugins->load_configured(dir, config.plugins.load);  // logs each outcome

    // 6. components
    auto problems =
        config::check_components(config, state->plugins->transports(), state->plugins->market_modules());
    if (!problems.empty()) return startup_error(plugin::errc::failed_precondition, join_lines(problems));
  } catch (const std::exception& e) {
    return startup_error(plugin::errc::internal, std::string("start-up failed: ") + e.what());
  }
  return std::unique_ptr<runtime>(new runtime(std::move(state)));
}

const config::app_config& runtime::config() const noexcept {
  return impl_->config;
}

storage::database& runtime::database() {
  if (!impl_->database) throw std::logic_error("runtime::database() after shutdown");
  return *impl_->database;
}

vault::token_vault& runtime::vault() {
  if (!impl_->vault) throw std::logic_error("runtime::vault() after shutdown");
  return *impl_->vault;
}

plugins::plugin_host& runtime::plugins() {
  if (!impl_->plugins) throw std::logic_error("runtime::plugins() after shutdown");
  return *impl_->plugins;
}

const std::vector<plugins::load_report>& runtime::plugin_reports() const noexcept {
  return impl_->plugin_reports;
}

const std::filesystem::path& runtime::data_dir() const noexcept {
  return impl_->data_dir;
}

void runtime::on_stop(std::string name, std::function<void()> stop) {
  impl_->stop_hooks.emplace_back(std::move(name), std::move(stop));
}

void runtime::keep(std::shared_ptr<void> holder) {
  impl_->kept.push_back(std::move(holder));
}

void runtime::shutdown() noexcept {
  impl_->shutdown();
}

void runtime::impl::shutdown() noexcept {
  if (shut_down) return;
  shut_down = true;
  for (auto it = stop_hooks.rbegin(); it != stop_hooks.rend(); ++it) {
    try {
      it->second();
    } catch (const std::exception& e) {
      log::error(component, "stopping " + it->first + " failed: " + e.what());
    } catch (...) {
      log::error(component, "stopping " + it->first + " failed");
    }
  }
  stop_hooks.clear();
  while (!kept.empty()) kept.pop_back();
  plugins.reset();
  vault.reset();
  std::lock_guard lock(database_mutex);
  database.reset();
}

}  // namespace kingkung::app
