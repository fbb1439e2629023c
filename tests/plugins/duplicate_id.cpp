// A second library claiming the id of fixture-good (with components of its own).
#include "echo_components.hpp"

namespace {

kingkung::plugin::result<void> register_components(kingkung::plugin::registrar& r) {
  return r.add_transport("fixture-echo-impostor", &fixture::make_echo_transport);
}

}  // namespace

KINGKUNG_PLUGIN("fixture-good", "9.9.9", kingkung::plugin::kind_transport,
                "fixture: reuses fixture-good's id", &register_components)
