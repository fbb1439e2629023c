// The checks the platform's gateway makes before an endpoint runs, in its order: legacy version
// parameter, app_key, sign present, sign correct, timestamp window, access token, shop_id,
// shop_cipher, scope, content type, body, page_size, rate limit.
#pragma once

#include <optional>

#include "rate_limiter.hpp"
#include "route_table.hpp"
#include "sim_core.hpp"

namespace kingkung::sim::detail {

// On success fills c.auth, c.shop and c.body.
std::optional<api_error> check_request(call& c, const route& r, rate_limiter& limiter);

}  // namespace kingkung::sim::detail
