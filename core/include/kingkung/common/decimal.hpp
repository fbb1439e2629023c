// Money and other exact decimal quantities. Never floating point: a decimal is an integer count of
// 1/10000 units (four fractional digits, enough for every currency the platform uses).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kingkung {

class decimal {
 public:
  static constexpr std::int64_t scale = 10000;

  constexpr decimal() = default;
  static constexpr decimal from_units(std::int64_t ten_thousandths) { return decimal(ten_thousandths); }
  // Parses "199", "199.5", "-0.25", "1234.5678". Rejects more than 4 fractional digits, exponents,
  // spaces, empty text and values outside +/- 922 trillion.
  static std::optional<decimal> parse(std::string_view text);

  constexpr std::int64_t units() const { return v_; }
  // Shortest exact text with at least `min_fraction` fractional digits: "199.00" for 2.
  std::string to_string(int min_fraction = 2) const;

  constexpr decimal operator+(decimal o) const { return decimal(v_ + o.v_); }
  constexpr decimal operator-(decimal o) const { return decimal(v_ - o.v_); }
  constexpr decimal operator-() const { return decimal(-v_); }
  constexpr decimal& operator+=(decimal o) { v_ += o.v_; return *this; }
  constexpr decimal& operator-=(decimal o) { v_ -= o.v_; return *this; }
  constexpr decimal operator*(std::int64_t n) const { return decimal(v_ * n); }
  constexpr decimal abs() const { return decimal(v_ < 0 ? -v_ : v_); }
  constexpr auto operator<=>(const decimal&) const = default;

 private:
  constexpr explicit decimal(std::int64_t v) : v_(v) {}
  std::int64_t v_ = 0;
};

}  // namespace kingkung
