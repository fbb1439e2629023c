// What the listener, the sessions and the server share: options, routes, the TLS context and the
// registry of open connections (for the connection cap and for a graceful stop).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include <boost/asio/ssl/context.hpp>

#include "kingkung/http/router.hpp"
#include "kingkung/http/server.hpp"

namespace kingkung::http::detail {

class session_base {
 public:
  virtual ~session_base() = default;
  // Called from any thread when the server stops: an idle connection closes at once, a busy one after
  // its current answer; `force` closes it now whatever it is doing.
  virtual void notify_stop(bool force) = 0;
};

class server_state {
 public:
  server_state(server_options options, router routes);

  const server_options options;
  const router routes;
  // options.response_headers were checked once here, so answers need not check them again.
  const bool response_headers_checked;
  std::unique_ptr<boost::asio::ssl::context> tls;  // set when options.tls is

  // Registers an open connection; `counted` ones count against max_connections.
  std::uint64_t enroll(std::weak_ptr<session_base> session, bool counted);
  void leave(std::uint64_t id, bool counted);
  std::size_t serving() const;
  bool over_capacity() const;

  bool stopping() const noexcept { return stopping_.load(); }
  void begin_stop() noexcept { stopping_.store(true); }
  void notify_all(bool force);
  // Waits until no connection is open; false when `deadline` passed first.
  bool wait_until_empty(std::chrono::steady_clock::time_point deadline);
  std::size_t open_connections() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable empty_;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, std::weak_ptr<session_base>> sessions_;
  std::size_t serving_ = 0;
  std::atomic<bool> stopping_{false};
};

}  // namespace kingkung::http::detail
