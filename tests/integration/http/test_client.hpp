// A small synchronous HTTP client for the server tests: raw sockets on 127.0.0.1, so a test can send
// exactly the bytes it wants (malformed, slow, pipelined) and see exactly what comes back.
#pragma once

#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

namespace kingkung::test {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using http_response = bhttp::response<bhttp::string_body>;

// A test that goes wrong must fail rather than hang: every blocking read gives up after this.
inline constexpr std::chrono::seconds client_safety_timeout{30};

inline void set_receive_timeout(tcp::socket& socket, std::chrono::seconds limit) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(limit.count());
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

class raw_connection {
 public:
  explicit raw_connection(std::uint16_t port, std::string_view address = "127.0.0.1") : socket_(ioc_) {
    socket_.connect(tcp::endpoint(net::ip::make_address(address), port));
    set_receive_timeout(socket_, client_safety_timeout);
  }

  // Returns false when the server has already closed the connection.
  bool send(std::string_view bytes) {
    boost::system::error_code ec;
    net::write(socket_, net::buffer(bytes.data(), bytes.size()), ec);
    return !ec;
  }

  // One response, parsed; nullopt when the connection ends before a whole response arrives.
  std::optional<http_response> read_response(bool head_request = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(head_request);
    boost::system::error_code ec;
    bhttp::read(socket_, buffer_, parser, ec);
    if (ec) return std::nullopt;
    return parser.release();
  }

  // Everything until the server closes the connection (or resets it, or the safety timeout).
  std::string read_until_closed() {
    std::string out(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    buffer_.consume(buffer_.size());
    char chunk[4096];
    for (;;) {
      boost::system::error_code ec;
      auto n = socket_.read_some(net::buffer(chunk), ec);
      out.append(chunk, n);
      if (ec) {
        closed_by_peer_ = ec == net::error::eof || ec == net::error::connection_reset;
        return out;
      }
    }
  }

  // After read_until_closed(): true when the server closed (EOF or reset), false on the safety timeout.
  bool closed_by_peer() const { return closed_by_peer_; }

  tcp::socket& socket() { return socket_; }

 private:
  net::io_context ioc_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  bool closed_by_peer_ = false;
};

// One request over a fresh connection.
inline std::optional<http_response> fetch(std::uint16_t port, std::string_view method,
                                          std::string_view target, std::string_view body = {},
                                          std::string_view extra_headers = {}) {
  raw_connection c(port);
  std::string req = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                    std::string(extra_headers) + "Content-Length: " + std::to_string(body.size()) +
                    "\r\nConnection: close\r\n\r\n" + std::string(body);
  if (!c.send(req)) return std::nullopt;
  return c.read_response(method == "HEAD");
}

}  // namespace kingkung::test
