// The plugin's entry point: registers the "order-review" market module.
#include "kingkung/plugin/descriptor.hpp"
#include "kingkung/plugin/registrar.hpp"
#include "order_review.hpp"

namespace {

kingkung::plugin::result<void> register_components(kingkung::plugin::registrar& r) noexcept {
  return r.add_market_module("order-review", &order_review::module::create);
}

}  // namespace

KINGKUNG_PLUGIN("order-review", "1.0.0", kingkung::plugin::kind_market_module,
                "Holds high-value orders for a review before they ship", &register_components)
