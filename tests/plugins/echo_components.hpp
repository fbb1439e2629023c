// The components of the well-behaved fixture plugins: a transport that echoes each request back and a
// market module with no rules. Included by exactly one source per fixture library.
#pragma once

#include <memory>
#include <string>

#include "kingkung/plugin/plugin.hpp"

namespace fixture {

using namespace kingkung::plugin;

class echo_transport final : public transport {
 public:
  explicit echo_transport(const host_context& ctx) : ctx_(ctx) {}

  result<http_response> send(const http_request& request) noexcept override {
    http_response response;
    response.status = 200;
    response.headers.push_back({"x-echo-method", request.method});
    response.headers.push_back({"x-echo-target", request.target});
    response.body = request.body;
    return response;
  }

  std::string describe() const override {
    return "echo transport (data dir " + std::string(ctx_.data_dir()) + ")";
  }

 private:
  const host_context& ctx_;
};

class idle_module final : public market_module {
 public:
  explicit idle_module(std::string shop_id) : shop_id_(std::move(shop_id)) {}
  std::uint32_t capabilities() const noexcept override { return 0; }
  std::vector<action_spec> actions() const override { return {}; }
  result<action_state> action_state_for(std::string_view, const order_view&) noexcept override {
    return action_state{};
  }
  result<ship_gate> check_ship(const order_view&, shop_api&) noexcept override { return ship_gate{}; }
  result<action_outcome> run_action(std::string_view action, const order_view&, const action_input&,
                                    shop_api&) noexcept override {
    return make_error(errc::not_found, "no action " + std::string(action) + " for shop " + shop_id_);
  }
  result<void> on_order_changed(const order_view&, shop_api&) noexcept override { return {}; }
  result<void> on_event(int, std::string_view, shop_api&) noexcept override { return {}; }

 private:
  std::string shop_id_;
};

inline result<std::unique_ptr<transport>> make_echo_transport(const host_context& ctx) {
  return std::unique_ptr<transport>(std::make_unique<echo_transport>(ctx));
}

inline result<std::unique_ptr<market_module>> make_idle_module(const host_context&,
                                                               std::string_view shop_id) {
  return std::unique_ptr<market_module>(std::make_unique<idle_module>(std::string(shop_id)));
}

}  // namespace fixture
