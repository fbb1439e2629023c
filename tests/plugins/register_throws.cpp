// Registers a transport, then throws (against the rules): the host must refuse it and drop the transport.
#include <stdexcept>

#include "echo_components.hpp"

namespace {

kingkung::plugin::result<void> register_components(kingkung::plugin::registrar& r) {
  if (auto added = r.add_transport("fixture-thrown-away", &fixture::make_echo_transport); !added)
    return added;
  throw std::runtime_error("fixture register exploded");
}

}  // namespace

KINGKUNG_PLUGIN("fixture-register-throws", "1.0.0", kingkung::plugin::kind_transport,
                "fixture: register throws", &register_components)
