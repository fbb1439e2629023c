#include "kingkung/app/version.hpp"

// KINGKUNG_VERSION comes from project(VERSION) in the top-level CMakeLists.txt (core/CMakeLists.txt).
#ifndef KINGKUNG_VERSION
#error "KINGKUNG_VERSION must be defined by the build"
#endif

namespace kingkung::app {

std::string_view product_version() noexcept {
  return KINGKUNG_VERSION;
}

}  // namespace kingkung::app
