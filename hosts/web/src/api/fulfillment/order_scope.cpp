#include "api/fulfillment/order_scope.hpp"

#include <algorithm>

#include "kingkung/app/platform_services.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/markets/order_view.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/package_repository.hpp"
#include "kingkung/tiktok/fulfillment.hpp"

namespace kingkung::web::fulfillment {

namespace json = boost::json;

namespace {

constexpr std::string_view component = "web.fulfillment";

http::response unreachable(const domain::shop& shop) {
  return http::response::json_error(409, "needs_reauthorization",
                                    "shop " + shop.name +
                                        " cannot be reached now: it is disconnected or needs "
                                        "to be authorised again");
}

}  // namespace

std::variant<shop_scope, http::response> load_shop(web_context& ctx, const caller& who,
                                                   std::string_view shop_id) {
  if (!ctx.services)
    return unavailable("fulfilment needs the platform services, which this server does not run");
  auto shop = owned_shop(ctx, who, shop_id);
  if (!shop) return not_found("shop " + std::string(shop_id));
  auto link = ctx.services->links().link_for(*shop);
  if (!link) return unreachable(*shop);
  return shop_scope{std::move(*shop), *link};
}

std::variant<order_scope, http::response> load_order(web_context& ctx, const caller& who,
                                                     std::string_view shop_id, std::string_view order_id) {
  if (!ctx.services)
    return unavailable("fulfilment needs the platform services, which this server does not run");
  auto shop = owned_shop(ctx, who, shop_id);
  if (!shop) return not_found("order " + std::string(order_id));
  auto stored = storage::order_repository(ctx.runtime->database()).get(shop_id, order_id);
  if (!stored) return error_answer(stored.err());
  if (!*stored) return not_found("order " + std::string(order_id));
  auto link = ctx.services->links().link_for(*shop);
  if (!link) return unreachable(*shop);
  order_scope scope{std::move(*shop), std::move(**stored), {}, *link};
  scope.view = markets::to_order_view(scope.order, scope.shop);
  return scope;
}

void refresh_orders(web_context& ctx, const domain::shop& shop, const sync::shop_link& link,
                    const std::vector<std::string>& order_ids, const std::vector<std::string>& package_ids) {
  auto report = ctx.services->sync().refresh_orders(link, order_ids);
  if (!report.ok) log::warn(component, "refresh of orders of shop " + shop.id + " failed: " + report.error);
  storage::order_repository orders(ctx.runtime->database());
  std::vector<std::string> packages = package_ids;
  markets::platform_link platform{*link.api, link.shop};
  for (const auto& id : order_ids) {
    auto stored = orders.get(shop.id, id);
    if (!stored || !*stored) continue;
    auto view = markets::to_order_view(**stored, shop);
    for (const auto& p : view.package_ids)
      if (std::find(packages.begin(), packages.end(), p) == packages.end()) packages.push_back(p);
    ctx.services->markets().order_changed(shop, view, platform);
  }
  std::vector<domain::package> details;
  for (const auto& id : packages) {
    auto detail = tiktok::get_package_detail(*link.api, link.shop, id);
    if (!detail) {
      log::info(component,
                "package " + id + " of shop " + shop.id + " not refreshed: " + detail.err().to_string());
      continue;
    }
    detail->shop_id = shop.id;
    details.push_back(std::move(*detail));
  }
  if (!details.empty())
    if (auto saved = storage::package_repository(ctx.runtime->database()).upsert(details); !saved)
      log::warn(component, "packages of shop " + shop.id + " not stored: " + saved.err().message);
}

void refresh(web_context& ctx, order_scope& scope, const std::vector<std::string>& more_packages) {
  std::vector<std::string> packages = more_packages;
  for (const auto& p : scope.view.package_ids) packages.push_back(p);
  refresh_orders(ctx, scope.shop, scope.link, {scope.order.id}, packages);
  auto stored = storage::order_repository(ctx.runtime->database()).get(scope.shop.id, scope.order.id);
  if (stored && *stored) {
    scope.order = std::move(**stored);
    scope.view = markets::to_order_view(scope.order, scope.shop);
  }
}

json::array actions_json(const markets::order_actions& actions) {
  json::array out;
  for (const auto& a : actions.actions) {
    if (!a.state.applies) continue;
    json::array fields;
    for (const auto& f : a.spec.fields)
      fields.push_back(
          json::object{{"name", f.name}, {"label", f.label}, {"type", f.type}, {"required", f.required}});
    out.push_back(
        json::object{{"id", a.spec.name},
                     {"module", a.module_id},
                     {"label", a.spec.label},
                     {"description", a.spec.description},
                     {"enabled", a.state.enabled},
                     {"reason", a.state.enabled ? json::value(nullptr) : json::value(a.state.reason)},
                     {"bulk", a.spec.bulk},
                     {"fields", std::move(fields)}});
  }
  return out;
}

json::object ship_json(const markets::ship_verdict& verdict) {
  json::array reasons;
  for (const auto& r : verdict.refusals) reasons.emplace_back(r.module_id + ": " + r.reason);
  if (!verdict.allowed && reasons.empty() && !verdict.reason.empty()) reasons.emplace_back(verdict.reason);
  return {{"allowed", verdict.allowed}, {"reasons", std::move(reasons)}};
}

json::object order_state_json(web_context& ctx, const order_scope& scope) {
  storage::package_repository packages(ctx.runtime->database());
  json::array list;
  for (const auto& id : scope.view.package_ids) {
    json::object p{
        {"id", id}, {"status", nullptr}, {"tracking_number", nullptr}, {"shipping_provider", nullptr}};
    if (auto stored = packages.get(scope.shop.id, id); stored && *stored) {
      const auto& pkg = **stored;
      p["status"] = pkg.status;
      if (!pkg.tracking_number.empty()) p["tracking_number"] = pkg.tracking_number;
      if (!pkg.shipping_provider_name.empty()) p["shipping_provider"] = pkg.shipping_provider_name;
    }
    list.push_back(std::move(p));
  }
  const auto& o = scope.order;
  return {
      {"shop_id", o.shop_id},
      {"id", o.id},
      {"status", o.status_text.empty() ? std::string(domain::to_string(o.status)) : o.status_text},
      {"update_time", o.update_time},
      {"tracking_number", o.tracking_number.empty() ? json::value(nullptr) : json::value(o.tracking_number)},
      {"packages", std::move(list)}};
}

json::object order_answer(web_context& ctx, order_scope& scope) {
  auto& markets = ctx.services->markets();
  auto verdict = markets.check_ship(scope.shop, scope.view, scope.platform());
  return {{"order", order_state_json(ctx, scope)},
          {"actions", actions_json(markets.actions_for(scope.shop, scope.view))},
          {"ship", ship_json(verdict)}};
}

}  // namespace kingkung::web::fulfillment
