// Demo set-up for reviewers and `scripts/demo`: with [demo] enabled, makes sure the demo seller and its
// owner account exist (password hashed with kingkung::auth) and every demo shop in config ([[shops]] with
// demo = true) is connected through its transport's OAuth: simulator authorisation, token get,
// authorised shops, tokens in the vault, shop stored as the demo seller's. Idempotent: a shop already
// connected with a token in the vault is left as it is, so running it twice changes nothing.
#pragma once

#include <string>
#include <vector>

#include "kingkung/config/config.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::storage {
class database;
}
namespace kingkung::vault {
class token_vault;
}

namespace kingkung::connect {

class shop_links;

struct demo_report {
  bool seller_created = false;
  bool user_created = false;
  std::vector<std::string> connected;  // shop ids connected by this call
  std::vector<std::string> unchanged;  // shop ids that were connected already
};

// Does nothing (an empty report) when [demo] is disabled. A demo shop that cannot be connected is an
// error naming the shop key; shops before it stay connected.
plugin::result<demo_report> connect_demo_shops(const config::app_config& config, storage::database& db,
                                               const vault::token_vault& vault, shop_links& links);

}  // namespace kingkung::connect
