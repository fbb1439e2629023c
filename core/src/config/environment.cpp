#include "config/environment.hpp"

#include <cstdlib>

namespace kingkung::config::detail {

std::optional<std::string> environment::get(const char* name) const {
  if (injected_ != nullptr) {
    auto it = injected_->find(name);
    if (it == injected_->end() || it->second.empty()) return std::nullopt;
    return it->second;
  }
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

}  // namespace kingkung::config::detail
