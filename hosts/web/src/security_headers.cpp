#include "security_headers.hpp"

namespace kingkung::web {

http::header_fields security_headers(bool tls) {
  http::header_fields h;
  h.set("X-Content-Type-Options", "nosniff");
  h.set("Referrer-Policy", "no-referrer");
  h.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
  // Only over TLS: a browser ignores it on plain HTTP, and the demo on loopback has no TLS.
  if (tls) h.set("Strict-Transport-Security", "max-age=31536000");
  return h;
}

}  // namespace kingkung::web
