// The steps connect_service and the demo set-up share: asking the simulator for an auth code, turning an
// auth code into a grant and the shops it covers, and storing a connected shop with its config-chosen
// transport and modules. Internal to core/src/connect.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "kingkung/common/secret.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/connect/vault_token_source.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/plugin/transport.hpp"
#include "kingkung/tiktok/client.hpp"
#include "kingkung/tiktok/oauth.hpp"

namespace kingkung::storage {
class shop_repository;
class notice_repository;
}  // namespace kingkung::storage

namespace kingkung::connect::detail {

// POST /__sim/authorize for a simulator shop (key or id): the auth code it issues.
result<secret> simulator_auth_code(plugin::transport& transport, std::string_view shop);

struct authorization {
  tiktok::token_grant grant;
  std::vector<domain::shop> shops;  // as the platform lists them
};
// Token get with the code, then Get Authorized Shops with the new token.
result<authorization> exchange_code(tiktok::client& api, const secret& code);

// The shop to store for a platform shop: the platform's fields, the seller, the grant's scopes, and the
// transport, modules and demo flag config gives it ([[shops]] entry for its id, else its market's).
domain::shop configured_shop(const config::app_config& config, std::int64_t seller_id, const domain::shop& platform,
                             const tiktok::token_grant& grant, std::int64_t now);

// Stores the shop (connected), then its tokens, and clears its notices.
result<void> save_connected(storage::shop_repository& shops, storage::notice_repository& notices,
                            vault_token_source& tokens, const domain::shop& shop, const tiktok::token_grant& grant);

}  // namespace kingkung::connect::detail
