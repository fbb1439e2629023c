// Runs a webhook processor on its own thread: a drain when woken (the intake's on_stored) and at least
// every `interval`, so events stored while the thread was busy, or left pending after a failure, are
// picked up. stop() (also run by the destructor) waits for a drain in progress to finish.
//
// Wiring in a host:
//   webhooks::default_event_handlers handlers(db, hooks);
//   webhooks::processor_thread worker(db, handlers);
//   router.post("/webhooks/tiktok", make_webhook_handler(runtime, [&worker] { worker.wake(); }));
//   runtime.on_stop("webhook processor", [&worker] { worker.stop(); });
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "kingkung/webhooks/processor.hpp"

namespace kingkung::webhooks {

class processor_thread {
 public:
  processor_thread(storage::database& db, event_handlers& handlers, processor_options options = {},
                   std::chrono::milliseconds interval = std::chrono::seconds(30));
  ~processor_thread();
  processor_thread(const processor_thread&) = delete;
  processor_thread& operator=(const processor_thread&) = delete;

  void wake() noexcept;  // thread-safe, cheap; never blocks on a drain
  void stop() noexcept;  // idempotent
  std::size_t drains() const noexcept;  // passes completed so far

 private:
  void run();

  processor processor_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool woken_ = false;
  bool stopping_ = false;
  std::size_t drains_ = 0;
  std::thread thread_;
};

}  // namespace kingkung::webhooks
