// Every endpoint the simulator answers. Each handler runs after the gateway checks passed, under the
// engine's lock, and reports state changes through call::changed and call::events.
#pragma once

#include <string>
#include <vector>

#include "sim_core.hpp"

namespace kingkung::sim::detail {

// Scopes a demo authorization grants unless the control API asks for fewer.
const std::vector<std::string>& all_scopes();

// Token host (unsigned GET; the app secret is a query parameter).
reply token_get(call& c);
reply token_refresh(call& c);

// Shops.
reply authorized_shops(call& c);
reply active_shops(call& c);

// Orders.
reply search_orders(call& c);
reply order_detail(call& c);

// Products.
reply search_products(call& c);
reply get_product(call& c);
reply partial_edit_product(call& c);
reply update_inventory(call& c);
reply update_prices(call& c);

// Packages.
reply search_packages(call& c);
reply package_detail(call& c);
reply shipping_documents(call& c);
reply ship_package(call& c);
reply batch_ship_packages(call& c);
reply split_attributes(call& c);
reply split_order(call& c);
reply search_combinable_packages(call& c);
reply combine_packages(call& c);
reply uncombine_package(call& c);

// Brazil invoices.
reply upload_invoice(call& c);

// Event subscriptions.
reply get_webhooks(call& c);
reply put_webhook(call& c);
reply delete_webhook(call& c);

// Simulator-only control API under /__sim/ (docs/simulator.md).
reply control(call& c);
// A rejected control request: code = HTTP status, with a message that says what was wrong.
reply rejected(int status, std::string message);
// The shop named by a control body's key (a config key or the platform shop id); sets `error` if none.
shop_state* shop_named(call& c, std::string_view field, reply& error);
// Faults: GET /__sim/faults, POST /__sim/faults, /__sim/faults/next, /__sim/faults/clear.
reply faults_report(call& c);
reply set_fault_rates(call& c);
reply script_fault(call& c);
reply clear_faults(call& c);
// Webhook delivery controls: duplicate, hold, release, replay.
reply duplicate_webhooks(call& c);
reply hold_webhooks(call& c);
reply release_webhooks(call& c);
reply replay_webhook(call& c);
// GET /__sim/calls.
reply calls_report(call& c);

// Asynchronous work that is due at `c.now`: invoice decisions and product audits.
void settle_due(call& c);

// Shared by handlers: emits ORDER_STATUS_CHANGE (type 1) for an order.
void emit_order_status(call& c, const shop_state& shop, const order& o);
// Emits PACKAGE_UPDATE (type 4).
void emit_package_update(call& c, const shop_state& shop, std::string_view sc_type,
                         const std::vector<const package*>& packages);
// Moves an order to a new status with the package, line and time changes it implies.
void change_order_status(call& c, shop_state& shop, order& o, const std::string& status);

}  // namespace kingkung::sim::detail
