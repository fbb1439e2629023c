// Plugin API version and build tag.
//
// Rules the host applies before touching any C++ type of a plugin (see descriptor.hpp):
//   1. the plugin's api_major equals the host's api_major;
//   2. the host's api_minor is greater than or equal to the plugin's api_minor;
//   3. the plugin's build tag equals the host's build tag (same compiler family and major version,
//      same standard library ABI, same plugin-api major).
// Minor versions only ever append: new virtual functions go at the end of an interface, new fields at
// the end of a struct, and every addition names the minor that added it.
#pragma once

#include <cstdint>

namespace kingkung::plugin {

inline constexpr std::uint32_t api_major = 1;
inline constexpr std::uint32_t api_minor = 0;

}  // namespace kingkung::plugin

#define KINGKUNG_PLUGIN_STR2(x) #x
#define KINGKUNG_PLUGIN_STR(x) KINGKUNG_PLUGIN_STR2(x)

#if defined(__clang__)
#define KINGKUNG_PLUGIN_COMPILER "clang-" KINGKUNG_PLUGIN_STR(__clang_major__)
#elif defined(__GNUC__)
#define KINGKUNG_PLUGIN_COMPILER "gcc-" KINGKUNG_PLUGIN_STR(__GNUC__)
#else
#define KINGKUNG_PLUGIN_COMPILER "unknown"
#endif

#if defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define KINGKUNG_PLUGIN_STDLIB "libstdc++-cxx11"
#elif defined(_GLIBCXX_USE_CXX11_ABI)
#define KINGKUNG_PLUGIN_STDLIB "libstdc++-old"
#elif defined(_LIBCPP_VERSION)
#define KINGKUNG_PLUGIN_STDLIB "libc++-" KINGKUNG_PLUGIN_STR(_LIBCPP_ABI_VERSION)
#else
#define KINGKUNG_PLUGIN_STDLIB "unknown-stdlib"
#endif

// The build tag a plugin embeds and the host expects, e.g. "gcc-12/libstdc++-cxx11/api-1".
// KINGKUNG_PLUGIN_BUILD_TAG_OVERRIDE exists only for the loader's own test fixtures.
#if defined(KINGKUNG_PLUGIN_BUILD_TAG_OVERRIDE)
#define KINGKUNG_PLUGIN_BUILD_TAG KINGKUNG_PLUGIN_BUILD_TAG_OVERRIDE
#else
#define KINGKUNG_PLUGIN_BUILD_TAG KINGKUNG_PLUGIN_COMPILER "/" KINGKUNG_PLUGIN_STDLIB "/api-1"
#endif
