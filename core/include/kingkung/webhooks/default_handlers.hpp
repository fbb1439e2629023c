// The event handlers the hosts use. What each event does:
//   - order events (1, 2, 3, 11, 12) and package updates: refresh_orders(shop, order ids) — a targeted
//     refresh from the platform (the sync engine's), so the final state comes from the platform and not
//     from the order in which events arrived; package updates also call refresh_packages when set;
//   - product events: refresh_products(shop, product ids) when set;
//   - 36 INVOICE_STATUS_CHANGE: invoice_status(shop, data) (the market module host);
//   - 6 SELLER_DEAUTHORIZATION: privacy::disconnect at once (tokens deleted, shop disconnected, audited);
//   - 7 UPCOMING_AUTHORIZATION_EXPIRATION: authorization_expiring(shop, expires_at) (a notice to the seller).
// A hook left unset makes its events succeed without doing anything (logged at debug level). Hooks run
// on the processor's thread; an error from one has the event retried.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/webhooks/event_handlers.hpp"

namespace kingkung::webhooks {

struct handler_hooks {
  using id_list = std::vector<std::string>;
  std::function<result<void>(const std::string& shop_id, const id_list& order_ids)> refresh_orders;
  std::function<result<void>(const std::string& shop_id, const id_list& package_ids)> refresh_packages;
  std::function<result<void>(const std::string& shop_id, const id_list& product_ids)> refresh_products;
  std::function<result<void>(const std::string& shop_id, std::string_view data_json)> invoice_status;
  std::function<result<void>(const std::string& shop_id, std::int64_t expires_at)> authorization_expiring;
  std::shared_ptr<const plugin::clock> clock;  // disconnected_at of a deauthorization; null: system clock
};

class default_event_handlers final : public event_handlers {
 public:
  default_event_handlers(storage::database& db, handler_hooks hooks) : db_(db), hooks_(std::move(hooks)) {}

  result<void> on_order_status_change(const event_context& ctx, const std::string& order_id,
                                      const std::string& order_status, std::int64_t update_time) override;
  result<void> on_order_change(const event_context& ctx, const std::vector<std::string>& order_ids) override;
  result<void> on_package_update(const event_context& ctx, const std::vector<std::string>& package_ids,
                                 const std::vector<std::string>& order_ids, const std::string& sc_type) override;
  result<void> on_invoice_status_change(const event_context& ctx, std::string_view data_json) override;
  result<void> on_product_change(const event_context& ctx, const std::string& product_id) override;
  result<void> on_seller_deauthorization(const event_context& ctx) override;
  result<void> on_upcoming_authorization_expiration(const event_context& ctx, std::int64_t expires_at) override;

 private:
  storage::database& db_;
  handler_hooks hooks_;
};

}  // namespace kingkung::webhooks
