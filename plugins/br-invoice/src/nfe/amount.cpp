#include "kingkung/br/amount.hpp"

#include <cstdlib>
#include <limits>

namespace kingkung::br {

std::optional<amount> amount::parse(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  std::size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && fraction.empty()) || fraction.size() > 4)
    return std::nullopt;
  constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max() / scale / 10;
  std::int64_t units = 0;
  for (char c : whole) {
    if (c < '0' || c > '9' || units > limit) return std::nullopt;
    units = units * 10 + (c - '0');
  }
  units *= scale;
  std::int64_t weight = scale / 10;
  for (char c : fraction) {
    if (c < '0' || c > '9') return std::nullopt;
    units += (c - '0') * weight;
    weight /= 10;
  }
  return amount(negative ? -units : units);
}

std::string amount::to_string() const {
  std::int64_t magnitude = v_ < 0 ? -v_ : v_;
  std::string out = (v_ < 0 ? "-" : "") + std::to_string(magnitude / scale) + ".";
  std::string fraction = std::to_string(magnitude % scale);
  fraction.insert(0, 4 - fraction.size(), '0');
  while (fraction.size() > 2 && fraction.back() == '0') fraction.pop_back();
  return out + fraction;
}

}  // namespace kingkung::br
