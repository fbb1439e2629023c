// Conversion between Beast's messages and the plain http::request / http::response handlers see.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "kingkung/http/message.hpp"

namespace kingkung::http::detail {

using wire_request = boost::beast::http::request<boost::beast::http::string_body>;

// nullopt when the request-target is not valid.
std::optional<request> from_wire(wire_request&& msg, std::string remote_address, bool secure);

struct wire_options {
  unsigned version = 11;  // the request's HTTP version
  bool head = false;      // HEAD: headers only, Content-Length of the full body
  bool keep_alive = true;
  const header_fields* defaults = nullptr;  // server_options::response_headers
  bool defaults_checked = false;            // `defaults` passed check_response_headers() already
};

// A response as the bytes to send: the status line and header block, then the body (empty for HEAD,
// 204 and 304). Written straight to the socket as two buffers.
struct wire_bytes {
  std::string head;
  std::string body;
};

// Throws std::invalid_argument when the response cannot be sent as is: a status outside 200-599, or a
// header name or value that would break the message (CR, LF, NUL, a name that is not a token). The
// server adds Date, Content-Length (except for 204 and 304; for HEAD, the full body's) and Connection
// (close for HTTP/1.1 when not keeping alive, keep-alive for HTTP/1.0 when keeping alive).
wire_bytes to_wire(const response& r, const wire_options& opts);
// The same, taking the body instead of copying it.
wire_bytes to_wire(response&& r, const wire_options& opts);

// Throws std::invalid_argument as to_wire() would for a header of `fields`.
void check_response_headers(const header_fields& fields);

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::chrono::system_clock::time_point t);
// http_date(now), formatted at most once a second per thread.
const std::string& current_http_date();

}  // namespace kingkung::http::detail
