// The descriptor handshake. Every plugin library exports one C function under a fixed name,
// `kingkung_plugin_entry`, returning a pointer to a static descriptor. The host reads the descriptor
// and checks it (see version.hpp) before it calls anything else in the library.
//
// Layout rules: the first three fields never change in any version, so a host can always read the
// major, the minor and the size. New fields are only appended, with the minor that added them; the host
// reads a field only when descriptor_size says the plugin has it.
// Added in 1.0.
#pragma once

#include <cstdint>

#include "kingkung/plugin/registrar.hpp"
#include "kingkung/plugin/version.hpp"

namespace kingkung::plugin {

enum kind : std::uint32_t {
  kind_transport = 1u << 0,
  kind_market_module = 1u << 1,
};

// Called once, on the host's loading thread, right after a successful check. May throw nothing;
// returns an error to refuse loading (the host then unloads the library).
using register_function = result<void> (*)(registrar& r);

}  // namespace kingkung::plugin

extern "C" {

struct kingkung_plugin_descriptor {
  std::uint32_t api_major;        // 1.0: kingkung::plugin::api_major the plugin was built against
  std::uint32_t api_minor;        // 1.0
  std::uint32_t descriptor_size;  // 1.0: sizeof(kingkung_plugin_descriptor) in the plugin's build
  const char* id;                 // 1.0: unique plugin id, e.g. "mx-split"
  const char* version;            // 1.0: the plugin's own semantic version, e.g. "1.2.0"
  std::uint32_t kinds;            // 1.0: kind bit flags
  const char* build_tag;          // 1.0: KINGKUNG_PLUGIN_BUILD_TAG of the plugin's build
  kingkung::plugin::register_function register_plugin;  // 1.0
  const char* description;        // 1.0: one line for `kingkung plugins list`
};

using kingkung_plugin_entry_fn = const kingkung_plugin_descriptor* (*)();

}  // extern "C"

#define KINGKUNG_PLUGIN_ENTRY_NAME "kingkung_plugin_entry"
#define KINGKUNG_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

// Defines the entry point. Use once per plugin library, at namespace scope:
//   KINGKUNG_PLUGIN("mx-split", "1.0.0", kingkung::plugin::kind_market_module, "Mexico split", &register_me)
// The descriptor is constant-initialised: no code runs when the library is loaded.
#define KINGKUNG_PLUGIN(ID, VERSION, KINDS, DESCRIPTION, REGISTER)                                  \
  KINGKUNG_PLUGIN_EXPORT const kingkung_plugin_descriptor* kingkung_plugin_entry() {               \
    static constexpr kingkung_plugin_descriptor descriptor{                                         \
        ::kingkung::plugin::api_major, ::kingkung::plugin::api_minor,                               \
        sizeof(kingkung_plugin_descriptor), ID, VERSION, KINDS, KINGKUNG_PLUGIN_BUILD_TAG, REGISTER, \
        DESCRIPTION};                                                                               \
    return &descriptor;                                                                             \
  }
