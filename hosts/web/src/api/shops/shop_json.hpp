// The JSON a shop has in the shops API.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <boost/json/object.hpp>

#include "kingkung/connect/notices.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/sync/health.hpp"

namespace kingkung::web::shops {

// {"id","name","region","seller_type","state","demo","transport","modules","granted_scopes","connected_at",
//  "disconnected_at","data_deleted_at","health":{...},"notices":[{"kind","detail","due_at"}]}
// data_deleted_at is null while the shop is connected; health is null when unknown.
boost::json::object shop_json(const domain::shop& shop, const std::optional<sync::shop_health>& health,
                              const std::vector<connect::shop_notice>& notices, unsigned retention_days);

// When a shop disconnected at `disconnected_at` has its data purged.
std::int64_t data_deletion_time(std::int64_t disconnected_at, unsigned retention_days);

}  // namespace kingkung::web::shops
