// A secret value (app secret, token, master key, password). It cannot be streamed or formatted: the
// only way to read it is reveal(), which makes every use visible in review. Zeroed on destruction.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace kingkung {

class secret {
 public:
  secret() = default;
  explicit secret(std::string value) : value_(std::move(value)) {}
  secret(const secret&) = default;
  secret(secret&& other) noexcept : value_(std::move(other.value_)) { other.value_.clear(); }
  secret& operator=(const secret&) = default;
  secret& operator=(secret&& other) noexcept {
    wipe();
    value_ = std::move(other.value_);
    other.value_.clear();
    return *this;
  }
  ~secret() { wipe(); }

  bool empty() const noexcept { return value_.empty(); }
  std::size_t size() const noexcept { return value_.size(); }
  const std::string& reveal() const noexcept { return value_; }

  // What every printer shows instead of the value.
  static constexpr std::string_view redacted = "[redacted]";

 private:
  void wipe() noexcept {
    volatile char* p = value_.data();
    for (std::size_t i = 0; i < value_.size(); ++i) p[i] = 0;
  }
  std::string value_;
};

}  // namespace kingkung
