// result<T> of the TikTok Shop client: a value or an api_error (class, code, message, request id,
// HTTP status). Same shape as plugin::result, with the richer error.
#pragma once

#include <utility>
#include <variant>

#include "kingkung/tiktok/errors.hpp"

namespace kingkung::tiktok {

template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  result(api_error e) : v_(std::in_place_index<1>, std::move(e)) {}  // NOLINT

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }

  const api_error& err() const& { return std::get<1>(v_); }
  api_error&& err() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, api_error> v_;
};

template <>
class [[nodiscard]] result<void> {
 public:
  result() = default;
  result(api_error e) : e_(std::move(e)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  const api_error& err() const& { return e_; }
  api_error&& err() && { return std::move(e_); }

 private:
  api_error e_;
  bool ok_ = true;
};

}  // namespace kingkung::tiktok
