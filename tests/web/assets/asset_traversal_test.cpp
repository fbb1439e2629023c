// Requests that try to leave /assets/ (dot segments, encodings of them, backslashes, absolute paths) get
// 404 and never a file's content, over a real socket so the server's own parsing is part of the test.
#include <gtest/gtest.h>

#include <string>

#include "asset_host.hpp"

namespace {

using namespace kingkung;

class WebAssetsTraversal : public ::testing::TestWithParam<const char*> {
 protected:
  static void SetUpTestSuite() { host_ = new web_test::asset_host(); }
  static void TearDownTestSuite() {
    delete host_;
    host_ = nullptr;
  }
  static web_test::asset_host* host_;
};
web_test::asset_host* WebAssetsTraversal::host_ = nullptr;

TEST_P(WebAssetsTraversal, IsRefusedWith404AndNoFileContent) {
  auto r = host_->fetch("GET", GetParam());
  EXPECT_EQ(r.result_int(), 404) << GetParam();
  // Nothing of a system file, of the sources, or of another asset leaks into the answer.
  EXPECT_EQ(r.body().find("root:"), std::string::npos);
  EXPECT_EQ(r.body().find("#include"), std::string::npos);
  EXPECT_EQ(r.body().find("export "), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    WebAssetsTraversalAttempts, WebAssetsTraversal,
    ::testing::Values("/assets/../../../../etc/passwd", "/assets/js/../../../etc/passwd", "/assets/../CMakeLists.txt",
                      "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/%2E%2E/%2E%2E/etc/passwd",
                      "/assets/..%2f..%2f..%2fetc%2fpasswd", "/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                      "/assets/%252e%252e/%252e%252e/etc/passwd", "/assets/..%5c..%5cetc%5cpasswd",
                      "/assets//etc/passwd",
                      "/assets/%2fetc%2fpasswd", "/assets/.%2e/.%2e/etc/passwd", "/assets/js/%2e%2e/index.html",
                      "/assets/./index.html", "/assets/js/app.js%00.png", "/assets/..;/..;/etc/passwd"));

// A raw backslash is not valid in a request-target: the server refuses it before any route runs (400);
// the asset route itself refuses it too (WebAssetsRequest.RefusesBackslashesAndTargetsOutsideAssets).
TEST(WebAssetsTraversalRaw, RawBackslashesAreRefusedWithoutContent) {
  web_test::asset_host host;
  for (const char* target : {"/assets/..\\..\\etc\\passwd", "/assets/js\\..\\index.html"}) {
    auto r = host.fetch("GET", target);
    EXPECT_TRUE(r.result_int() == 400 || r.result_int() == 404) << target << ": " << r.result_int();
    EXPECT_EQ(r.body().find("<html"), std::string::npos) << target;
    EXPECT_EQ(r.body().find("root:"), std::string::npos) << target;
  }
}

}  // namespace
