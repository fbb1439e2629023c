// Shops: Get Authorized Shops (GET /authorization/202309/shops) and Get Active Shops
// (GET /seller/202309/shops). Neither takes a shop_cipher; the client never sends one to them.
#pragma once

#include <vector>

#include "kingkung/common/secret.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/tiktok/client.hpp"

namespace kingkung::tiktok {

// The shops a token covers: id, name, region, seller_type, cipher and code are filled.
result<std::vector<domain::shop>> get_authorized_shops(client& api, const shop_ref& shop);
// Same, with a token just obtained from OAuth (before any shop is known).
result<std::vector<domain::shop>> get_authorized_shops(client& api, const secret& access_token);

// The seller's active shops: id and region are filled.
result<std::vector<domain::shop>> get_active_shops(client& api, const shop_ref& shop);

}  // namespace kingkung::tiktok
