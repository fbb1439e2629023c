// Exact money amounts for NF-e totals and order totals: an integer count of 1/10000 units, never
// floating point. The plugin keeps its own small type because plugins include only the plugin API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kingkung::br {

class amount {
 public:
  static constexpr std::int64_t scale = 10000;

  constexpr amount() = default;
  static constexpr amount from_units(std::int64_t ten_thousandths) { return amount(ten_thousandths); }
  // Parses "199", "199.5", "-0.25", "1234.5678". Rejects more than 4 fractional digits, exponents,
  // signs other than a leading '-', spaces, thousands separators and empty text.
  static std::optional<amount> parse(std::string_view text);

  constexpr std::int64_t units() const { return v_; }
  // Exact text with at least two fractional digits: "199.00", "0.0125".
  std::string to_string() const;

  constexpr amount operator-(amount o) const { return amount(v_ - o.v_); }
  constexpr amount abs() const { return amount(v_ < 0 ? -v_ : v_); }
  constexpr auto operator<=>(const amount&) const = default;

 private:
  constexpr explicit amount(std::int64_t v) : v_(v) {}
  std::int64_t v_ = 0;
};

}  // namespace kingkung::br
