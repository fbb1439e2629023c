// A descriptor from a future API 2: only the first three fields are meaningful to an API 1 host.
#include "kingkung/plugin/plugin.hpp"

extern "C" {

struct future_descriptor {
  std::uint32_t api_major;
  std::uint32_t api_minor;
  std::uint32_t descriptor_size;
  const char* something_else;
};

// The entry point keeps its API 1 type (a future API keeps the symbol's signature and changes the struct
// behind the pointer): calling a function through another function type is undefined behaviour.
KINGKUNG_PLUGIN_EXPORT const kingkung_plugin_descriptor* kingkung_plugin_entry() {
  static constexpr future_descriptor descriptor{2, 0, sizeof(future_descriptor), "fields of API 2"};
  return reinterpret_cast<const kingkung_plugin_descriptor*>(&descriptor);
}

}  // extern "C"
