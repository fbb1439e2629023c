// The result and error types used across the plugin boundary. No exception crosses the boundary:
// every plugin entry point that can fail returns a result.
// Added in 1.0.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kingkung::plugin {

// Error classes. Values are stable; new ones are appended.
enum class errc : int {
  invalid_argument = 1,     // the caller sent something malformed; do not retry unchanged
  not_found = 2,            // the named thing does not exist
  failed_precondition = 3,  // the state forbids it now (e.g. ship before split)
  permission_denied = 4,    // missing scope or role
  unauthenticated = 5,      // token missing, invalid or expired
  rate_limited = 6,         // slow down, retry later
  unavailable = 7,          // could not reach the peer; nothing was sent; safe to retry
  timeout = 8,              // no answer in time; the request may or may not have been processed
  maybe_delivered = 9,      // bytes may have reached the server; the transport did not re-send
  too_large = 10,           // a size limit was exceeded
  tls_error = 11,           // certificate, hostname or protocol verification failed
  internal = 12,            // a bug or an unexpected state in the callee
  unsupported = 13,         // the callee does not implement this
  rejected = 14,            // the platform answered with a business error (see message)
};

inline constexpr std::string_view to_string(errc c) noexcept {
  switch (c) {
    case errc::invalid_argument: return "invalid_argument";
    case errc::not_found: return "not_found";
    case errc::failed_precondition: return "failed_precondition";
    case errc::permission_denied: return "permission_denied";
    case errc::unauthenticated: return "unauthenticated";
    case errc::rate_limited: return "rate_limited";
    case errc::unavailable: return "unavailable";
    case errc::timeout: return "timeout";
    case errc::maybe_delivered: return "maybe_delivered";
    case errc::too_large: return "too_large";
    case errc::tls_error: return "tls_error";
    case errc::internal: return "internal";
    case errc::unsupported: return "unsupported";
    case errc::rejected: return "rejected";
  }
  return "unknown";
}

struct error {
  errc code = errc::internal;
  std::string message;  // for people: says what was wrong and where; never contains a secret
};

// result<T>: either a value or an error. Owns its value; copyable when T is.
template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  result(error e) : v_(std::in_place_index<1>, std::move(e)) {}      // NOLINT

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }

  const error& err() const& { return std::get<1>(v_); }
  error&& err() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, error> v_;
};

template <>
class [[nodiscard]] result<void> {
 public:
  result() = default;
  result(error e) : e_(std::move(e)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  const error& err() const& { return e_; }
  error&& err() && { return std::move(e_); }

 private:
  error e_;
  bool ok_ = true;
};

inline error make_error(errc code, std::string message) { return error{code, std::move(message)}; }

}  // namespace kingkung::plugin
