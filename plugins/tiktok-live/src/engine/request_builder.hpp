// Turns the core's http_request into the bytes on the wire, refusing what would corrupt the framing.
// Messages never repeat the target or a header value: the target may carry the app secret (token host)
// and header values carry tokens.
#pragma once

#include "connection.hpp"
#include "kingkung/live/base_url.hpp"
#include "kingkung/plugin/result.hpp"
#include "kingkung/plugin/transport.hpp"

namespace kingkung::live::detail {

inline constexpr std::string_view user_agent = "kingkung-tiktok-live/1.0";

// Host comes from the base URL and Content-Length from the body: a caller's Host is replaced, a caller's
// Content-Length must match the body, Transfer-Encoding is refused. User-Agent is added when absent.
plugin::result<wire_request> build_wire_request(const plugin::http_request& request, const base_url& origin);

}  // namespace kingkung::live::detail
