// The product's version, as shown by /healthz and the hosts.
#pragma once

#include <string_view>

namespace kingkung::app {

// The CMake project version ("0.1.0"), or KINGKUNG_VERSION when the build defines it.
std::string_view product_version() noexcept;

}  // namespace kingkung::app
