#include "tls_policy.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>

namespace kingkung::live::detail {
namespace {

using plugin::errc;
using plugin::make_error;

std::string openssl_reason(unsigned long code) {
  const char* reason = ERR_reason_error_string(code);
  if (reason != nullptr) return reason;
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return buf;
}

std::string verify_reason(long result, const base_url& origin) {
  switch (result) {
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return "hostname mismatch: the certificate is not valid for " + origin.host;
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return "certificate expired";
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return "certificate not yet valid";
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_CERT_REJECTED:
      return "untrusted certificate: the chain does not lead to a trusted CA";
    case X509_V_ERR_CERT_REVOKED:
      return "certificate revoked";
    default:
      return "certificate verification failed";
  }
}

bool is_protocol_version_failure(int reason) {
  switch (reason) {
    case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
    case SSL_R_UNSUPPORTED_PROTOCOL:
    case SSL_R_NO_PROTOCOLS_AVAILABLE:
    case SSL_R_WRONG_SSL_VERSION:
    case SSL_R_VERSION_TOO_LOW:
    case SSL_R_UNKNOWN_PROTOCOL:
      return true;
    default:
      return false;
  }
}

}  // namespace

plugin::result<std::unique_ptr<boost::asio::ssl::context>> make_client_tls_context(
    const std::string& ca_file) {
  namespace ssl = boost::asio::ssl;
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  SSL_CTX* native = ctx->native_handle();
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1) {
    return make_error(errc::internal, "cannot require TLS 1.2 or later: " + openssl_reason(ERR_get_error()));
  }
  ctx->set_options(ssl::context::no_compression | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                   ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION);
  ctx->set_verify_mode(ssl::verify_peer);
  boost::system::error_code ec;
  if (ca_file.empty()) {
    ctx->set_default_verify_paths(ec);
    if (ec) return make_error(errc::internal, "cannot load the system trust store: " + ec.message());
  } else {
    ctx->load_verify_file(ca_file, ec);
    if (ec) {
      return make_error(errc::invalid_argument, "ca_file: cannot load trusted CA certificates from \"" +
                                                    ca_file + "\": " + ec.message() +
                                                    " (expected a readable PEM file)");
    }
  }
  return ctx;
}

plugin::result<void> expect_peer(SSL* ssl, const base_url& origin) {
  if (origin.host_is_ip) {
    // Addresses are matched against the certificate's IP SANs; SNI carries names only (RFC 6066).
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (X509_VERIFY_PARAM_set1_ip_asc(param, origin.host.c_str()) != 1) {
      return make_error(errc::internal, "cannot set the expected certificate address " + origin.host);
    }
    return {};
  }
  if (SSL_set_tlsext_host_name(ssl, origin.host.c_str()) != 1) {
    return make_error(errc::internal,
                      "cannot set SNI for " + origin.host + ": " + openssl_reason(ERR_get_error()));
  }
  SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (SSL_set1_host(ssl, origin.host.c_str()) != 1) {
    return make_error(errc::internal, "cannot set the expected certificate name " + origin.host);
  }
  return {};
}

plugin::error classify_handshake_failure(SSL* ssl, const boost::system::error_code& ec,
                                         const base_url& origin) {
  const std::string where = "TLS handshake with " + origin.host_port() + " failed: ";
  long verify = SSL_get_verify_result(ssl);
  if (verify != X509_V_OK) {
    return make_error(errc::tls_error, where + verify_reason(verify, origin) + " (" +
                                           X509_verify_cert_error_string(verify) + ")");
  }
  if (ec.category() == boost::asio::error::get_ssl_category()) {
    auto code = static_cast<unsigned long>(ec.value());
    int reason = ERR_GET_REASON(code);
    if (is_protocol_version_failure(reason)) {
      return make_error(errc::tls_error,
                        where + "protocol version refused: this transport requires TLS 1.2 or later (" +
                            openssl_reason(code) + ")");
    }
    return make_error(errc::tls_error, where + openssl_reason(code));
  }
  return make_error(errc::unavailable,
                    where + "the connection broke during the handshake (" + ec.message() + ")");
}

}  // namespace kingkung::live::detail
