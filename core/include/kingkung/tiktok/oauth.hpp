// OAuth on the token host: exchange a seller's auth code for tokens, and refresh them. Both are unsigned
// GETs whose query carries the app secret, so their request target is never logged, observed or put in
// an error message (transport messages are scrubbed of every secret before they are returned).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kingkung/common/secret.hpp"
#include "kingkung/tiktok/client.hpp"

namespace kingkung::tiktok {

struct token_grant {
  secret access_token;                      // sent as x-tts-access-token
  std::int64_t access_token_expire_in = 0;  // absolute Unix seconds, despite the name
  secret refresh_token;
  std::int64_t refresh_token_expire_in = 0;  // absolute Unix seconds
  std::string open_id;
  std::string seller_name;
  std::string seller_base_region;           // "US", "BR", "MX", ...
  int user_type = 0;                        // 0 seller, 1 creator, 3 partner
  std::vector<std::string> granted_scopes;  // "seller.order.info", ...
  std::string request_id;
};

// GET /api/v2/token/get with grant_type=authorized_code. The auth code is single use and valid 30 min.
result<token_grant> get_access_token(client& api, const secret& auth_code);

// GET /api/v2/token/refresh with grant_type=refresh_token. Store both returned tokens.
result<token_grant> refresh_access_token(client& api, const secret& refresh_token);

// Decodes the `data` of a token answer (JSON text); `path` prefixes field names in errors.
result<token_grant> decode_token_grant(std::string_view data_json, std::string_view path = "data");

}  // namespace kingkung::tiktok
