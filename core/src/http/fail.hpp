// The one place network errors of the HTTP server are reported.
#pragma once

#include <string_view>

#include <boost/beast/core/error.hpp>

namespace kingkung::http::detail {

// True for the errors that end a connection in the ordinary way (peer closed, timed out, cancelled).
bool is_routine(const boost::beast::error_code& ec) noexcept;

// Logs `ec` under `what` ("accept", "read", "write", "tls handshake"): routine errors at debug level,
// anything else as a warning.
void fail(const boost::beast::error_code& ec, std::string_view what, std::string_view peer = {});

}  // namespace kingkung::http::detail
