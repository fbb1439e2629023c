// Seller-facing messages for the platform's answers to Split Orders (docs/tiktok-shop-api.md 4.2, 5.4,
// 7.4). The shop_api reports a business error as errc::rejected with "code NNN: message ..." in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "kingkung/plugin/result.hpp"

namespace kingkung::mx::detail {

inline constexpr std::int64_t code_split_invalid_params = 21011005;
inline constexpr std::int64_t code_split_not_allowed = 21011035;
inline constexpr std::int64_t code_split_breaks_limits = 21003002;
inline constexpr std::int64_t code_ship_split_first = 21004024;

// The platform code in a rejected error's message, if any.
std::optional<std::int64_t> platform_code(const plugin::error& e);

// A refusal of Split Orders as the seller should read it: what the code means and what to do. Errors
// that are not platform refusals keep their class and get the order named.
plugin::error explain_split_failure(const plugin::error& e, std::string_view order_id, bool local_seller);

}  // namespace kingkung::mx::detail
