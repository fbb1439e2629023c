#include "module_settings.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/mx/amount.hpp"

namespace kingkung::mx::detail {
namespace {

constexpr std::string_view key_max_value = "max_declared_value_per_package";
constexpr std::array<std::string_view, 1> known_keys = {key_max_value};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

plugin::error bad_key(const plugin::config_view& table, std::string_view key, std::string what) {
  return plugin::make_error(plugin::errc::invalid_argument,
                            table.origin() + ": key \"" + std::string(key) + "\": " + std::move(what));
}

}  // namespace

plugin::result<module_settings> read_module_settings(const plugin::config_view& table) {
  for (const auto& key : table.keys()) {
    if (std::find(known_keys.begin(), known_keys.end(), key) != known_keys.end()) continue;
    std::string_view closest = known_keys.front();
    for (auto k : known_keys)
      if (edit_distance(key, k) < edit_distance(key, closest)) closest = k;
    bool near = edit_distance(key, closest) <= std::max<std::size_t>(3, key.size() / 3) ||
                (key.size() >= 4 && closest.find(key) != std::string_view::npos);
    std::string hint = near ? "; did you mean \"" + std::string(closest) + "\"?"
                            : "; known keys: " + std::string(key_max_value);
    return bad_key(table, key, "unknown key" + hint);
  }

  module_settings settings;
  const std::string expected =
      "expected a positive amount in the order's currency as a decimal string, e.g. \"2500.00\"";
  if (auto text = table.get_string(key_max_value)) {
    auto amount = parse_amount(*text);
    if (!amount || *amount == 0) return bad_key(table, key_max_value, expected + ", found \"" + *text + "\"");
    settings.max_declared_value_per_package = *amount;
  } else if (auto whole = table.get_int(key_max_value)) {
    if (*whole <= 0 || *whole > 100'000'000'000)
      return bad_key(table, key_max_value, expected + ", found " + std::to_string(*whole));
    settings.max_declared_value_per_package = *whole * 10000;
  } else if (table.get_double(key_max_value) || table.get_bool(key_max_value) ||
             table.get_strings(key_max_value)) {
    // Money never goes through floating point: 2500.5 written as a TOML float is refused.
    return bad_key(table, key_max_value,
                   expected + ", found a value of another type (write the amount in quotes)");
  }
  return settings;
}

}  // namespace kingkung::mx::detail
