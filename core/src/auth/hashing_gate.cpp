#include "kingkung/auth/hashing_gate.hpp"

#include <algorithm>

namespace kingkung::auth {

hashing_busy::hashing_busy(std::int64_t retry_after_seconds)
    : retry_after_seconds_(std::max<std::int64_t>(1, retry_after_seconds)),
      message_("too many passwords are being checked at once; try again in " +
               std::to_string(retry_after_seconds_) + " seconds") {}

hashing_gate::hashing_gate(unsigned capacity, std::chrono::milliseconds max_wait)
    : capacity_(std::max(1u, capacity)), max_wait_(std::max(std::chrono::milliseconds(0), max_wait)) {}

hashing_gate::ticket::~ticket() {
  if (gate_ != nullptr) gate_->leave();
}

std::optional<hashing_gate::ticket> hashing_gate::enter() {
  std::function<void(unsigned)> hook;
  unsigned now_running = 0;
  {
    std::unique_lock lock(mutex_);
    ++waiting_;
    const auto deadline = std::chrono::steady_clock::now() + max_wait_;
    const bool got = freed_.wait_until(lock, deadline, [&] { return running_ < capacity_; });
    --waiting_;
    if (!got) return std::nullopt;
    now_running = ++running_;
    peak_ = std::max(peak_, running_);
    hook = hook_;
  }
  ticket t(*this);
  if (hook) hook(now_running);
  return t;
}

hashing_gate::ticket hashing_gate::enter_or_throw() {
  if (auto t = enter()) return std::move(*t);
  // A slot frees up when one hash ends; a hash takes well under a second, so the wait is a few of them.
  std::int64_t retry_after = 1;
  {
    std::lock_guard lock(mutex_);
    retry_after = 1 + static_cast<std::int64_t>(waiting_ / capacity_);
  }
  throw hashing_busy(retry_after);
}

void hashing_gate::configure(unsigned capacity, std::chrono::milliseconds max_wait) {
  {
    std::lock_guard lock(mutex_);
    capacity_ = std::max(1u, capacity);
    max_wait_ = std::max(std::chrono::milliseconds(0), max_wait);
  }
  freed_.notify_all();
}

unsigned hashing_gate::capacity() const {
  std::lock_guard lock(mutex_);
  return capacity_;
}

std::chrono::milliseconds hashing_gate::max_wait() const {
  std::lock_guard lock(mutex_);
  return max_wait_;
}

unsigned hashing_gate::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

unsigned hashing_gate::waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_;
}

unsigned hashing_gate::peak() const {
  std::lock_guard lock(mutex_);
  return peak_;
}

void hashing_gate::reset_peak() {
  std::lock_guard lock(mutex_);
  peak_ = running_;
}

void hashing_gate::on_enter(std::function<void(unsigned)> hook) {
  std::lock_guard lock(mutex_);
  hook_ = std::move(hook);
}

void hashing_gate::leave() noexcept {
  {
    std::lock_guard lock(mutex_);
    --running_;
  }
  freed_.notify_one();
}

hashing_gate& password_hashing_gate() {
  static hashing_gate gate;
  return gate;
}

}  // namespace kingkung::auth
