// How the sync engine reaches the platform for one shop. The hosts implement shop_link_provider (a
// client per transport, the shop's cipher from the shop repository, tokens from the vault); tests hand
// in the simulator's client.
#pragma once

#include <optional>
#include <string_view>

#include "kingkung/tiktok/client.hpp"

namespace kingkung::sync {

struct shop_link {
  tiktok::client* api = nullptr;  // owned by the provider; valid while the provider lives
  tiktok::shop_ref shop;          // platform shop id and cipher
};

class shop_link_provider {
 public:
  virtual ~shop_link_provider() = default;
  // The client and shop reference to call the platform with (api never null), or nullopt when the shop
  // must not be called now (disconnected, needs re-authorisation, no transport). Thread-safe.
  virtual std::optional<shop_link> link_for(std::string_view shop_id) = 0;
};

}  // namespace kingkung::sync
