// How values the database has no exact type for are written to and read from columns.
//
// Money (kingkung::decimal) is exact on both backends, never floating point:
//   - SQLite: INTEGER ten-thousandths (decimal::units()), so "12.34" is stored as 123400. Sums and
//     comparisons in SQL stay exact integer arithmetic.
//   - MySQL:  DECIMAL(19,4), written and read as decimal text ("12.3400"), never through a double.
// Lists (shop modules, scopes, package ids, a recipient's districts) are JSON arrays in a TEXT column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/common/decimal.hpp"
#include "kingkung/domain/order.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage::detail {

// The column text for a money value (bound as a string; SQLite's INTEGER column stores it as an integer).
std::string money_to_column(backend kind, decimal value);
// Reads it back; throws std::runtime_error naming `column` when the stored text is not a valid amount.
decimal money_from_column(backend kind, std::string_view text, std::string_view column);

std::string strings_to_column(const std::vector<std::string>& values);
// Throws std::runtime_error naming `column` when the stored text is not a JSON array of strings.
std::vector<std::string> strings_from_column(std::string_view text, std::string_view column);

// A recipient's administrative areas as a JSON array of objects with the domain's field names.
std::string districts_to_column(const std::vector<domain::district>& districts);
std::vector<domain::district> districts_from_column(std::string_view text, std::string_view column);

std::int64_t unix_now();

}  // namespace kingkung::storage::detail
