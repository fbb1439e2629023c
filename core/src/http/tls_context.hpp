// The server's TLS context: TLS 1.2 or later, certificate chain and key from PEM files.
#pragma once

#include <memory>

#include <boost/asio/ssl/context.hpp>

#include "kingkung/http/server.hpp"

namespace kingkung::http::detail {

// Throws std::runtime_error naming the file and the reason when a file is missing, unreadable,
// not PEM, encrypted, or when the key does not belong to the certificate.
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const tls_options& tls);

}  // namespace kingkung::http::detail
