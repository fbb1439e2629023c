#include "kingkung/br/tax_id.hpp"

#include <algorithm>
#include <array>
#include <span>

namespace kingkung::br {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char mod11_digit(int sum) {
  int remainder = sum % 11;
  return static_cast<char>('0' + (remainder < 2 ? 0 : 11 - remainder));
}

// Characters are worth their ASCII code minus 48: '0'..'9' -> 0..9, 'A'..'Z' -> 17..42.
int weighted_sum(std::string_view text, std::span<const int> weights) {
  int sum = 0;
  for (std::size_t i = 0; i < text.size(); ++i) sum += (text[i] - '0') * weights[i];
  return sum;
}

}  // namespace

std::string normalize_tax_id(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '.' || c == '/' || c == '-' || c == ' ') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::optional<std::string> cnpj_check_digits(std::string_view first12) {
  if (first12.size() != 12 || !std::all_of(first12.begin(), first12.end(),
                                           [](char c) { return is_digit(c) || (c >= 'A' && c <= 'Z'); }))
    return std::nullopt;
  static constexpr std::array<int, 13> weights{6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
  std::string digits;
  digits += mod11_digit(weighted_sum(first12, std::span(weights).subspan(1)));
  std::string with_first = std::string(first12) + digits;
  digits += mod11_digit(weighted_sum(with_first, weights));
  return digits;
}

bool is_valid_cnpj(std::string_view cnpj) {
  if (cnpj.size() != 14) return false;
  auto digits = cnpj_check_digits(cnpj.substr(0, 12));
  return digits && *digits == cnpj.substr(12);
}

std::optional<std::string> cpf_check_digits(std::string_view first9) {
  if (first9.size() != 9 || !std::all_of(first9.begin(), first9.end(), is_digit)) return std::nullopt;
  static constexpr std::array<int, 10> weights{11, 10, 9, 8, 7, 6, 5, 4, 3, 2};
  std::string digits;
  digits += mod11_digit(weighted_sum(first9, std::span(weights).subspan(1)));
  std::string with_first = std::string(first9) + digits;
  digits += mod11_digit(weighted_sum(with_first, weights));
  return digits;
}

bool is_valid_cpf(std::string_view cpf) {
  if (cpf.size() != 11) return false;
  if (std::all_of(cpf.begin(), cpf.end(), [&](char c) { return c == cpf.front(); })) return false;
  auto digits = cpf_check_digits(cpf.substr(0, 9));
  return digits && *digits == cpf.substr(9);
}

}  // namespace kingkung::br
