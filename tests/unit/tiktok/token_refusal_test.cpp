// A refresh token the token host refuses means the shop must be authorised again: it is classed as
// unauthenticated, never as a bad request or as an access token to refresh.
#include <gtest/gtest.h>

#include "kingkung/tiktok/errors.hpp"

namespace kingkung::tiktok {
namespace {

TEST(TiktokTokenRefusal, InvalidRefreshTokenIsUnauthenticated) {
  EXPECT_EQ(to_string(classify(400, 36009004,
                               "Invalid credentials. The `refresh_token` query parameter is invalid.")),
            to_string(error_class::unauthenticated));
}

TEST(TiktokTokenRefusal, ExpiredRefreshTokenIsUnauthenticatedNotTokenExpired) {
  EXPECT_EQ(to_string(classify(400, 105002, "Expired credentials. The `refresh_token` has expired.")),
            to_string(error_class::unauthenticated));
}

TEST(TiktokTokenRefusal, Code105002FromTheTokenHostIsUnauthenticatedWhateverItsMessage) {
  EXPECT_EQ(to_string(classify(plugin::host_kind::auth, 200, 105002, "Expired credentials.")),
            to_string(error_class::unauthenticated));
}

TEST(TiktokTokenRefusal, Code105002FromTheApiHostStillAsksForARefresh) {
  EXPECT_EQ(to_string(classify(
                plugin::host_kind::api, 401, 105002,
                "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.")),
            to_string(error_class::token_expired));
}

TEST(TiktokTokenRefusal, OtherTokenHostParameterErrorsStayBadRequests) {
  EXPECT_EQ(to_string(classify(400, 36009004, "Invalid credentials. Invalid `grant_type` query parameter.")),
            to_string(error_class::bad_request));
}

}  // namespace
}  // namespace kingkung::tiktok
