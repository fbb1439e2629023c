// A well-behaved plugin: transport "fixture-echo" and market module "fixture-module".
#include "echo_components.hpp"

namespace {

kingkung::plugin::result<void> register_components(kingkung::plugin::registrar& r) {
  if (auto added = r.add_transport("fixture-echo", &fixture::make_echo_transport); !added) return added;
  return r.add_market_module("fixture-module", &fixture::make_idle_module);
}

}  // namespace

KINGKUNG_PLUGIN("fixture-good", "1.2.3",
                kingkung::plugin::kind_transport | kingkung::plugin::kind_market_module,
                "fixture: echo transport and idle market module", &register_components)
