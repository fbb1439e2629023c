// Built with KINGKUNG_PLUGIN_BUILD_TAG_OVERRIDE (see CMakeLists.txt): the host must refuse it.
#include "echo_components.hpp"

namespace {

kingkung::plugin::result<void> register_components(kingkung::plugin::registrar& r) {
  return r.add_transport("fixture-echo-other-compiler", &fixture::make_echo_transport);
}

}  // namespace

KINGKUNG_PLUGIN("fixture-wrong-build-tag", "1.0.0", kingkung::plugin::kind_transport,
                "fixture: built with another compiler's build tag", &register_components)
