// One kingkung-web process per test suite, signed in once as the demo seller. Each test takes a snapshot
// of what the seller can see before it attacks; expect_unchanged() compares it with the state after.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "seller_center.hpp"

namespace kingkung::hostile {

template <class Suite>
class hostile_suite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    try {
      center_ = std::make_unique<seller_center>(Suite::options());
    } catch (const std::exception& e) {
      start_error_ = e.what();
      return;
    }
    auto s = center_->sign_in();
    if (s) owner_ = *s;
    else start_error_ = "the demo seller could not sign in";
  }
  static void TearDownTestSuite() { center_.reset(); }

  void SetUp() override {
    ASSERT_TRUE(start_error_.empty()) << start_error_;
    before_ = center_->snapshot(owner_);
  }

  // Nothing a seller can see changed, no session or queued action was added, and the host still serves.
  void expect_unchanged() {
    EXPECT_EQ(center_->snapshot(owner_), before_);
    EXPECT_TRUE(center_->serves_normally());
  }

  const state_snapshot& before() const { return before_; }
  static seller_center& center() { return *center_; }
  static const session& owner() { return owner_; }
  std::uint16_t port() const { return center_->port(); }

  static seller_center_options options() { return {}; }

 private:
  static inline std::unique_ptr<seller_center> center_;
  static inline session owner_;
  static inline std::string start_error_;
  state_snapshot before_;
};

}  // namespace kingkung::hostile
