// What several CLI commands share: loading the config and opening its database.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::cli {

// Prints "kingkung <command>: <message>" to stderr and returns 1.
int fail(std::string_view command, const std::string& message);

// Loads and validates --config, prints every problem on failure, and applies the configured log level.
std::optional<config::app_config> load_config(const invocation& in);

// Opens the configured database with one session; on failure prints why (never the password) and
// returns null.
std::unique_ptr<storage::database> open_database(const config::app_config& cfg, std::string_view command);

}  // namespace kingkung::cli
