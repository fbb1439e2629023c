// Shipping one order, for the single ship route and the bulk ship job alike: through the market
// modules' gate (market_service::check_ship, then ship), never calling the platform when the gate says
// no; then the order and its packages are read again so answers show the new state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/fulfillment/order_scope.hpp"
#include "kingkung/tiktok/fulfillment.hpp"

namespace kingkung::web::fulfillment {

struct ship_input {
  std::string package_id;  // empty: every package of the order that has not shipped
  tiktok::ship_package_request request;
};

struct ship_outcome {
  std::vector<std::string> shipped;  // package ids shipped by this call
  // Set when the order was not (completely) shipped.
  std::optional<plugin::error> error;
  std::string field;                 // the input at fault, when one is
  bool blocked = false;              // the modules refused: error->message is every reason
  std::vector<std::string> reasons;  // "<module>: <reason>", when blocked
};

ship_outcome ship_order(web_context& ctx, order_scope& scope, const ship_input& input);

// The outcome as an answer: 200 {"result":"shipped","packages":[...],"order","actions","ship"}, 409
// ship_blocked with the reasons, or the error's answer.
http::response ship_answer(web_context& ctx, order_scope& scope, const ship_outcome& outcome);

}  // namespace kingkung::web::fulfillment
