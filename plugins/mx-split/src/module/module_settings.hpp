// The module's config table, [markets.<REGION>.mx-split]. Every key is optional.
#pragma once

#include <cstdint>
#include <optional>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::mx::detail {

struct module_settings {
  // The seller's own cap on the declared value (sum of sale prices) of one package, in ten-thousandths
  // of the order's currency. Off when absent: the platform documents no value limit for MX packages.
  std::optional<std::int64_t> max_declared_value_per_package;
};

plugin::result<module_settings> read_module_settings(const plugin::config_view& table);

}  // namespace kingkung::mx::detail
