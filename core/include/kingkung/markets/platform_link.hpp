// What the market service needs to reach the platform for one shop: the core client and the shop's
// reference (platform id and cipher). The client must outlive every call made with the link.
#pragma once

#include "kingkung/tiktok/client.hpp"

namespace kingkung::markets {

struct platform_link {
  tiktok::client& client;
  tiktok::shop_ref ref;
};

}  // namespace kingkung::markets
