// The headers every response of the web host carries (the server adds them to its own error answers
// too): a Content-Security-Policy that allows only this origin (no inline script or style, no framing,
// no <base>, forms only to this host), nosniff, Referrer-Policy no-referrer, Cross-Origin-Opener-Policy,
// a Permissions-Policy that turns off device features the UI never uses; with TLS also
// Strict-Transport-Security. The server sends no Server banner.
#pragma once

#include <string_view>

#include "kingkung/http/message.hpp"

namespace kingkung::web {

std::string_view content_security_policy() noexcept;
http::header_fields security_headers(bool tls);

}  // namespace kingkung::web
