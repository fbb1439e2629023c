// How many password hashes run at once. scrypt at the current parameters needs 128 MiB while it runs, so
// unbounded concurrent sign-ins would take memory without limit; the gate lets `capacity` run and makes
// the rest wait, for at most `max_wait`, before they are refused (hashing_busy).
//
// hash_password() and verify_password() (password.hpp) pass through password_hashing_gate(), the one gate
// of the process: every caller, on any thread, is covered.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace kingkung::auth {

// Thrown by hash_password() and verify_password() when no slot freed up within the gate's max_wait.
// Not a std::runtime_error, so code that treats those as "wrong password" does not swallow it.
class hashing_busy : public std::exception {
 public:
  explicit hashing_busy(std::int64_t retry_after_seconds);
  const char* what() const noexcept override { return message_.c_str(); }
  // A fair guess at when a retry will find a free slot (whole seconds, at least 1).
  std::int64_t retry_after_seconds() const noexcept { return retry_after_seconds_; }

 private:
  std::int64_t retry_after_seconds_;
  std::string message_;
};

class hashing_gate {
 public:
  static constexpr unsigned default_capacity = 2;
  static constexpr std::chrono::milliseconds default_max_wait{std::chrono::seconds(5)};

  explicit hashing_gate(unsigned capacity = default_capacity,
                        std::chrono::milliseconds max_wait = default_max_wait);
  hashing_gate(const hashing_gate&) = delete;
  hashing_gate& operator=(const hashing_gate&) = delete;

  // A running slot; released when destroyed.
  class ticket {
   public:
    ticket(ticket&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    ticket& operator=(ticket&&) = delete;
    ~ticket();

   private:
    friend class hashing_gate;
    explicit ticket(hashing_gate& gate) : gate_(&gate) {}
    hashing_gate* gate_;
  };

  // A slot, waiting up to max_wait for one; nullopt when none freed up in time.
  std::optional<ticket> enter();
  // enter(), or throws hashing_busy.
  ticket enter_or_throw();

  // Changes the limits (tests; an operator's tuning). Waiters re-check at once.
  void configure(unsigned capacity, std::chrono::milliseconds max_wait);
  unsigned capacity() const;
  std::chrono::milliseconds max_wait() const;

  unsigned running() const;
  unsigned waiting() const;
  // The most that ever ran at once since construction or reset_peak().
  unsigned peak() const;
  void reset_peak();

  // Called on the entering thread, with the number now running, each time a slot is taken (outside the
  // gate's lock). Tests observe concurrency with it; empty: none.
  void on_enter(std::function<void(unsigned running)> hook);

 private:
  void leave() noexcept;

  mutable std::mutex mutex_;
  std::condition_variable freed_;
  unsigned capacity_;
  std::chrono::milliseconds max_wait_;
  unsigned running_ = 0;
  unsigned waiting_ = 0;
  unsigned peak_ = 0;
  std::function<void(unsigned)> hook_;
};

// The process's gate for password hashing: default_capacity at a time, default_max_wait.
hashing_gate& password_hashing_gate();

}  // namespace kingkung::auth
