// The runtime's state, shared by its start-up/shutdown code and health().
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kingkung/app/runtime.hpp"
#include "kingkung/vault/token_vault.hpp"

namespace kingkung::app {

struct runtime::impl {
  config::app_config config;
  std::unique_ptr<storage::database> database;
  std::unique_ptr<vault::token_vault> vault;
  std::unique_ptr<plugins::plugin_host> plugins;
  std::vector<plugins::load_report> plugin_reports;
  std::filesystem::path data_dir;
  std::vector<std::shared_ptr<void>> kept;
  std::vector<std::pair<std::string, std::function<void()>>> stop_hooks;
  // Guards `database` against shutdown() while health() pings it.
  std::mutex database_mutex;
  // When the database last answered a ping (under database_mutex): health() reuses that answer for
  // ping_reuse, so a load balancer polling /healthz does not queue behind real work for the connection.
  std::optional<std::chrono::steady_clock::time_point> last_good_ping;
  bool shut_down = false;

  void shutdown() noexcept;
};

}  // namespace kingkung::app
