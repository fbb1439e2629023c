#include "kingkung/common/decimal.hpp"

#include <limits>

namespace kingkung {

std::optional<decimal> decimal::parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  std::int64_t whole = 0;
  std::size_t whole_digits = 0;
  constexpr std::int64_t max_whole = std::numeric_limits<std::int64_t>::max() / scale - 1;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++whole_digits) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > max_whole) return std::nullopt;
  }
  std::int64_t frac = 0;
  std::size_t frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++frac_digits) {
      if (frac_digits == 4) return std::nullopt;
      frac = frac * 10 + (text[i] - '0');
    }
    if (frac_digits == 0) return std::nullopt;
  }
  if (i != text.size() || whole_digits == 0) return std::nullopt;
  for (std::size_t d = frac_digits; d < 4; ++d) frac *= 10;
  std::int64_t v = whole * scale + frac;
  return decimal(negative ? -v : v);
}

std::string decimal::to_string(int min_fraction) const {
  std::int64_t v = v_;
  bool negative = v < 0;
  std::uint64_t a = negative ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
  std::string out = negative ? "-" : "";
  out += std::to_string(a / scale);
  std::uint64_t frac = a % scale;
  std::string f = std::to_string(frac + scale).substr(1);  // four digits
  std::size_t keep = 4;
  while (keep > static_cast<std::size_t>(min_fraction < 0 ? 0 : min_fraction) && f[keep - 1] == '0') --keep;
  if (keep > 0) out += "." + f.substr(0, keep);
  return out;
}

}  // namespace kingkung
