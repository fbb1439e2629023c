// Claims API 1.99, which no host of this build provides.
#include "echo_components.hpp"

namespace {

kingkung::plugin::result<void> register_components(kingkung::plugin::registrar& r) {
  return r.add_transport("fixture-echo-newer", &fixture::make_echo_transport);
}

}  // namespace

KINGKUNG_PLUGIN_EXPORT const kingkung_plugin_descriptor* kingkung_plugin_entry() {
  static constexpr kingkung_plugin_descriptor descriptor{kingkung::plugin::api_major,
                                                         99,
                                                         sizeof(kingkung_plugin_descriptor),
                                                         "fixture-newer-minor",
                                                         "1.0.0",
                                                         kingkung::plugin::kind_transport,
                                                         KINGKUNG_PLUGIN_BUILD_TAG,
                                                         &register_components,
                                                         "fixture: needs API 1.99"};
  return &descriptor;
}
