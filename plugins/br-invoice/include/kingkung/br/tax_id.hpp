// Brazilian tax ids: CNPJ (companies, 14 characters) and CPF (people, 11 digits).
// CNPJ: two check digits, weights 5,4,3,2,9,8,7,6,5,4,3,2 then 6,5,4,3,2,9,8,7,6,5,4,3,2; each
// character is worth its ASCII code minus 48, so the alphanumeric CNPJ (0-9 and A-Z in the first 12
// characters, from July 2026) uses the same rule as the numeric one. The check digits stay numeric.
// CPF: weights 10..2 then 11..2. For both: digit = 0 when (sum mod 11) < 2, else 11 - (sum mod 11).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kingkung::br {

// Drops the usual punctuation ('.', '/', '-', spaces) and upper-cases letters:
// "12.ABC.345/01DE-35" -> "12ABC34501DE35".
std::string normalize_tax_id(std::string_view text);

// The two check digits for the first 12 CNPJ characters; nullopt unless they are 0-9 or A-Z.
std::optional<std::string> cnpj_check_digits(std::string_view first12);
// A normalized CNPJ: 12 characters 0-9/A-Z, then two correct numeric check digits.
bool is_valid_cnpj(std::string_view cnpj);

// The two check digits for the first 9 CPF digits; nullopt unless they are 9 digits.
std::optional<std::string> cpf_check_digits(std::string_view first9);
// A normalized CPF: 11 digits, correct check digits, and not all the same digit (111.111.111-11
// passes the arithmetic but is never issued).
bool is_valid_cpf(std::string_view cpf);

}  // namespace kingkung::br
