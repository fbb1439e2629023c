#include "api/fulfillment/ship_order.hpp"

#include <algorithm>

#include <boost/json/serialize.hpp>

#include "kingkung/app/platform_services.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/storage/package_repository.hpp"

namespace kingkung::web::fulfillment {

namespace json = boost::json;
using plugin::errc;

namespace {

bool shipped_already(const std::optional<domain::package>& p) {
  return p && !p->status.empty() && p->status != "PROCESSING";
}

}  // namespace

ship_outcome ship_order(web_context& ctx, order_scope& scope, const ship_input& input) {
  ship_outcome out;
  const auto& ids = scope.view.package_ids;
  std::vector<std::string> targets;
  if (!input.package_id.empty()) {
    if (std::find(ids.begin(), ids.end(), input.package_id) == ids.end()) {
      out.error = plugin::make_error(
          errc::not_found, "package " + input.package_id + " is not a package of order " + scope.order.id);
      out.field = "package_id";
      return out;
    }
    targets.push_back(input.package_id);
  } else {
    storage::package_repository packages(ctx.runtime->database());
    for (const auto& id : ids) {
      auto stored = packages.get(scope.shop.id, id);
      if (stored && shipped_already(*stored)) continue;
      targets.push_back(id);
    }
    if (ids.empty()) {
      out.error = plugin::make_error(errc::failed_precondition,
                                     "order " + scope.order.id + " has no package to ship yet");
      return out;
    }
    if (targets.empty()) {
      out.error = plugin::make_error(errc::failed_precondition,
                                     "every package of order " + scope.order.id + " has already shipped");
      return out;
    }
  }
  auto& markets = ctx.services->markets();
  auto verdict = markets.check_ship(scope.shop, scope.view, scope.platform());
  if (!verdict.allowed) {
    out.blocked = true;
    out.error = plugin::make_error(errc::failed_precondition, verdict.reason);
    for (const auto& r : verdict.refusals) out.reasons.push_back(r.module_id + ": " + r.reason);
    if (out.reasons.empty()) out.reasons.push_back(verdict.reason);
    return out;
  }
  for (const auto& id : targets) {
    auto shipped = markets.ship(scope.shop, scope.view, id, input.request, scope.platform());
    if (!shipped) {
      out.error = shipped.err();
      break;
    }
    if (!shipped->all_succeeded()) {
      const auto& e = shipped->errors.front();
      out.error = plugin::make_error(errc::rejected, "TikTok Shop refused to ship package " + id + " (code " +
                                                         std::to_string(e.code) + "): " + e.message);
      break;
    }
    out.shipped.push_back(id);
  }
  refresh(ctx, scope);
  return out;
}

http::response ship_answer(web_context& ctx, order_scope& scope, const ship_outcome& outcome) {
  if (outcome.blocked) {
    json::array reasons;
    for (const auto& r : outcome.reasons) reasons.emplace_back(r);
    json::object body{{"error", json::object{{"code", "ship_blocked"},
                                             {"message", outcome.error->message},
                                             {"field", nullptr},
                                             {"reasons", std::move(reasons)}}}};
    return json_answer(body, 409);
  }
  if (outcome.error) {
    if (outcome.error->code == errc::failed_precondition)
      return http::response::json_error(409, "not_shippable", outcome.error->message, outcome.field);
    if (outcome.error->code == errc::not_found)
      return http::response::json_error(404, "not_found", outcome.error->message, outcome.field);
    return error_answer(*outcome.error, outcome.field);
  }
  json::array packages;
  for (const auto& id : outcome.shipped) packages.push_back(json::object{{"id", id}, {"result", "shipped"}});
  auto body = order_answer(ctx, scope);
  body["result"] = "shipped";
  body["packages"] = std::move(packages);
  return json_answer(body);
}

}  // namespace kingkung::web::fulfillment
