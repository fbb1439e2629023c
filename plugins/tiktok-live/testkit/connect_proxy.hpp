// A tiny HTTP CONNECT proxy on 127.0.0.1 for the transport's proxy tests. It tunnels only to loopback
// targets, records what it was asked, and can require credentials or refuse every tunnel.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kingkung::live::testkit {

class connect_proxy {
 public:
  struct options {
    std::optional<std::string> required_authorization;  // exact Proxy-Authorization value, else 407
    int refuse_with = 0;                                // when non-zero, answer every CONNECT with it
  };

  explicit connect_proxy(options opts);
  connect_proxy() : connect_proxy(options{}) {}
  ~connect_proxy();
  connect_proxy(const connect_proxy&) = delete;
  connect_proxy& operator=(const connect_proxy&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::vector<std::string> request_lines() const;   // e.g. "CONNECT localhost:4431 HTTP/1.1"
  std::vector<std::string> authorizations() const;  // Proxy-Authorization values, "" when absent
  std::size_t tunnels() const noexcept { return tunnels_.load(); }  // tunnels established

 private:
  void accept_loop();
  void serve(int fd);
  void relay(int client, int target);

  options options_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> tunnels_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> request_lines_;
  std::vector<std::string> authorizations_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

}  // namespace kingkung::live::testkit
