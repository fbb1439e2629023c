// The TLS policy of the live transport: TLS 1.2 or later only, the peer's chain verified against the
// trust store (or ca_file), the host name or IP address checked against the certificate, SNI for names.
#pragma once

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <memory>
#include <string>

#include "kingkung/live/base_url.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::live::detail {

// The client context shared by every connection of a transport (SSL_CTX is safe to share once built).
// Errors name ca_file when the bundle cannot be loaded.
plugin::result<std::unique_ptr<boost::asio::ssl::context>> make_client_tls_context(
    const std::string& ca_file);

// Sets SNI (DNS names only) and the expected name or address on one connection before its handshake.
plugin::result<void> expect_peer(SSL* ssl, const base_url& origin);

// Classifies a failed handshake: verification and protocol failures are tls_error with the reason
// (untrusted, hostname mismatch, expired, protocol version); a connection that broke is unavailable.
plugin::error classify_handshake_failure(SSL* ssl, const boost::system::error_code& ec,
                                         const base_url& origin);

}  // namespace kingkung::live::detail
