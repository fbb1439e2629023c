// The module's config table, [markets.BR.br-invoice], read and checked once when a module is created.
#pragma once

#include <optional>
#include <string>

#include "kingkung/br/amount.hpp"
#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::br::detail {

struct module_config {
  std::optional<std::string> cnpj;  // normalized; the shop's emitter CNPJ
  amount total_tolerance = amount::from_units(100);
};

plugin::result<module_config> read_module_config(const plugin::config_view& table);

}  // namespace kingkung::br::detail
