#include "kingkung/mx/amount.hpp"

#include <limits>

namespace kingkung::mx {

std::optional<std::int64_t> parse_amount(std::string_view text) {
  constexpr std::int64_t scale = 10000;
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && fraction.empty()) || fraction.size() > 4)
    return std::nullopt;
  std::int64_t units = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    if (units > (max / scale - (c - '0')) / 10) return std::nullopt;
    units = units * 10 + (c - '0');
  }
  std::int64_t part = 0;
  std::int64_t step = scale;
  for (char c : fraction) {
    if (c < '0' || c > '9') return std::nullopt;
    step /= 10;
    part += (c - '0') * step;
  }
  return units * scale + part;
}

std::string format_amount(std::int64_t ten_thousandths) {
  bool negative = ten_thousandths < 0;
  std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(ten_thousandths)
                             : static_cast<std::uint64_t>(ten_thousandths);
  std::string fraction = std::to_string(v % 10000);
  fraction.insert(0, 4 - fraction.size(), '0');
  while (fraction.size() > 2 && fraction.back() == '0') fraction.pop_back();
  return (negative ? "-" : "") + std::to_string(v / 10000) + "." + fraction;
}

}  // namespace kingkung::mx
