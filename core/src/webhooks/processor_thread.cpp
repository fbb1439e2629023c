#include "kingkung/webhooks/processor_thread.hpp"

#include "kingkung/log/log.hpp"

namespace kingkung::webhooks {

processor_thread::processor_thread(storage::database& db, event_handlers& handlers, processor_options options,
                                   std::chrono::milliseconds interval)
    : processor_(db, handlers, std::move(options)), interval_(interval), thread_([this] { run(); }) {}

processor_thread::~processor_thread() {
  stop();
}

void processor_thread::wake() noexcept {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_one();
}

void processor_thread::stop() noexcept {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

std::size_t processor_thread::drains() const noexcept {
  std::lock_guard lock(mu_);
  return drains_;
}

void processor_thread::run() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, interval_, [this] { return woken_ || stopping_; });
      if (stopping_) return;
      woken_ = false;
    }
    try {
      auto r = processor_.drain();
      if (!r) log::error("webhooks", "processing stored webhooks failed: " + r.err().message);
    } catch (const std::exception& e) {
      log::error("webhooks", std::string("processing stored webhooks failed: ") + e.what());
    }
    std::lock_guard lock(mu_);
    ++drains_;
  }
}

}  // namespace kingkung::webhooks
