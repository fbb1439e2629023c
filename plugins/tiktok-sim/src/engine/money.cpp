#include "money.hpp"

namespace kingkung::sim::detail {

int currency_decimals(std::string_view currency) noexcept {
  return currency == "JPY" || currency == "IDR" || currency == "VND" || currency == "KRW" ? 0 : 2;
}

std::string format_money(money minor, std::string_view currency) {
  int decimals = currency_decimals(currency);
  bool negative = minor < 0;
  std::uint64_t v =
      negative ? static_cast<std::uint64_t>(-(minor + 1)) + 1 : static_cast<std::uint64_t>(minor);
  std::uint64_t scale = decimals == 0 ? 1 : 100;
  std::string out = negative ? "-" : "";
  out += std::to_string(v / scale);
  if (decimals > 0) {
    std::uint64_t frac = v % scale;
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    out += static_cast<char>('0' + frac % 10);
  }
  return out;
}

std::optional<money> parse_money(std::string_view text, std::string_view currency) {
  int decimals = currency_decimals(currency);
  if (text.empty() || text.size() > 20) return std::nullopt;
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && frac.empty())) return std::nullopt;
  if (static_cast<int>(frac.size()) > decimals) return std::nullopt;
  money value = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > 1'000'000'000'000LL) return std::nullopt;
  }
  for (int i = 0; i < decimals; ++i) {
    int digit = 0;
    if (i < static_cast<int>(frac.size())) {
      char c = frac[static_cast<std::size_t>(i)];
      if (c < '0' || c > '9') return std::nullopt;
      digit = c - '0';
    }
    value = value * 10 + digit;
  }
  return value;
}

money apply_rate(money amount, int basis_points) noexcept {
  return (amount * basis_points + 5000) / 10000;
}

}  // namespace kingkung::sim::detail
