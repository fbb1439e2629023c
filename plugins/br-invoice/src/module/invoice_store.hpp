// Per-package invoice records in the module's durable state (through shop_api), with a copy in memory
// so that action_state_for, which gets no shop_api, can still tell what has been uploaded.
// State keys: "invoice:<package_id>" -> record, "access_key:<key>" -> package id.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "kingkung/br/invoice_status.hpp"
#include "kingkung/plugin/market_module.hpp"

namespace kingkung::br::detail {

class invoice_store {
 public:
  plugin::result<std::optional<invoice_record>> get(plugin::shop_api& api, const std::string& package_id);
  plugin::result<void> put(plugin::shop_api& api, const std::string& package_id,
                           const invoice_record& record);
  // The package an access key was uploaded for, if any.
  plugin::result<std::optional<std::string>> package_for_key(plugin::shop_api& api,
                                                             const std::string& access_key);
  // What this process last read or wrote for the package.
  const invoice_record* cached(const std::string& package_id) const;

 private:
  std::map<std::string, invoice_record> cache_;
};

}  // namespace kingkung::br::detail
