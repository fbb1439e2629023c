#include "order_review.hpp"

namespace order_review {
namespace kp = kingkung::plugin;

std::optional<long long> parse_amount(std::string_view text) {
  long long whole = 0, fraction = 0;
  int fraction_digits = -1;
  if (text.empty()) return std::nullopt;
  for (char c : text) {
    if (c == '.' && fraction_digits < 0) {
      fraction_digits = 0;
    } else if (c >= '0' && c <= '9') {
      if (fraction_digits < 0) {
        if (whole > 100'000'000'000'000LL) return std::nullopt;
        whole = whole * 10 + (c - '0');
      } else if (fraction_digits < 4) {
        fraction = fraction * 10 + (c - '0');
        ++fraction_digits;
      } else {
        return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
  }
  for (int d = fraction_digits < 0 ? 0 : fraction_digits; d < 4; ++d) fraction *= 10;
  return whole * 10'000 + fraction;
}

kp::result<std::unique_ptr<kp::market_module>> module::create(const kp::host_context& ctx, std::string_view) {
  const auto& cfg = ctx.config();
  auto text = cfg.get_string("min_total").value_or("500.00");
  auto amount = parse_amount(text);
  if (!amount)
    return kp::make_error(kp::errc::invalid_argument, cfg.origin() + ": min_total: expected a decimal amount "
                                                      "such as \"500.00\", found \"" + text + "\"");
  return std::unique_ptr<kp::market_module>(std::make_unique<module>(*amount, ctx.log()));
}

std::uint32_t module::capabilities() const noexcept {
  return kp::capability_ship_gating;
}

std::vector<kp::action_spec> module::actions() const {
  return {{"review.approve", "Approve for shipping",
           "Confirms that someone checked this high-value order; it may ship after that.", {}, true}};
}

bool module::needs_review(const kp::order_view& order) const {
  auto total = parse_amount(order.total_amount);
  return !total || *total >= min_total_;  // an unreadable total is reviewed, not waved through
}

static std::string state_key(const kp::order_view& order) {
  return "approved:" + order.order_id;
}

kp::result<kp::action_state> module::action_state_for(std::string_view action, const kp::order_view& order) noexcept {
  if (action != "review.approve") return kp::make_error(kp::errc::not_found, "no action " + std::string(action));
  kp::action_state s;
  s.applies = needs_review(order);
  s.enabled = s.applies && order.status == "AWAITING_SHIPMENT";
  if (s.applies && !s.enabled) s.reason = "Only orders awaiting shipment can be approved.";
  return s;
}

kp::result<kp::ship_gate> module::check_ship(const kp::order_view& order, kp::shop_api& api) noexcept {
  if (!needs_review(order)) return kp::ship_gate{};
  auto approved = api.load_state(state_key(order));
  if (!approved.ok()) return std::move(approved).err();
  if (approved->has_value()) return kp::ship_gate{};
  return kp::ship_gate{false, "This order is worth " + order.total_amount + " " + order.currency +
                                  "; someone must approve it before it ships."};
}

kp::result<kp::action_outcome> module::run_action(std::string_view action, const kp::order_view& order,
                                                  const kp::action_input&, kp::shop_api& api) noexcept {
  auto state = action_state_for(action, order);
  if (!state.ok()) return std::move(state).err();
  if (!state->enabled)
    return kp::make_error(kp::errc::failed_precondition,
                          state->reason.empty() ? "This order does not need a review." : state->reason);
  auto saved = api.save_state(state_key(order), "1");
  if (!saved.ok()) return std::move(saved).err();
  log_.log(kp::log_level::info, "order " + order.order_id + " approved for shipping");
  return kp::action_outcome{"Approved: the order may ship.", "{\"approved\":true}"};
}

kp::result<void> module::on_order_changed(const kp::order_view&, kp::shop_api&) noexcept {
  return {};
}

kp::result<void> module::on_event(int, std::string_view, kp::shop_api&) noexcept {
  return {};
}

}  // namespace order_review
