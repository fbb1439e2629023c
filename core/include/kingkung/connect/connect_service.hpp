// Connecting a seller's TikTok Shop shops (OAuth), as the web host drives it:
//
//   begin()     a fresh state (32 random bytes, base64url) bound to the signed-in seller and user, stored
//               hashed (sha256) in oauth_states for 10 minutes, and the URL to send the seller to: the
//               official authorisation page (tiktok.authorize_url?service_id=...&state=...), or, when the
//               deployment's default transport is the simulator, the web host's own page
//               `<public_url>/sim/authorize?state=...`.
//   simulator_consent()  what that page does when the seller picks a simulator shop: asks the simulator
//               for an auth code (POST /__sim/authorize) and returns the callback URL
//               `<public_url>/oauth/tiktok/callback?code=...&state=...`, as the platform would redirect.
//   complete()  the callback: takes the state (single use; expired, unknown, replayed or another seller's
//               state fails), exchanges the code (token get), reads the authorised shops, stores their
//               tokens in the vault and the shops with the transport and modules config gives them
//               ([[shops]] entry for the shop id, else its market's, else the defaults), clears their
//               notices, and writes one audit entry per shop (who, what, when, from which address).
//
// Token exchange and shop reads go through the default transport ([transports] default). Errors say what
// went wrong and never contain the code, a token or the state. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/config/config.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::storage {
class database;
}
namespace kingkung::vault {
class token_vault;
}

namespace kingkung::connect {

class shop_links;

template <class T>
using result = plugin::result<T>;

// The transport name whose shops use the simulator's authorisation flow.
inline constexpr std::string_view simulator_transport = "tiktok-sim";

struct connect_options {
  std::chrono::seconds state_lifetime{600};
  std::shared_ptr<const plugin::clock> clock;  // null: system clock
};

struct authorization_start {
  std::string url;     // where to send the seller's browser
  std::string state;   // the plain state (only its hash is stored); already inside `url`
  std::int64_t expires_at = 0;
  bool simulator = false;  // `url` is the web host's simulator consent page
};

struct connect_outcome {
  std::vector<domain::shop> shops;  // the shops stored, as stored (cipher in plain, in memory only)
  std::string return_to;            // as given to begin()
};

class connect_service {
 public:
  // Everything given must outlive the service.
  connect_service(const config::app_config& config, storage::database& db, const vault::token_vault& vault,
                  shop_links& links, connect_options options = {});
  ~connect_service();
  connect_service(const connect_service&) = delete;
  connect_service& operator=(const connect_service&) = delete;

  // `return_to` must be a local path ("/shops"; empty allowed), else errc::invalid_argument. The user
  // must belong to the seller (errc::permission_denied).
  result<authorization_start> begin(std::int64_t seller_id, std::int64_t user_id, std::string_view return_to);

  // Simulator flow only: `shop` is a simulator shop key or id. The state must be pending and not expired;
  // it is not consumed here.
  result<std::string> simulator_consent(std::string_view state, std::string_view shop);

  // The callback. `ip` is the caller's address, recorded in the audit log.
  result<connect_outcome> complete(std::int64_t seller_id, std::int64_t user_id, std::string_view state,
                                   std::string_view code, std::string_view ip);

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

// sha256 of the text, lower-case hex: how a state is stored.
std::string hash_state(std::string_view state);
// 32 random bytes from the system's CSPRNG, base64url without padding (43 characters).
std::string random_state();

}  // namespace kingkung::connect
