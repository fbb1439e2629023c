// The mx-split plugin: registers the "mx-split" market module.
#include "kingkung/plugin/plugin.hpp"
#include "kingkung/mx/split_module.hpp"

namespace {

kingkung::plugin::result<void> register_mx_split(kingkung::plugin::registrar& r) {
  return r.add_market_module(kingkung::mx::module_id, &kingkung::mx::make_split_module);
}

}  // namespace

KINGKUNG_PLUGIN("mx-split", "1.0.0", kingkung::plugin::kind_market_module,
                "Mexico split shipment: split attributes, package planning, Split Orders, ship gating",
                &register_mx_split)
