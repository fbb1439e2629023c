#include "kingkung/domain/order.hpp"

#include <array>
#include <utility>

namespace kingkung::domain {
namespace {

constexpr std::array<std::pair<order_status, std::string_view>, 10> names{{
    {order_status::unknown, "UNKNOWN"},
    {order_status::unpaid, "UNPAID"},
    {order_status::on_hold, "ON_HOLD"},
    {order_status::awaiting_shipment, "AWAITING_SHIPMENT"},
    {order_status::partially_shipping, "PARTIALLY_SHIPPING"},
    {order_status::awaiting_collection, "AWAITING_COLLECTION"},
    {order_status::in_transit, "IN_TRANSIT"},
    {order_status::delivered, "DELIVERED"},
    {order_status::completed, "COMPLETED"},
    {order_status::cancelled, "CANCELLED"},
}};

}  // namespace

std::string_view to_string(order_status s) {
  for (const auto& [v, n] : names)
    if (v == s) return n;
  return "UNKNOWN";
}

order_status parse_order_status(std::string_view text) {
  if (text == "CANCEL") return order_status::cancelled;
  for (const auto& [v, n] : names)
    if (n == text) return v;
  return order_status::unknown;
}

int status_rank(order_status s) {
  // Terminal states outrank everything: a late "AWAITING_SHIPMENT" never revives a cancelled order.
  switch (s) {
    case order_status::unknown: return 0;
    case order_status::unpaid: return 1;
    case order_status::on_hold: return 2;
    case order_status::awaiting_shipment: return 3;
    case order_status::partially_shipping: return 4;
    case order_status::awaiting_collection: return 5;
    case order_status::in_transit: return 6;
    case order_status::delivered: return 7;
    case order_status::completed: return 8;
    case order_status::cancelled: return 9;
  }
  return 0;
}

}  // namespace kingkung::domain
