// Where the client gets a shop's access token. The vault/sync layer implements it (decrypting stored
// tokens, refreshing ahead of expiry); tests use a fake. Implementations must be thread-safe.
#pragma once

#include <string_view>

#include "kingkung/common/secret.hpp"
#include "kingkung/tiktok/result.hpp"

namespace kingkung::tiktok {

class token_source {
 public:
  virtual ~token_source() = default;
  // The access token to send for the shop now (refreshing ahead of expiry is the source's business).
  // An error (no token, shop disconnected) stops the call before anything is sent.
  virtual result<secret> current(std::string_view shop_id) = 0;
  // Called when the platform answered 105002 (token expired): obtain and store a new token and return
  // it. The client calls it at most once per call and retries once with the new token.
  virtual result<secret> refresh(std::string_view shop_id) = 0;
};

}  // namespace kingkung::tiktok
