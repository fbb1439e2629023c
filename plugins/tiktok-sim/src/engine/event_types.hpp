// Webhook event types: the names the Event API takes and the numbers payloads carry (section 6).
#pragma once

#include <optional>
#include <string_view>

namespace kingkung::sim::detail {

struct event_type_info {
  int number;
  std::string_view name;
};

inline constexpr event_type_info event_types[] = {
    {1, "ORDER_STATUS_CHANGE"},
    {2, "REVERSE_STATUS_UPDATE"},
    {3, "RECIPIENT_ADDRESS_UPDATE"},
    {4, "PACKAGE_UPDATE"},
    {5, "PRODUCT_STATUS_CHANGE"},
    {6, "SELLER_DEAUTHORIZATION"},
    {7, "UPCOMING_AUTHORIZATION_EXPIRATION"},
    {11, "CANCELLATION_STATUS_CHANGE"},
    {12, "RETURN_STATUS_CHANGE"},
    {15, "PRODUCT_INFORMATION_CHANGE"},
    {16, "PRODUCT_CREATION"},
    {27, "INVENTORY_STATUS_CHANGE"},
    {36, "INVOICE_STATUS_CHANGE"},
    {37, "PRODUCT_AUDIT_STATUS_CHANGE"},
};

inline std::optional<int> event_number(std::string_view name) {
  for (const auto& e : event_types)
    if (e.name == name) return e.number;
  return std::nullopt;
}

inline std::string_view event_name(int number) {
  for (const auto& e : event_types)
    if (e.number == number) return e.name;
  return {};
}

}  // namespace kingkung::sim::detail
