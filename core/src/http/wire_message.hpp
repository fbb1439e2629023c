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
using wire_response = boost::beast::http::response<boost::beast::http::string_body>;

// nullopt when the request-target is not valid.
std::optional<request> from_wire(wire_request&& msg, std::string remote_address, bool secure);

struct wire_options {
  unsigned version = 11;  // the request's HTTP version
  bool head = false;      // HEAD: headers only, Content-Length of the full body
  bool keep_alive = true;
  const header_fields* defaults = nullptr;  // server_options::response_headers
};

// Throws std::invalid_argument when the response cannot be sent as is: a status outside 200-599, or a
// header name or value that would break the message (CR, LF, NUL, a name that is not a token).
wire_response to_wire(const response& r, const wire_options& opts);

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::chrono::system_clock::time_point t);

}  // namespace kingkung::http::detail
