// What the processor calls for each stored webhook event, by type. Implementations must be idempotent:
// delivery is at least once (the platform redelivers, and an event whose handler failed is retried).
//
// Events can arrive out of order, so handlers do not apply the state an event carries: they trigger a
// targeted refresh of the named orders, packages or products from the platform, which then holds the
// final state. An order's stored status never moves backwards (storage::order_repository), so two
// refreshes racing each other still end in the platform's state.
//
// A handler returns an error to have the event retried on the next pass (errc::invalid_argument marks
// it failed at once: retrying an unusable payload cannot help).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/webhooks/notification.hpp"

namespace kingkung::webhooks {

struct event_context {
  std::string shop_id;
  std::string notification_id;
  int type = 0;
  std::int64_t timestamp = 0;  // the notification's own timestamp
};

class event_handlers {
 public:
  virtual ~event_handlers() = default;

  // 1 ORDER_STATUS_CHANGE.
  virtual result<void> on_order_status_change(const event_context& ctx, const std::string& order_id,
                                              const std::string& order_status, std::int64_t update_time) = 0;
  // 2, 3, 11, 12: something else about these orders changed (address, cancellation, return).
  virtual result<void> on_order_change(const event_context& ctx, const std::vector<std::string>& order_ids) = 0;
  // 4 PACKAGE_UPDATE: packages split, combined or cancelled, with the orders they hold.
  virtual result<void> on_package_update(const event_context& ctx, const std::vector<std::string>& package_ids,
                                         const std::vector<std::string>& order_ids, const std::string& sc_type) = 0;
  // 36 INVOICE_STATUS_CHANGE (Brazil): the `data` object as received.
  virtual result<void> on_invoice_status_change(const event_context& ctx, std::string_view data_json) = 0;
  // 5, 15, 16, 18, 27, 37: a product changed.
  virtual result<void> on_product_change(const event_context& ctx, const std::string& product_id) = 0;
  // 6 SELLER_DEAUTHORIZATION.
  virtual result<void> on_seller_deauthorization(const event_context& ctx) = 0;
  // 7 UPCOMING_AUTHORIZATION_EXPIRATION; expires_at in Unix seconds (0 when the payload had none).
  virtual result<void> on_upcoming_authorization_expiration(const event_context& ctx, std::int64_t expires_at) = 0;
  // Any other type: the `data` object as received. The default does nothing.
  virtual result<void> on_other(const event_context& ctx, std::string_view data_json);
};

}  // namespace kingkung::webhooks
