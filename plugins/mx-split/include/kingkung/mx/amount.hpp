// Money amounts as exact integers: ten-thousandths of the currency's major unit ("229.90" is 2299000),
// the same scale the product stores. Parsing accepts plain decimal text only; floating point never
// touches an amount.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kingkung::mx {

// "229.90", "12", "0.5" -> ten-thousandths. Empty when the text is not a non-negative decimal with at
// most four fraction digits (signs, exponents, spaces and separators are refused) or would overflow.
std::optional<std::int64_t> parse_amount(std::string_view text);

// 2299000 -> "229.90": at least two fraction digits, more only when they are not zero.
std::string format_amount(std::int64_t ten_thousandths);

}  // namespace kingkung::mx
