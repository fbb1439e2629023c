#include "kingkung/br/access_key.hpp"

namespace kingkung::br {
namespace {

constexpr std::size_t cnpj_offset = 6;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

// Digits everywhere, except the CNPJ's first 12 characters, which may also be A-Z.
bool has_key_shape(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool in_cnpj_base = i >= cnpj_offset && i < cnpj_offset + 12;
    if (!is_digit(text[i]) && !(in_cnpj_base && is_upper(text[i]))) return false;
  }
  return true;
}

}  // namespace

std::optional<char> access_key_check_digit(std::string_view first43) {
  if (first43.size() != access_key_length - 1 || !has_key_shape(first43)) return std::nullopt;
  int sum = 0;
  int weight = 2;
  for (std::size_t i = first43.size(); i-- > 0;) {
    sum += (first43[i] - '0') * weight;
    weight = weight == 9 ? 2 : weight + 1;
  }
  int remainder = sum % 11;
  return static_cast<char>('0' + (remainder < 2 ? 0 : 11 - remainder));
}

std::optional<access_key_parts> split_access_key(std::string_view key) {
  if (key.size() != access_key_length || !has_key_shape(key)) return std::nullopt;
  access_key_parts p;
  p.state_code = key.substr(0, 2);
  p.year_month = key.substr(2, 4);
  p.issuer_cnpj = key.substr(cnpj_offset, 14);
  p.model = key.substr(20, 2);
  p.series = key.substr(22, 3);
  p.number = key.substr(25, 9);
  p.emission_type = key.substr(34, 1);
  p.random_code = key.substr(35, 8);
  p.check_digit = key[43];
  return p;
}

bool is_valid_access_key(std::string_view key) {
  if (key.size() != access_key_length) return false;
  auto digit = access_key_check_digit(key.substr(0, access_key_length - 1));
  return digit && *digit == key.back();
}

}  // namespace kingkung::br
