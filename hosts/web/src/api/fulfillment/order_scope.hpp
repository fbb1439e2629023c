// One order of the caller's seller with what every fulfilment route needs to act on it: the shop, the
// stored order, the view market modules get, and the shop's link to the platform. Also the answers
// built from them (actions, ship verdict, the order's fulfilment state) and the refresh after a write.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

#include "api/api_io.hpp"
#include "kingkung/domain/order.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/markets/market_service.hpp"
#include "kingkung/plugin/market_module.hpp"
#include "kingkung/sync/shop_link.hpp"

namespace kingkung::web::fulfillment {

struct order_scope {
  domain::shop shop;
  domain::order order;
  plugin::order_view view;
  sync::shop_link link;

  markets::platform_link platform() const { return markets::platform_link{*link.api, link.shop}; }
};

// 503 without platform services; 404 for an unknown order or another seller's shop; 409
// needs_reauthorization when the shop cannot be called now (disconnected, needs re-authorisation).
std::variant<order_scope, http::response> load_order(web_context& ctx, const caller& who,
                                                     std::string_view shop_id, std::string_view order_id);

// The shop (owned by the caller) and its link, for routes about packages rather than one order.
struct shop_scope {
  domain::shop shop;
  sync::shop_link link;
};
std::variant<shop_scope, http::response> load_shop(web_context& ctx, const caller& who,
                                                   std::string_view shop_id);

// Reads the orders again from the platform (and each of their packages, and `more_packages`), stores
// them, tells the shop's market modules, and reloads `scope`'s order. Failures are logged: the write
// the caller made already happened, so the answer still reports it, with what is stored.
void refresh(web_context& ctx, order_scope& scope, const std::vector<std::string>& more_packages = {});
void refresh_orders(web_context& ctx, const domain::shop& shop, const sync::shop_link& link,
                    const std::vector<std::string>& order_ids, const std::vector<std::string>& package_ids);

// [{"id","module","label","description","enabled","reason","bulk","fields":[...]}] for the actions that
// apply to the order (id: the module's action name, what POST .../actions/{id} takes).
boost::json::array actions_json(const markets::order_actions& actions);
// {"allowed":bool,"reasons":["<module>: <reason>", ...]}
boost::json::object ship_json(const markets::ship_verdict& verdict);
// {"shop_id","id","status","update_time","tracking_number","packages":[{"id","status","tracking_number",
// "shipping_provider"}]} from storage.
boost::json::object order_state_json(web_context& ctx, const order_scope& scope);
// {"order":..., "actions":..., "ship":...}: the fulfilment part of the order detail, after a change.
boost::json::object order_answer(web_context& ctx, order_scope& scope);

}  // namespace kingkung::web::fulfillment
