#include "security_headers.hpp"

namespace kingkung::web {

std::string_view content_security_policy() noexcept {
  return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
         "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
}

http::header_fields security_headers(bool tls) {
  http::header_fields h;
  h.set("Content-Security-Policy", std::string(content_security_policy()));
  h.set("X-Content-Type-Options", "nosniff");
  h.set("X-Frame-Options", "DENY");
  h.set("Referrer-Policy", "no-referrer");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  h.set("Cross-Origin-Resource-Policy", "same-origin");
  h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
  // Only over TLS: a browser ignores it on plain HTTP, and the demo on loopback has no TLS.
  if (tls) h.set("Strict-Transport-Security", "max-age=31536000");
  return h;
}

}  // namespace kingkung::web
