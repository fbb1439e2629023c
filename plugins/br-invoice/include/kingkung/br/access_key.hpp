// The NF-e access key (chave de acesso): 44 characters, laid out as
//   cUF(2) AAMM(4) CNPJ(14) mod(2) serie(3) nNF(9) tpEmis(1) cNF(8) cDV(1).
// Every character is a digit, except that the first 12 characters of the issuer CNPJ may be 0-9 or
// A-Z once alphanumeric CNPJs exist (July 2026). The check digit is mod 11 over the first 43
// characters with weights 2..9 from right to left, each character worth its ASCII code minus 48.
#pragma once

#include <optional>
#include <string_view>

namespace kingkung::br {

inline constexpr std::size_t access_key_length = 44;

struct access_key_parts {
  std::string_view state_code;   // cUF
  std::string_view year_month;   // AAMM
  std::string_view issuer_cnpj;  // 14 characters
  std::string_view model;        // "55" = NF-e, "65" = NFC-e
  std::string_view series;
  std::string_view number;
  std::string_view emission_type;
  std::string_view random_code;
  char check_digit = '0';
};

// The key's fields when `key` has the shape above (length and character classes); nothing is checked
// beyond the shape.
std::optional<access_key_parts> split_access_key(std::string_view key);

// The check digit for the first 43 characters of a key; nullopt unless `first43` has the key's shape.
std::optional<char> access_key_check_digit(std::string_view first43);

// Shape and check digit.
bool is_valid_access_key(std::string_view key);

}  // namespace kingkung::br
