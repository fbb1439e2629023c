#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/fulfillment/handlers.hpp"
#include "api/fulfillment/order_scope.hpp"
#include "api/fulfillment/ship_order.hpp"
#include "kingkung/app/platform_services.hpp"

namespace kingkung::web::fulfillment {

namespace json = boost::json;
using plugin::errc;

namespace {

// An action's input field may hold a whole NF-e (1 MB) or a JSON plan; anything far beyond is a mistake.
constexpr std::size_t max_field_bytes = 2 * 1024 * 1024;

// The action field a module's refusal is about: the first declared field the message names, else the
// only required field (what the seller gave: the NF-e, the plan).
std::string field_of(const plugin::action_spec& spec, const std::string& message) {
  for (const auto& f : spec.fields)
    if (message.rfind(f.name + ":", 0) == 0 || message.find("field " + f.name) != std::string::npos)
      return f.name;
  const plugin::action_field* required = nullptr;
  for (const auto& f : spec.fields) {
    if (!f.required) continue;
    if (required) return {};
    required = &f;
  }
  if (required) return required->name;
  if (spec.fields.size() == 1) return spec.fields.front().name;
  return {};
}

std::string names_of(const plugin::action_spec& spec) {
  std::string out = "package_id";
  for (const auto& f : spec.fields)
    if (f.name != "package_id") out += ", " + f.name;
  return out;
}

}  // namespace

std::variant<json::object, http::response> body_or_empty(const http::request& req) {
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object{};
  return read_json_object(req);
}

http::response ship(web_context& ctx, const http::request& req, const caller& who) {
  auto body = body_or_empty(req);
  if (auto* r = std::get_if<http::response>(&body)) return std::move(*r);
  const auto& o = std::get<json::object>(body);
  std::optional<http::response> error;
  ship_input input;
  input.package_id = string_field(o, "package_id", error).value_or("");
  auto tracking = string_field(o, "tracking_number", error);
  auto provider = string_field(o, "shipping_provider_id", error);
  auto handover = string_field(o, "handover_method", error);
  if (error) return std::move(*error);
  for (const auto& [key, value] : o)
    if (key != "package_id" && key != "tracking_number" && key != "shipping_provider_id" &&
        key != "handover_method")
      return bad_request("unknown_field",
                         "\"" + std::string(key) +
                             "\" is not a ship input; expected package_id, tracking_number, "
                             "shipping_provider_id or handover_method",
                         key);
  if (tracking.has_value() != provider.has_value())
    return bad_request("invalid_field",
                       "a seller-shipped package needs both tracking_number and shipping_provider_id",
                       tracking ? "shipping_provider_id" : "tracking_number");
  if (tracking) input.request.self_ship = tiktok::self_shipment{*tracking, *provider};
  if (handover) {
    if (*handover != "PICKUP" && *handover != "DROP_OFF")
      return bad_request("invalid_field",
                         "handover_method must be PICKUP or DROP_OFF, found \"" + *handover + "\"",
                         "handover_method");
    input.request.handover_method = *handover;
  }
  auto loaded =
      load_order(ctx, who, req.path_param("shop_id").value_or(""), req.path_param("order_id").value_or(""));
  if (auto* r = std::get_if<http::response>(&loaded)) return std::move(*r);
  auto& scope = std::get<order_scope>(loaded);
  auto outcome = ship_order(ctx, scope, input);
  return ship_answer(ctx, scope, outcome);
}

http::response run_action(web_context& ctx, const http::request& req, const caller& who) {
  auto body = body_or_empty(req);
  if (auto* r = std::get_if<http::response>(&body)) return std::move(*r);
  const auto& o = std::get<json::object>(body);
  auto loaded =
      load_order(ctx, who, req.path_param("shop_id").value_or(""), req.path_param("order_id").value_or(""));
  if (auto* r = std::get_if<http::response>(&loaded)) return std::move(*r);
  auto& scope = std::get<order_scope>(loaded);
  const std::string action_id(req.path_param("action_id").value_or(""));
  auto& markets = ctx.services->markets();
  auto listed = markets.actions_for(scope.shop, scope.view);
  const markets::module_action* action = nullptr;
  for (const auto& a : listed.actions)
    if (a.spec.name == action_id && a.state.applies) action = &a;
  if (!action) return not_found("action " + action_id + " for order " + scope.order.id);

  plugin::action_input input;
  for (const auto& [key, value] : o) {
    std::string text = value.is_string() ? std::string(value.as_string()) : json::serialize(value);
    if (text.size() > max_field_bytes)
      return http::response::json_error(
          413, "too_large",
          std::string(key) + " is larger than " + std::to_string(max_field_bytes / (1024 * 1024)) + " MiB",
          key);
    if (key == "package_id") {
      if (!value.is_string())
        return bad_request("invalid_field", "package_id must be a string", "package_id");
      input.package_id = std::move(text);
      continue;
    }
    bool declared = false;
    for (const auto& f : action->spec.fields) declared = declared || f.name == key;
    if (!declared)
      return bad_request("unknown_field",
                         "\"" + std::string(key) + "\" is not an input of " + action_id + "; expected " +
                             names_of(action->spec),
                         key);
    input.fields.emplace_back(std::string(key), std::move(text));
  }
  for (const auto& f : action->spec.fields)
    if (f.required && f.name != "package_id" && !o.contains(f.name))
      return bad_request("missing_field", f.label + " (" + f.name + ") is required for " + action_id, f.name);

  auto ran =
      markets.run_action(scope.shop, action->module_id, action_id, scope.view, input, scope.platform());
  if (!ran) {
    const auto& e = ran.err();
    if (e.code == errc::not_found) return not_found("action " + action_id + " for order " + scope.order.id);
    if (e.code == errc::failed_precondition)
      return http::response::json_error(409, "action_unavailable", e.message);
    if (e.code == errc::invalid_argument || e.code == errc::rejected)
      return http::response::json_error(422, "action_refused", e.message, field_of(action->spec, e.message));
    return error_answer(e);
  }
  refresh(ctx, scope);
  json::value detail = json::object{};
  if (!ran->result_json.empty()) {
    boost::system::error_code ec;
    auto parsed = json::parse(ran->result_json, ec);
    if (!ec) detail = std::move(parsed);
  }
  auto answer = order_answer(ctx, scope);
  answer["result"] =
      json::object{{"action", action_id}, {"message", ran->message}, {"detail", std::move(detail)}};
  return json_answer(answer);
}

}  // namespace kingkung::web::fulfillment
