// An HTTP/1.1 server (Boost.Beast underneath, kept out of this header). Each connection reads one
// request at a time (keep-alive and pipelining), routes it and writes the answer. With TLS configured it
// speaks only HTTPS (TLS 1.2 or later).
//
// Protection, all in server_options: header and body size limits (431 and 413; a Content-Length over the
// body limit is answered before the body is read, a chunked body is cut off when it passes the limit),
// a read deadline per request (a client that sends headers slowly is disconnected), an idle keep-alive
// deadline, a write deadline, a connection cap (over it: 503 and close), a request cap per connection.
// Malformed HTTP gets 400 and the connection is closed. A handler that throws gives 500 with a generic
// body; the exception is logged. The server's own error answers (400, 413, 431, 500) are JSON in the one
// error shape (response::json_error) when the request's path starts with one of `json_error_prefixes` or
// its Accept header names application/json, and plain text otherwise. A connection over the cap gets its
// 503 (plain text: no request has been read) and is closed within a couple of seconds whatever the
// client does.
//
// The server adds Date and Content-Length, and the headers in `server_options::response_headers` (the
// caller's security headers) to every response, its own error answers included. It sends no Server banner.
//
// Life cycle: start() binds and runs the threads; stop() stops accepting, closes idle connections, lets
// requests in flight finish (answered with Connection: close) for up to `stop_grace`, then closes what is
// left and joins the threads. wait() blocks until the server has stopped.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kingkung/http/message.hpp"
#include "kingkung/http/router.hpp"

namespace kingkung::http {

struct tls_options {
  std::filesystem::path cert_file;  // PEM: the certificate, then any intermediates
  std::filesystem::path key_file;   // PEM private key
};

struct server_options {
  std::string listen_address = "127.0.0.1";  // an IPv4 or IPv6 address, e.g. "127.0.0.1", "::1"
  std::uint16_t port = 0;                    // 0: any free port; start() returns the one bound
  unsigned threads = 0;                      // 0: one per hardware thread
  std::optional<tls_options> tls;
  std::size_t max_header_bytes = 16 * 1024;  // request line and header fields together
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  std::chrono::milliseconds read_timeout{std::chrono::seconds(30)};   // per request: headers and body
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};   // keep-alive wait for the next request
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};  // per response
  std::chrono::milliseconds stop_grace{std::chrono::seconds(10)};     // how long stop() lets requests finish
  unsigned max_connections = 1024;                                    // 0: no cap
  unsigned max_requests_per_connection = 1000;                        // 0: no cap
  // Added to every response unless the handler set the same field.
  header_fields response_headers;
  // Paths whose clients expect JSON: the server's own error answers to them use the JSON error shape.
  std::vector<std::string> json_error_prefixes{"/api/"};
};

class server {
 public:
  server(server_options options, router routes);
  ~server();  // stop()
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  // Binds, listens and starts the threads; returns the bound port. Throws std::runtime_error with a
  // message naming the address, the port or the file when the address is invalid, the port cannot be
  // bound, or the TLS certificate or key cannot be loaded. Call once.
  std::uint16_t start();

  // Graceful stop, as described above; blocks until every thread has finished. Idempotent. Must not be
  // called from a handler (it would wait for itself): that throws std::logic_error.
  void stop();

  // Blocks until stop() has completed (on another thread). Returns at once when not started.
  void wait();

  // The port bound by start(), 0 before.
  std::uint16_t port() const noexcept;
  bool secure() const noexcept;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::http
