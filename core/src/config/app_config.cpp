#include "kingkung/config/config.hpp"

namespace kingkung::config {

std::string app_config::transport_for(const shop_config& shop) const {
  if (!shop.transport.empty()) return shop.transport;
  if (auto it = markets.find(shop.region); it != markets.end() && !it->second.transport.empty())
    return it->second.transport;
  return default_transport;
}

std::vector<std::string> app_config::modules_for(const shop_config& shop) const {
  if (shop.modules_set || !shop.modules.empty()) return shop.modules;
  if (auto it = markets.find(shop.region); it != markets.end()) return it->second.modules;
  return {};
}

source_location app_config::location_of(const std::string& key_path) const {
  auto it = locations.find(key_path);
  return it == locations.end() ? source_location{} : it->second;
}

}  // namespace kingkung::config
