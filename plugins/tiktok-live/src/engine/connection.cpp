#include "connection.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cctype>
#include <cerrno>
#include <vector>

#include "tls_policy.hpp"

namespace kingkung::live::detail {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using boost::system::error_code;
using plugin::errc;
using plugin::make_error;

constexpr std::size_t header_limit = 64 * 1024;

std::string millis(std::chrono::milliseconds d) {
  return std::to_string(d.count()) + " ms";
}

plugin::error step_timeout(const step_deadline& d, const std::string& what, std::string_view key,
                           std::chrono::milliseconds limit) {
  if (d.request_bound)
    return make_error(errc::timeout, what + " did not finish before the request's timeout");
  return make_error(errc::timeout,
                    what + " took longer than " + std::string(key) + " (" + millis(limit) + ")");
}

// Wipes a string that held a credential before its memory is released.
struct wipe_on_exit {
  std::string& s;
  ~wipe_on_exit() { OPENSSL_cleanse(s.data(), s.size()); }
};

std::string base64(const std::string& in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool is_http_error(const error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_status).category();
}

}  // namespace

connection::connection(const connection_settings& settings) : settings_(settings) {}

connection::~connection() = default;

void connection::abort() noexcept {
  error_code ignored;
  lowest().close(ignored);
}

plugin::result<void> connection::open(steady::time_point request_deadline) {
  if (auto r = connect_tcp(request_deadline); !r) return r;
  if (settings_.proxy != nullptr) {
    if (auto r = open_tunnel(request_deadline); !r) return r;
  }
  if (settings_.tls != nullptr) {
    if (auto r = handshake(request_deadline); !r) return r;
  }
  keep_alive_ = true;
  return {};
}

namespace {

bool is_localhost(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  constexpr std::string_view name = "localhost";
  if (host.size() < name.size()) return false;
  auto lower_equal = [](std::string_view a, std::string_view b) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
    return true;
  };
  if (host.size() == name.size()) return lower_equal(host, name);
  // Any name under .localhost is loopback too.
  return host[host.size() - name.size() - 1] == '.' && lower_equal(host.substr(host.size() - name.size()), name);
}

}  // namespace

plugin::result<std::vector<asio::ip::tcp::endpoint>> connection::resolve(const std::string& host,
                                                                         std::uint16_t port,
                                                                         const step_deadline& deadline,
                                                                         std::string_view what) {
  // "localhost" always means the loopback addresses (RFC 6761, section 6.3), even on a machine whose
  // hosts file does not list it, and never goes to a DNS server.
  if (is_localhost(host)) {
    return std::vector<tcp::endpoint>{tcp::endpoint(asio::ip::address_v4::loopback(), port),
                                      tcp::endpoint(asio::ip::address_v6::loopback(), port)};
  }
  // A lookup the system resolver is still busy with cannot be cancelled: on a timeout this waits for
  // the resolver's own time-out before returning.
  asio::io_context ctx{1};
  tcp::resolver resolver(ctx);
  bool done = false;
  error_code ec;
  std::vector<tcp::endpoint> endpoints;
  resolver.async_resolve(host, std::to_string(port),
                         [&](const error_code& e, const tcp::resolver::results_type& r) {
                           ec = e;
                           for (const auto& entry : r) endpoints.push_back(entry.endpoint());
                           done = true;
                         });
  if (!run_until(ctx, done, deadline.at, [&] { resolver.cancel(); })) {
    return step_timeout(deadline, "resolving " + std::string(what) + " " + host, "connect_timeout_ms",
                        settings_.connect_timeout);
  }
  if (ec || endpoints.empty()) {
    return make_error(errc::unavailable, "cannot resolve " + std::string(what) + " " + host + ": " +
                                             (ec ? ec.message() : std::string("no address")));
  }
  return endpoints;
}

plugin::result<void> connection::connect_tcp(steady::time_point request_deadline) {
  const proxy_url* proxy = settings_.proxy;
  const std::string& host = proxy ? proxy->host : settings_.origin.host;
  const std::uint16_t port = proxy ? proxy->port : settings_.origin.port;
  const bool host_is_ip = proxy ? proxy->host_is_ip : settings_.origin.host_is_ip;
  const std::string what = proxy ? "proxy " + proxy->to_string() : settings_.origin.host_port();
  auto deadline = earlier(request_deadline, settings_.connect_timeout);

  std::vector<tcp::endpoint> endpoints;
  if (host_is_ip) {
    endpoints.emplace_back(asio::ip::make_address(host), port);
  } else {
    auto resolved = resolve(host, port, deadline, proxy ? "proxy" : "host");
    if (!resolved) return std::move(resolved).err();
    endpoints = std::move(*resolved);
  }

  bool done = false;
  error_code ec;
  asio::async_connect(socket_, endpoints, [&](const error_code& e, const tcp::endpoint&) {
    ec = e;
    done = true;
  });
  if (!run_until(ioc_, done, deadline.at, [this] { abort(); })) {
    return step_timeout(deadline, "connecting to " + what, "connect_timeout_ms", settings_.connect_timeout);
  }
  if (ec) return make_error(errc::unavailable, "cannot connect to " + what + ": " + ec.message());
  error_code ignored;
  socket_.set_option(tcp::no_delay(true), ignored);
  return {};
}

plugin::result<void> connection::open_tunnel(steady::time_point request_deadline) {
  const proxy_url& proxy = *settings_.proxy;
  const std::string origin = settings_.origin.host_port();
  const std::string what = "proxy " + proxy.to_string();
  auto deadline = earlier(request_deadline, settings_.connect_timeout);

  // Reserved up front and appended in pieces, so no copy of the credentials is left unwiped.
  std::string head;
  head.reserve(2 * origin.size() + 2 * (proxy.user.size() + proxy.password.size()) + 128);
  wipe_on_exit wipe_head{head};
  head += "CONNECT ";
  head += origin;
  head += " HTTP/1.1\r\nHost: ";
  head += origin;
  head += "\r\n";
  if (proxy.has_credentials()) {
    std::string credentials;
    credentials.reserve(proxy.user.size() + proxy.password.size() + 1);
    wipe_on_exit wipe_credentials{credentials};
    credentials += proxy.user;
    credentials += ':';
    credentials += proxy.password;
    std::string encoded = base64(credentials);
    wipe_on_exit wipe_encoded{encoded};
    head += "Proxy-Authorization: Basic ";
    head += encoded;
    head += "\r\n";
  }
  head += "\r\n";

  bool done = false;
  error_code ec;
  asio::async_write(socket_, asio::buffer(head), [&](const error_code& e, std::size_t) {
    ec = e;
    done = true;
  });
  if (!run_until(ioc_, done, deadline.at, [this] { abort(); })) {
    return step_timeout(deadline, "opening a tunnel through " + what, "connect_timeout_ms",
                        settings_.connect_timeout);
  }
  if (ec)
    return make_error(
        errc::unavailable,
        what + " closed the connection before the CONNECT request was sent (" + ec.message() + ")");

  http::response_parser<http::empty_body> parser;
  parser.skip(true);  // a CONNECT answer has no body; what follows belongs to the tunnel
  done = false;
  http::async_read_header(socket_, buffer_, parser, [&](const error_code& e, std::size_t) {
    ec = e;
    done = true;
  });
  if (!run_until(ioc_, done, deadline.at, [this] { abort(); })) {
    return step_timeout(deadline, "opening a tunnel through " + what, "connect_timeout_ms",
                        settings_.connect_timeout);
  }
  if (ec)
    return make_error(errc::unavailable,
                      what + " did not answer CONNECT " + origin + " (" + ec.message() + ")");
  const auto& answer = parser.get();
  int status = answer.result_int();
  if (status / 100 != 2) {
    std::string message = what + " refused the tunnel to " + origin + ": " + std::to_string(status) + " " +
                          std::string(answer.reason());
    if (status == 407) message += " (check the credentials in https_proxy)";
    return make_error(errc::unavailable, message);
  }
  if (buffer_.size() != 0) {
    return make_error(errc::unavailable, what + " sent unexpected bytes after accepting CONNECT " + origin);
  }
  return {};
}

plugin::result<void> connection::handshake(steady::time_point request_deadline) {
  tls_.emplace(std::move(socket_), *settings_.tls);
  SSL* ssl = tls_->native_handle();
  if (auto r = expect_peer(ssl, settings_.origin); !r) return r;
  auto deadline = earlier(request_deadline, settings_.tls_timeout);
  bool done = false;
  error_code ec;
  tls_->async_handshake(asio::ssl::stream_base::client, [&](const error_code& e) {
    ec = e;
    done = true;
  });
  if (!run_until(ioc_, done, deadline.at, [this] { abort(); })) {
    return step_timeout(deadline, "TLS handshake with " + settings_.origin.host_port(), "tls_timeout_ms",
                        settings_.tls_timeout);
  }
  if (ec) return classify_handshake_failure(ssl, ec, settings_.origin);
  return {};
}

plugin::result<plugin::http_response> connection::exchange(const wire_request& request,
                                                           steady::time_point deadline, bool& nothing_sent) {
  keep_alive_ = false;
  if (tls_) return exchange_on(*tls_, request, deadline, nothing_sent);
  return exchange_on(socket_, request, deadline, nothing_sent);
}

template <class Stream>
plugin::result<plugin::http_response> connection::exchange_on(Stream& stream, const wire_request& request,
                                                              steady::time_point deadline,
                                                              bool& nothing_sent) {
  const std::string peer = settings_.origin.host_port();
  nothing_sent = true;
  {
    bool done = false;
    error_code ec;
    std::size_t written = 0;
    http::async_write(stream, request, [&](const error_code& e, std::size_t n) {
      ec = e;
      written = n;
      done = true;
    });
    const bool in_time = run_until(ioc_, done, deadline, [this] { abort(); });
    nothing_sent = written == 0;
    if (!in_time) {
      return make_error(errc::timeout,
                        "sending the request to " + peer + " did not finish before the request's timeout");
    }
    if (ec) {
      if (nothing_sent) {
        return make_error(
            errc::unavailable,
            "the connection to " + peer + " broke before the request was written (" + ec.message() + ")");
      }
      return make_error(errc::maybe_delivered, "the connection to " + peer +
                                                   " broke while the request was written (" + ec.message() +
                                                   "); the request was not re-sent");
    }
  }

  std::optional<http::response_parser<http::string_body>> parser;
  auto fresh_parser = [&] {
    parser.emplace();
    parser->body_limit(settings_.max_response_bytes);
    parser->header_limit(static_cast<std::uint32_t>(header_limit));
    if (request.method() == http::verb::head) parser->skip(true);
  };
  fresh_parser();
  std::size_t received = 0;
  for (;;) {
    while (!parser->is_done()) {
      auto step = earlier(deadline, settings_.read_timeout);
      bool done = false;
      error_code ec;
      std::size_t parsed = 0;
      http::async_read_some(stream, buffer_, *parser, [&](const error_code& e, std::size_t n) {
        ec = e;
        parsed = n;
        done = true;
      });
      const bool in_time = run_until(ioc_, done, step.at, [this] { abort(); });
      received += parsed;
      if (!in_time) {
        if (step.request_bound) {
          return make_error(errc::timeout,
                            "no complete response from " + peer +
                                " before the request's timeout; the request may have been processed");
        }
        return make_error(errc::timeout, peer + " sent no response bytes for read_timeout_ms (" +
                                             millis(settings_.read_timeout) +
                                             "); the request may have been processed");
      }
      if (!ec) continue;
      if (ec == http::error::body_limit) {
        return make_error(errc::too_large, "the response body from " + peer +
                                               " exceeds max_response_bytes (" +
                                               std::to_string(settings_.max_response_bytes) + ")");
      }
      if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
        return make_error(errc::too_large, "the response headers from " + peer + " exceed " +
                                               std::to_string(header_limit) + " bytes");
      }
      if (is_http_error(ec) && ec != http::error::end_of_stream && ec != http::error::partial_message &&
          ec != http::error::short_read) {
        return make_error(errc::maybe_delivered, "the response from " + peer + " is not valid HTTP/1.1 (" +
                                                     ec.message() + "); the request was not re-sent");
      }
      const bool nothing_received = received == 0 && buffer_.size() == 0;
      return make_error(errc::maybe_delivered,
                        "the connection to " + peer + " closed " +
                            (nothing_received ? "after the request was sent, before any response byte"
                                              : "in the middle of the response") +
                            " (" + ec.message() +
                            "); the request may have been processed and was not re-sent");
    }
    const int status = parser->get().result_int();
    if (status >= 100 && status < 200 && status != 101) {
      fresh_parser();  // an interim answer (100 Continue, 103 Early Hints): the final one follows
      continue;
    }
    break;
  }

  auto& message = parser->get();
  plugin::http_response out;
  out.status = message.result_int();
  out.headers.reserve(static_cast<std::size_t>(std::distance(message.begin(), message.end())));
  for (const auto& field : message) {
    out.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  }
  out.body = std::move(message.body());
  keep_alive_ = parser->keep_alive() && !parser->need_eof() && out.status != 101 && buffer_.size() == 0;
  return out;
}

bool connection::still_open() {
  tcp::socket& s = lowest();
  if (!keep_alive_ || !s.is_open() || buffer_.size() != 0) return false;
  if (tls_) {
    // Bytes already taken off the socket but not read by the application (e.g. a close_notify).
    SSL* ssl = tls_->native_handle();
    if (SSL_pending(ssl) > 0) return false;
    BIO* in = SSL_get_rbio(ssl);
    if (in != nullptr && BIO_ctrl_pending(in) > 0) return false;
  }
  char byte = 0;
  const ssize_t n = ::recv(s.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace kingkung::live::detail
