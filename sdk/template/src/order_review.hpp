// order-review: holds orders above a value for a person to look at before they ship.
//
// One capability (ship gating) and one order action ("review.approve"). Config, from the shop's
// [markets.<REGION>.order-review] table:
//   min_total = "500.00"   # orders whose total is at least this (in the order's currency) need a review
// An approval is kept in the module's state for the shop, so it survives restarts.
#pragma once

#include <memory>
#include <string>

#include "kingkung/plugin/market_module.hpp"
#include "kingkung/plugin/host_context.hpp"

namespace order_review {

// Amounts are compared as decimal text with up to 4 fraction digits, never as floating point.
// Returns the amount in ten-thousandths, or nothing when the text is not a plain decimal.
std::optional<long long> parse_amount(std::string_view text);

class module final : public kingkung::plugin::market_module {
 public:
  module(long long min_total, kingkung::plugin::logger& log) : min_total_(min_total), log_(log) {}

  // Reads min_total from the module's config table; a bad value is an error naming the key.
  static kingkung::plugin::result<std::unique_ptr<kingkung::plugin::market_module>> create(
      const kingkung::plugin::host_context& ctx, std::string_view shop_id);

  std::uint32_t capabilities() const noexcept override;
  std::vector<kingkung::plugin::action_spec> actions() const override;
  kingkung::plugin::result<kingkung::plugin::action_state> action_state_for(
      std::string_view action, const kingkung::plugin::order_view& order) noexcept override;
  kingkung::plugin::result<kingkung::plugin::ship_gate> check_ship(const kingkung::plugin::order_view& order,
                                                                   kingkung::plugin::shop_api& api) noexcept override;
  kingkung::plugin::result<kingkung::plugin::action_outcome> run_action(
      std::string_view action, const kingkung::plugin::order_view& order,
      const kingkung::plugin::action_input& input, kingkung::plugin::shop_api& api) noexcept override;
  kingkung::plugin::result<void> on_order_changed(const kingkung::plugin::order_view& order,
                                                  kingkung::plugin::shop_api& api) noexcept override;
  kingkung::plugin::result<void> on_event(int type, std::string_view data_json,
                                          kingkung::plugin::shop_api& api) noexcept override;

 private:
  bool needs_review(const kingkung::plugin::order_view& order) const;
  long long min_total_;
  kingkung::plugin::logger& log_;
};

}  // namespace order_review
