// The headers every response of the web host carries.
#pragma once

#include "kingkung/http/message.hpp"

namespace kingkung::web {

// X-Content-Type-Options, Referrer-Policy and a Content-Security-Policy that allows only this origin (no
// inline scripts, no framing); with TLS also Strict-Transport-Security.
http::header_fields security_headers(bool tls);

}  // namespace kingkung::web
