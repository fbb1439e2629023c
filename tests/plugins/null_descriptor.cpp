// Its entry point returns no descriptor at all.
#include "kingkung/plugin/descriptor.hpp"

KINGKUNG_PLUGIN_EXPORT const kingkung_plugin_descriptor* kingkung_plugin_entry() {
  return nullptr;
}
