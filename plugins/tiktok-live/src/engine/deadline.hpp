// Synchronous calls over Asio's asynchronous operations, bounded by a deadline: start an operation
// whose handler sets `done`, then run_until(). Each connection owns its io_context, and only the thread
// that leases the connection runs it.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>

namespace kingkung::live::detail {

using steady = std::chrono::steady_clock;

// Runs `ioc` until `done` or `deadline`. On the deadline it calls `abort` (which must cancel the
// operation, e.g. by closing the socket) and keeps running until the aborted handler has run, so no
// handler outlives the call. Returns whether the operation finished in time.
template <class Abort>
bool run_until(boost::asio::io_context& ioc, const bool& done, steady::time_point deadline, Abort&& abort) {
  ioc.restart();
  while (!done && steady::now() < deadline) {
    if (ioc.run_one_until(deadline) == 0 && ioc.stopped()) break;
  }
  if (done) return true;
  abort();
  ioc.restart();
  while (!done && ioc.run_one() > 0) {
  }
  return false;
}

// The earlier of the request's deadline and now + a step's own timeout, and which one it was.
struct step_deadline {
  steady::time_point at;
  bool request_bound = false;  // true when the request's deadline comes first
};

inline step_deadline earlier(steady::time_point request_deadline, std::chrono::milliseconds step_timeout) {
  auto step = steady::now() + step_timeout;
  if (request_deadline <= step) return {request_deadline, true};
  return {step, false};
}

}  // namespace kingkung::live::detail
