// Path traversal on /assets/ written raw on the wire (dot segments, percent-encoded dots and slashes,
// backslashes, overlong UTF-8) never reaches a file outside the UI assets: the answer is 4xx and holds
// neither the config file, the app secret nor a system file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "hostile_fixture.hpp"

namespace kingkung::hostile {
namespace {

class HostileAssetTraversal : public hostile_suite<HostileAssetTraversal> {};

const char* const targets[] = {
    "/assets/../kingkung.toml",
    "/assets/../../../../../../etc/passwd",
    "/assets/css/../../kingkung.toml",
    "/assets/%2e%2e/kingkung.toml",
    "/assets/%2e%2e%2fkingkung.toml",
    "/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/assets/..%2fapp-secret",
    "/assets/..%5capp-secret",
    "/assets/..%5c..%5c..%5cetc%5cpasswd",
    "/assets/..\\app-secret",
    "/assets/%c0%ae%c0%ae/app-secret",
    "/assets/%c0%ae%c0%ae%c0%afapp-secret",
    "/assets/%e0%80%ae%e0%80%ae/app-secret",
    "/assets/%252e%252e%252fapp-secret",
    "/assets/....//....//app-secret",
    "/assets/css/app.css%00/../../app-secret",
    "/assets//etc/passwd",
    "/assets/%2fetc%2fpasswd",
};

std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_F(HostileAssetTraversal, RawTraversalTargetsAreRefusedWithoutFileContent) {
  auto secret = file_text(center().dir() / "app-secret");
  secret = secret.substr(0, secret.find('\n'));
  ASSERT_FALSE(secret.empty());
  for (const char* target : targets) {
    auto r = round_trip(port(), std::string("GET ") + target + " HTTP/1.1\r\n" + center().host_header() +
                                  "Connection: close\r\n\r\n");
    ASSERT_TRUE(r) << target;
    EXPECT_GE(r->status, 400) << target;
    EXPECT_LT(r->status, 500) << target;
    EXPECT_EQ(r->body.find(secret), std::string::npos) << target;
    EXPECT_EQ(r->body.find("[database]"), std::string::npos) << target;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << target;
  }
  expect_unchanged();
}

TEST_F(HostileAssetTraversal, TheAssetsThemselvesAreStillServed) {
  auto r = center().send("GET", "/assets/css/app.css");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(r->body.empty());
  expect_unchanged();
}

}  // namespace
}  // namespace kingkung::hostile
