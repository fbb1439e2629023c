#include "kingkung/app/version.hpp"

// Until the build passes KINGKUNG_VERSION (from project(VERSION) in CMakeLists.txt), this literal must be
// kept equal to it by hand.
#ifndef KINGKUNG_VERSION
#define KINGKUNG_VERSION "0.1.0"
#endif

namespace kingkung::app {

std::string_view product_version() noexcept {
  return KINGKUNG_VERSION;
}

}  // namespace kingkung::app
