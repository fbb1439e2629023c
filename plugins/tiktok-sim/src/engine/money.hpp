// Money in minor units (cents) and its decimal text form ("199.00"). Never floating point.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kingkung::sim::detail {

using money = std::int64_t;

// Decimal places the platform uses for a currency (JPY, IDR, VND and KRW have none).
int currency_decimals(std::string_view currency) noexcept;

// "1234.50" for 123450 with 2 decimals.
std::string format_money(money minor, std::string_view currency);

// Parses a plain non-negative decimal ("12", "12.5", "12.50"). Rejects signs, exponents, spaces and
// more decimals than the currency has.
std::optional<money> parse_money(std::string_view text, std::string_view currency);

// amount * basis_points / 10000, rounded half up.
money apply_rate(money amount, int basis_points) noexcept;

}  // namespace kingkung::sim::detail
