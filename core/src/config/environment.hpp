// The environment variables the config reads (secrets), from the process or from load_options.
#pragma once

#include <optional>
#include <string>

#include "kingkung/config/config.hpp"

namespace kingkung::config::detail {

inline constexpr const char* app_secret_variable = "KINGKUNG_TIKTOK_APP_SECRET";
inline constexpr const char* database_password_variable = "KINGKUNG_DATABASE_PASSWORD";
inline constexpr const char* master_key_variable = "KINGKUNG_MASTER_KEY";

class environment {
 public:
  explicit environment(const load_options& options) : injected_(options.environment) {}
  // nullopt when unset or empty. With injected variables, the process environment is not consulted.
  std::optional<std::string> get(const char* name) const;

 private:
  const std::map<std::string, std::string>* injected_;
};

}  // namespace kingkung::config::detail
