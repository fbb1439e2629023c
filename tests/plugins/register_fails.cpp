// Registers a transport, then reports failure: the host must refuse it and drop the transport.
#include "echo_components.hpp"

namespace {

kingkung::plugin::result<void> register_components(kingkung::plugin::registrar& r) {
  if (auto added = r.add_transport("fixture-rolled-back", &fixture::make_echo_transport); !added)
    return added;
  return kingkung::plugin::make_error(kingkung::plugin::errc::failed_precondition,
                                      "fixture licence file is missing");
}

}  // namespace

KINGKUNG_PLUGIN("fixture-register-fails", "1.0.0", kingkung::plugin::kind_transport,
                "fixture: register returns an error", &register_components)
