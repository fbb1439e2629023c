// The OAuth state and which refresh failures mean the authorisation is gone.
#include <gtest/gtest.h>

#include <set>

#include "kingkung/connect/connect_service.hpp"
#include "kingkung/connect/vault_token_source.hpp"
#include "kingkung/tiktok/errors.hpp"

namespace kingkung::connect {
namespace {

TEST(ConnectState, IsThirtyTwoBytesInBase64Url) {
  const std::string state = random_state();
  EXPECT_EQ(state.size(), 43u);  // ceil(32 * 8 / 6), no padding
  for (char c : state)
    EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
        << c;
}

TEST(ConnectState, IsNewEachTime) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(random_state());
  EXPECT_EQ(seen.size(), 100u);
}

TEST(ConnectState, IsStoredAsLowerCaseSha256Hex) {
  EXPECT_EQ(hash_state("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

tiktok::api_error answer(int http_status, std::int64_t code, std::string message) {
  tiktok::api_error e;
  e.kind = tiktok::classify(http_status, code, message);
  e.code = code;
  e.message = std::move(message);
  return e;
}

TEST(ConnectRefreshRefused, WhenTheRefreshTokenIsInvalid) {
  EXPECT_TRUE(refresh_refused(answer(400, 36009004, "Invalid credentials. The `refresh_token` query parameter is invalid.")));
}

TEST(ConnectRefreshRefused, WhenTheRefreshTokenExpired) {
  EXPECT_TRUE(refresh_refused(answer(400, 105002, "Expired credentials. The `refresh_token` has expired.")));
}

TEST(ConnectRefreshRefused, NotWhenRateLimitedOrUnavailable) {
  EXPECT_FALSE(refresh_refused(answer(429, 36009002, "Too many requests")));
  EXPECT_FALSE(refresh_refused(answer(503, 0, "")));
  tiktok::api_error timeout;
  timeout.kind = tiktok::error_class::indeterminate;
  EXPECT_FALSE(refresh_refused(timeout));
}

TEST(ConnectRefreshRefused, NotWhenTheAppItselfIsMisconfigured) {
  EXPECT_FALSE(refresh_refused(answer(200, 106001, "Invalid signature")));
  EXPECT_FALSE(refresh_refused(answer(200, 36009033, "IP is not in the allow list")));
}

TEST(ConnectRefreshRefused, NotForABadRequestThatDoesNotNameTheRefreshToken) {
  tiktok::api_error e;
  e.kind = tiktok::error_class::bad_request;
  e.message = "Invalid grant_type";
  EXPECT_FALSE(refresh_refused(e));
  e.message = "The `refresh_token` query parameter is invalid.";
  EXPECT_TRUE(refresh_refused(e));
}

}  // namespace
}  // namespace kingkung::connect
