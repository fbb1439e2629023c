// A market module for the market service's end-to-end tests: module "fixture-market".
//   - ship gating: an order may ship once the action "fixture.release" stored "released:<order id>";
//     the refusal reads [markets.R.fixture-market] gate_message; fail_checks = true makes check_ship
//     answer an error instead (to prove the host fails closed);
//   - "fixture.call": calls the platform with the input fields method, path and query ("name=value"),
//     returning the answer's data as result_json (to prove the host's path allow-list);
//   - on_order_changed / on_event store "seen:<order id>" = status and "event:<type>" = data.
#include <memory>
#include <string>

#include "kingkung/plugin/plugin.hpp"

namespace {

using namespace kingkung::plugin;

std::string field(const action_input& input, std::string_view name) {
  for (const auto& [k, v] : input.fields)
    if (k == name) return v;
  return {};
}

class fixture_market final : public market_module {
 public:
  explicit fixture_market(const host_context& ctx) : ctx_(ctx) {}

  std::uint32_t capabilities() const noexcept override { return capability_ship_gating; }

  std::vector<action_spec> actions() const override {
    return {
        {"fixture.release", "Release", "Allows the order to ship.", {}, true},
        {"fixture.call",
         "Call",
         "Calls one platform path.",
         {{"method", "Method", "text", true},
          {"path", "Path", "text", true},
          {"query", "Query", "text", false}},
         false},
    };
  }

  result<action_state> action_state_for(std::string_view action, const order_view& order) noexcept override {
    action_state s;
    if (action == "fixture.release") {
      s.applies = true;
      s.enabled = order.status == "AWAITING_SHIPMENT";
      if (!s.enabled) s.reason = "Only orders awaiting shipment can be released.";
    } else if (action == "fixture.call") {
      s.applies = true;
      s.enabled = true;
    }
    return s;
  }

  result<ship_gate> check_ship(const order_view& order, shop_api& api) noexcept override {
    if (ctx_.config().get_bool("fail_checks").value_or(false))
      return make_error(errc::unavailable, "the fixture cannot check orders today");
    auto released = api.load_state("released:" + order.order_id);
    if (!released.ok()) return released.err();
    if (released.value() == std::optional<std::string>("yes")) return ship_gate{};
    return ship_gate{false, ctx_.config().get_string("gate_message").value_or("Release the order first.")};
  }

  result<action_outcome> run_action(std::string_view action, const order_view& order,
                                    const action_input& input, shop_api& api) noexcept override {
    try {
      if (action == "fixture.release") {
        if (auto saved = api.save_state("released:" + order.order_id, "yes"); !saved) return saved.err();
        return action_outcome{"Order " + order.order_id + " released.", "{}"};
      }
      if (action == "fixture.call") {
        std::vector<query_param> query;
        auto q = field(input, "query");
        if (auto eq = q.find('='); eq != std::string::npos)
          query.push_back({q.substr(0, eq), q.substr(eq + 1)});
        auto data = api.call(field(input, "method"), field(input, "path"), std::move(query), "");
        if (!data.ok()) return data.err();
        return action_outcome{"Called.", std::move(data.value())};
      }
      return make_error(errc::not_found, "no action " + std::string(action));
    } catch (const std::exception& e) {
      return make_error(errc::internal, e.what());
    }
  }

  result<void> on_order_changed(const order_view& order, shop_api& api) noexcept override {
    return api.save_state("seen:" + order.order_id, order.status);
  }

  result<void> on_event(int type, std::string_view data_json, shop_api& api) noexcept override {
    return api.save_state("event:" + std::to_string(type), data_json);
  }

 private:
  const host_context& ctx_;
};

result<std::unique_ptr<market_module>> make_fixture_market(const host_context& ctx, std::string_view) {
  return std::unique_ptr<market_module>(std::make_unique<fixture_market>(ctx));
}

result<void> register_components(registrar& r) {
  return r.add_market_module("fixture-market", &make_fixture_market);
}

}  // namespace

KINGKUNG_PLUGIN("fixture-market", "1.0.0", kingkung::plugin::kind_market_module,
                "fixture: market module with a release gate", &register_components)
