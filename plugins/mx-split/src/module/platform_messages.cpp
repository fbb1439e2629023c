#include "platform_messages.hpp"

#include <string>

namespace kingkung::mx::detail {

std::optional<std::int64_t> platform_code(const plugin::error& e) {
  if (e.code != plugin::errc::rejected) return std::nullopt;
  std::string_view m = e.message;
  auto at = m.find("code ");
  if (at == std::string_view::npos) return std::nullopt;
  std::int64_t code = 0;
  std::size_t digits = 0;
  for (std::size_t i = at + 5; i < m.size() && m[i] >= '0' && m[i] <= '9' && digits < 12; ++i, ++digits)
    code = code * 10 + (m[i] - '0');
  if (digits == 0) return std::nullopt;
  return code;
}

plugin::error explain_split_failure(const plugin::error& e, std::string_view order_id, bool local_seller) {
  std::string order = "order " + std::string(order_id);
  switch (platform_code(e).value_or(0)) {
    case code_split_breaks_limits:
      return plugin::make_error(
          plugin::errc::rejected,
          "TikTok Shop refused to split " + order +
              " (21003002): a package of the plan breaks one of the platform's limits for this order. The "
              "limits may have changed since the plan was made: run Plan split again, then Split order.");
    case code_split_not_allowed:
      return plugin::make_error(
          plugin::errc::rejected,
          "TikTok Shop does not allow splitting " + order +
              " now (21011035, split order not allowed): it may have been cancelled, shipped, or already "
              "split or combined. Refresh the order to see its current packages.");
    case code_split_invalid_params:
      return plugin::make_error(
          plugin::errc::rejected,
          "TikTok Shop rejected the split request for " + order +
              " as invalid (21011005): every item must be in exactly one of at least two packages" +
              (local_seller ? ", with every unit of a SKU in the same package" : "") +
              ". The order's items may have changed: run Plan split again.");
    default:
      break;
  }
  if (e.code == plugin::errc::timeout || e.code == plugin::errc::maybe_delivered)
    return plugin::make_error(e.code, "TikTok Shop did not confirm the split of " + order +
                                          "; it may have been made. Run Split order again: it checks the "
                                          "order's packages first and does not send a second split. (" +
                                          e.message + ")");
  return plugin::make_error(e.code, "splitting " + order + ": " + e.message);
}

}  // namespace kingkung::mx::detail
