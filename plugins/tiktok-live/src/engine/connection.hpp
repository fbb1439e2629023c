// One connection to one TikTok Shop host: TCP (directly or through a CONNECT tunnel), TLS on top for
// https://, and HTTP/1.1 exchanges with deadlines. Used by one thread at a time (the pool leases it).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deadline.hpp"
#include "kingkung/live/base_url.hpp"
#include "kingkung/plugin/result.hpp"
#include "kingkung/plugin/transport.hpp"

namespace kingkung::live::detail {

using wire_request = boost::beast::http::request<boost::beast::http::string_body>;

// What every connection of one host shares; owned by the pool, outlives its connections.
struct connection_settings {
  base_url origin;
  const proxy_url* proxy = nullptr;          // CONNECT tunnel through this proxy when set
  boost::asio::ssl::context* tls = nullptr;  // null for http:// (loopback only)
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds tls_timeout{10000};
  std::chrono::milliseconds read_timeout{30000};
  std::size_t max_response_bytes = 16u * 1024u * 1024u;
};

class connection {
 public:
  explicit connection(const connection_settings& settings);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  // Resolves, connects (through the proxy when configured) and completes the TLS handshake.
  // Errors: unavailable (nothing sent), timeout, tls_error.
  plugin::result<void> open(steady::time_point request_deadline);

  // Writes the request and reads the complete response. On failure `nothing_sent` tells whether no
  // byte of the request was written (only then may the caller send it again on another connection).
  plugin::result<plugin::http_response> exchange(const wire_request& request, steady::time_point deadline,
                                                 bool& nothing_sent);

  // Whether the last exchange left the connection fit for another request (keep-alive, nothing unread).
  bool keep_alive() const noexcept { return keep_alive_; }
  void mark_idle(steady::time_point now) noexcept { idle_since_ = now; }
  bool idle_longer_than(std::chrono::milliseconds limit, steady::time_point now) const noexcept {
    return now - idle_since_ >= limit;
  }
  // Whether a pooled connection still looks open: no EOF, no unexpected bytes (a TLS close_notify or a
  // server's stray data) waiting. Never blocks.
  bool still_open();

 private:
  using tcp = boost::asio::ip::tcp;

  plugin::result<std::vector<tcp::endpoint>> resolve(const std::string& host, std::uint16_t port,
                                                     const step_deadline& deadline, std::string_view what);
  plugin::result<void> connect_tcp(steady::time_point request_deadline);
  plugin::result<void> open_tunnel(steady::time_point request_deadline);
  plugin::result<void> handshake(steady::time_point request_deadline);
  template <class Stream>
  plugin::result<plugin::http_response> exchange_on(Stream& stream, const wire_request& request,
                                                    steady::time_point deadline, bool& nothing_sent);
  tcp::socket& lowest() noexcept { return tls_ ? tls_->next_layer() : socket_; }
  void abort() noexcept;

  const connection_settings& settings_;
  boost::asio::io_context ioc_{1};
  tcp::socket socket_{ioc_};  // moved into tls_ once the TLS layer is set up
  std::optional<boost::asio::ssl::stream<tcp::socket>> tls_;
  boost::beast::flat_buffer buffer_;
  bool keep_alive_ = false;
  steady::time_point idle_since_{};
};

}  // namespace kingkung::live::detail
