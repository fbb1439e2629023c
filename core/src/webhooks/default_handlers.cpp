#include "kingkung/webhooks/default_handlers.hpp"

#include <chrono>

#include "kingkung/log/log.hpp"
#include "kingkung/privacy/disconnect.hpp"

namespace kingkung::webhooks {
namespace {

constexpr std::string_view component = "webhooks";

result<void> nothing_to_do(const event_context& ctx, std::string_view hook) {
  log::debug(component, "webhook " + ctx.notification_id + " (" + std::string(type_name(ctx.type)) + "): no " +
                            std::string(hook) + " hook; nothing to do");
  return {};
}

}  // namespace

result<void> default_event_handlers::on_order_status_change(const event_context& ctx, const std::string& order_id,
                                                            const std::string&, std::int64_t) {
  return on_order_change(ctx, {order_id});
}

result<void> default_event_handlers::on_order_change(const event_context& ctx,
                                                     const std::vector<std::string>& order_ids) {
  if (!hooks_.refresh_orders) return nothing_to_do(ctx, "refresh_orders");
  return hooks_.refresh_orders(ctx.shop_id, order_ids);
}

result<void> default_event_handlers::on_package_update(const event_context& ctx,
                                                       const std::vector<std::string>& package_ids,
                                                       const std::vector<std::string>& order_ids,
                                                       const std::string&) {
  if (hooks_.refresh_packages && !package_ids.empty())
    if (auto r = hooks_.refresh_packages(ctx.shop_id, package_ids); !r) return r;
  if (order_ids.empty()) return {};
  return on_order_change(ctx, order_ids);
}

result<void> default_event_handlers::on_invoice_status_change(const event_context& ctx, std::string_view data_json) {
  if (!hooks_.invoice_status) return nothing_to_do(ctx, "invoice_status");
  return hooks_.invoice_status(ctx.shop_id, data_json);
}

result<void> default_event_handlers::on_product_change(const event_context& ctx, const std::string& product_id) {
  if (!hooks_.refresh_products) return nothing_to_do(ctx, "refresh_products");
  return hooks_.refresh_products(ctx.shop_id, {product_id});
}

result<void> default_event_handlers::on_seller_deauthorization(const event_context& ctx) {
  privacy::actor platform{0, "TikTok Shop (SELLER_DEAUTHORIZATION " + ctx.notification_id + ")", "webhook"};
  std::int64_t now = 0;
  if (hooks_.clock)
    now = std::chrono::duration_cast<std::chrono::seconds>(hooks_.clock->now().time_since_epoch()).count();
  auto done = privacy::disconnect(db_, ctx.shop_id, platform, now);
  if (!done) return std::move(done).err();
  return {};
}

result<void> default_event_handlers::on_upcoming_authorization_expiration(const event_context& ctx,
                                                                         std::int64_t expires_at) {
  if (!hooks_.authorization_expiring) return nothing_to_do(ctx, "authorization_expiring");
  return hooks_.authorization_expiring(ctx.shop_id, expires_at);
}

}  // namespace kingkung::webhooks
