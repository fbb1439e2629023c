#include "http/tls_context.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>

#include <openssl/ssl.h>

namespace kingkung::http::detail {
namespace ssl = boost::asio::ssl;
namespace {

void require_file(const std::filesystem::path& file, std::string_view what) {
  std::error_code ec;
  if (file.empty()) throw std::runtime_error("TLS is on but no " + std::string(what) + " file is set");
  if (!std::filesystem::is_regular_file(file, ec))
    throw std::runtime_error("TLS " + std::string(what) + " file \"" + file.string() +
                             "\" does not exist or is not a file");
}

}  // namespace

std::unique_ptr<ssl::context> make_tls_context(const tls_options& tls) {
  require_file(tls.cert_file, "certificate");
  require_file(tls.key_file, "key");
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                   ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression |
                   ssl::context::single_dh_use);
  if (SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION) != 1)
    throw std::runtime_error("TLS: cannot require TLS 1.2 or later");
  // An encrypted key would otherwise make OpenSSL prompt on the terminal.
  ctx->set_password_callback([](std::size_t, ssl::context::password_purpose) { return std::string(); });

  boost::system::error_code ec;
  ctx->use_certificate_chain_file(tls.cert_file.string(), ec);
  if (ec)
    throw std::runtime_error("TLS certificate file \"" + tls.cert_file.string() +
                             "\" could not be loaded: " + ec.message());
  ctx->use_private_key_file(tls.key_file.string(), ssl::context::pem, ec);
  if (ec)
    throw std::runtime_error(
        "TLS key file \"" + tls.key_file.string() +
        "\" could not be loaded (expected an unencrypted PEM private key): " + ec.message());
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1)
    throw std::runtime_error("TLS key file \"" + tls.key_file.string() +
                             "\" does not match the certificate in \"" + tls.cert_file.string() + "\"");
  return ctx;
}

}  // namespace kingkung::http::detail
