// A scripted HTTP(S) server on 127.0.0.1 for the transport's tests and benches. Each accepted
// connection runs the handler on its own thread; the handler reads requests and answers them, or
// misbehaves on purpose (stalls, closes mid-response, ...). Destruction stops everything: handlers
// blocked in a read or a stall are woken and joined.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "test_pki.hpp"

namespace kingkung::live::testkit {

enum class tls_mode {
  none,         // plain HTTP
  modern,       // TLS 1.2 and 1.3
  legacy_only,  // TLS 1.0 and 1.1 only (security level 0 so OpenSSL 3 offers them at all)
};

struct server_options {
  tls_mode tls = tls_mode::modern;
  key_and_cert identity;        // required unless tls == none
  bool handshake_first = true;  // complete the TLS handshake before calling the handler
};

struct received_request {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header of that name (case-insensitive), or nullopt.
  std::optional<std::string> header(std::string_view name) const;
};

class test_server;

// One accepted connection, handed to the handler.
class peer {
 public:
  // Completes the TLS handshake (only with handshake_first = false). False when it failed.
  bool handshake();
  // The next request on this connection; nullopt when the client closed it or sent garbage.
  std::optional<received_request> read_request();
  // Writes raw bytes. False when the connection is gone.
  bool write(std::string_view bytes);
  // A complete response with Content-Length; `close` adds "Connection: close".
  bool respond(int status, std::string_view body,
               const std::vector<std::pair<std::string, std::string>>& headers = {}, bool close = false);
  // Ends the connection politely (TLS close_notify, then TCP close).
  void close();
  // Ends the TCP connection at once, without close_notify.
  void drop();
  // Blocks until the server stops (a peer that never answers).
  void stall();
  // The SNI host name the client sent ("" for none or plain HTTP).
  std::string server_name() const;

 private:
  friend class test_server;
  struct state;
  explicit peer(std::unique_ptr<state> s);
  ~peer();
  std::unique_ptr<state> s_;
};

class test_server {
 public:
  using handler = std::function<void(peer&)>;

  test_server(server_options options, handler on_connection);
  ~test_server();
  test_server(const test_server&) = delete;
  test_server& operator=(const test_server&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  // scheme://host:port for this server ("https" unless tls == none).
  std::string url(const std::string& host = "localhost") const;

  std::size_t accepted() const noexcept { return accepted_.load(); }  // TCP connections accepted
  std::size_t finished() const noexcept { return finished_.load(); }  // connections closed by the server
  // Waits (bounded) until `finished()` reaches n. False if it did not.
  bool wait_finished(std::size_t n, std::chrono::milliseconds limit = std::chrono::seconds(10)) const;

 private:
  friend class peer;
  void accept_loop();
  void serve(int fd);

  server_options options_;
  handler handler_;
  struct tls_state;
  std::unique_ptr<tls_state> tls_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> accepted_{0};
  std::atomic<std::size_t> finished_{0};

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<int> open_fds_;  // sockets of running handlers, shut down on stop
  struct worker {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<worker> workers_;  // finished ones are joined as new connections arrive
  std::thread acceptor_;
};

// The usual keep-alive handler: answers every request with 200 and a JSON echo of what it received
// (method, target, the x-echo header and the body length), until the client closes.
void echo_handler(peer& p);

}  // namespace kingkung::live::testkit
