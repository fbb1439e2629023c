// value_table: the host-owned, immutable table of plain values behind a plugin's config view
// ([plugins.config.<id>]) and a market module's config ([markets.<REGION>.<module>]). Built by the config
// loader from TOML; tests and hosts may build one directly.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kingkung/config/config.hpp"
#include "kingkung/plugin/host_context.hpp"

namespace kingkung::config {

struct value_table final : plugin::config_view {
  using strings = std::vector<std::string>;
  using value =
      std::variant<std::string, std::int64_t, double, bool, strings, std::shared_ptr<const value_table>>;

  value_table(std::string origin, std::map<std::string, value> values);

  // An empty table, e.g. for a plugin that has no [plugins.config.<id>].
  static value_table_ptr empty(std::string origin);

  // A key names a value of this table; a dotted key ("limits.max_value") walks into sub-tables when this
  // table has no key spelled with the dot. get_double also accepts integers; the others are exact.
  std::optional<std::string> get_string(std::string_view key) const override;
  std::optional<std::int64_t> get_int(std::string_view key) const override;
  std::optional<double> get_double(std::string_view key) const override;
  std::optional<bool> get_bool(std::string_view key) const override;
  std::optional<std::vector<std::string>> get_strings(std::string_view key) const override;
  std::vector<std::string> keys() const override;  // this table's own keys, sorted
  std::string origin() const override;

  const value* find(std::string_view key) const;  // nullptr when absent
  const std::map<std::string, value>& values() const { return values_; }

 private:
  std::string origin_;
  std::map<std::string, value> values_;
};

}  // namespace kingkung::config
