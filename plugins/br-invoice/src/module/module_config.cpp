#include "module_config.hpp"

#include <algorithm>

#include "kingkung/br/tax_id.hpp"

namespace kingkung::br::detail {
namespace {

constexpr std::string_view key_cnpj = "cnpj";
constexpr std::string_view key_tolerance = "total_tolerance";

plugin::error config_error(const plugin::config_view& table, std::string_view key, std::string_view expected,
                           std::string_view found) {
  return plugin::make_error(plugin::errc::invalid_argument, table.origin() + ": key " + std::string(key) +
                                                                ": expected " + std::string(expected) +
                                                                ", found " + std::string(found));
}

}  // namespace

plugin::result<module_config> read_module_config(const plugin::config_view& table) {
  module_config cfg;
  const std::vector<std::string> keys = table.keys();
  for (const std::string& key : keys) {
    if (key != key_cnpj && key != key_tolerance)
      return config_error(table, key, "one of cnpj, total_tolerance", "an unknown key");
  }
  if (std::optional<std::string> cnpj = table.get_string(key_cnpj)) {
    std::string normalized = normalize_tax_id(*cnpj);
    if (!is_valid_cnpj(normalized)) {
      std::string expected = "the shop's CNPJ: 14 characters (12 of 0-9 or A-Z, then 2 check digits)";
      if (normalized.size() == 14) {
        if (auto digits = cnpj_check_digits(normalized.substr(0, 12)))
          expected += ", here ending in " + *digits;
      }
      return config_error(table, key_cnpj, expected, "\"" + *cnpj + "\"");
    }
    cfg.cnpj = normalized;
  } else if (std::find(keys.begin(), keys.end(), key_cnpj) != keys.end()) {
    return config_error(table, key_cnpj, "a quoted CNPJ such as \"11.222.333/0001-81\"", "another type");
  }
  if (std::optional<std::string> text = table.get_string(key_tolerance)) {
    std::optional<amount> tolerance = amount::parse(*text);
    if (!tolerance || *tolerance < amount{})
      return config_error(table, key_tolerance, "a non-negative decimal such as \"0.01\"",
                          "\"" + *text + "\"");
    cfg.total_tolerance = *tolerance;
  } else if (std::optional<std::int64_t> whole = table.get_int(key_tolerance)) {
    if (*whole < 0)
      return config_error(table, key_tolerance, "a non-negative decimal such as \"0.01\"",
                          std::to_string(*whole));
    cfg.total_tolerance = amount::from_units(*whole * amount::scale);
  } else if (table.get_double(key_tolerance)) {
    return config_error(table, key_tolerance,
                        "a quoted decimal such as \"0.01\" (money is never floating point)",
                        "a floating-point number");
  }
  return cfg;
}

}  // namespace kingkung::br::detail
