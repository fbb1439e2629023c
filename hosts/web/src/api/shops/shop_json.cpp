#include "api/shops/shop_json.hpp"

#include <boost/json/array.hpp>

#include "kingkung/storage/shop_repository.hpp"

namespace kingkung::web::shops {

namespace json = boost::json;

std::int64_t data_deletion_time(std::int64_t disconnected_at, unsigned retention_days) {
  return disconnected_at + static_cast<std::int64_t>(retention_days) * 86400;
}

json::object shop_json(const domain::shop& shop, const std::optional<sync::shop_health>& health,
                       const std::vector<connect::shop_notice>& notices, unsigned retention_days) {
  json::array modules, scopes, notice_list;
  for (const auto& m : shop.modules) modules.emplace_back(m);
  for (const auto& s : shop.granted_scopes) scopes.emplace_back(s);
  for (const auto& n : notices)
    if (n.shop_id == shop.id)
      notice_list.push_back(json::object{{"kind", storage::to_string(n.kind)},
                                         {"detail", n.detail},
                                         {"headline", connect::notices::headline(n)},
                                         {"due_at", n.due_at}});
  json::value health_json = nullptr;
  if (health)
    health_json = json::object{{"last_success_at", health->last_success},
                               {"lag_seconds", health->lag_seconds},
                               {"last_error", health->last_error},
                               {"consecutive_failures", health->consecutive_failures},
                               {"orders", health->orders},
                               {"products", health->products},
                               {"packages", health->packages},
                               {"pending_write_backs", health->pending_write_backs},
                               {"failed_write_backs", health->failed_write_backs},
                               {"unknown_write_backs", health->unknown_write_backs}};
  const bool disconnected = shop.state == domain::shop_state::disconnected;
  return {{"id", shop.id},
          {"name", shop.name},
          {"region", shop.region},
          {"seller_type", shop.seller_type},
          {"state", storage::to_string(shop.state)},
          {"demo", shop.demo},
          {"transport", shop.transport},
          {"modules", std::move(modules)},
          {"granted_scopes", std::move(scopes)},
          {"connected_at", shop.connected_at},
          {"disconnected_at", disconnected ? json::value(shop.disconnected_at) : json::value(nullptr)},
          {"data_deleted_at", disconnected ? json::value(data_deletion_time(shop.disconnected_at, retention_days))
                                           : json::value(nullptr)},
          {"health", std::move(health_json)},
          {"notices", std::move(notice_list)}};
}

}  // namespace kingkung::web::shops
