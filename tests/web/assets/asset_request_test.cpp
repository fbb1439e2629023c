// Which embedded file a request-target names, and when a cached copy is still valid.
#include <gtest/gtest.h>

#include "assets/asset_request.hpp"
#include "assets/embedded_assets.hpp"

namespace {

using kingkung::web::asset_path_from_target;
using kingkung::web::etag_matches;

TEST(WebAssetsRequest, NamesTheFileUnderAssetsWithoutTheQuery) {
  EXPECT_EQ(asset_path_from_target("/assets/js/app.js"), "js/app.js");
  EXPECT_EQ(asset_path_from_target("/assets/css/app.css?v=3"), "css/app.css");
  EXPECT_EQ(asset_path_from_target("/assets/index.html#top"), "index.html");
}

TEST(WebAssetsRequest, RefusesDotSegmentsAndEmptySegments) {
  EXPECT_FALSE(asset_path_from_target("/assets/../etc/passwd"));
  EXPECT_FALSE(asset_path_from_target("/assets/js/../../etc/passwd"));
  EXPECT_FALSE(asset_path_from_target("/assets/./js/app.js"));
  EXPECT_FALSE(asset_path_from_target("/assets/js//app.js"));
  EXPECT_FALSE(asset_path_from_target("/assets//etc/passwd"));
  EXPECT_FALSE(asset_path_from_target("/assets/js/"));
}

TEST(WebAssetsRequest, RefusesEveryPercentEscapeSoNothingDecodesIntoATraversal) {
  EXPECT_FALSE(asset_path_from_target("/assets/%2e%2e/etc/passwd"));
  EXPECT_FALSE(asset_path_from_target("/assets/%2E%2E%2Fetc%2Fpasswd"));
  EXPECT_FALSE(asset_path_from_target("/assets/..%2fetc%2fpasswd"));
  EXPECT_FALSE(asset_path_from_target("/assets/%252e%252e/etc/passwd"));
  EXPECT_FALSE(asset_path_from_target("/assets/js%2fapp.js"));
}

TEST(WebAssetsRequest, RefusesBackslashesAndTargetsOutsideAssets) {
  EXPECT_FALSE(asset_path_from_target("/assets/..\\..\\etc\\passwd"));
  EXPECT_FALSE(asset_path_from_target("/assets/js\\app.js"));
  EXPECT_FALSE(asset_path_from_target("/assets"));
  EXPECT_FALSE(asset_path_from_target("/assets/"));
  EXPECT_FALSE(asset_path_from_target("/etc/passwd"));
  EXPECT_FALSE(asset_path_from_target("http://127.0.0.1/assets/js/app.js"));
}

TEST(WebAssetsRequest, IfNoneMatchMatchesAnyListedTagWeakOrStrongOrTheWildcard) {
  EXPECT_TRUE(etag_matches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("*", "\"abc\""));
  EXPECT_FALSE(etag_matches("\"abd\"", "\"abc\""));
  EXPECT_FALSE(etag_matches("abc", "\"abc\""));
  EXPECT_FALSE(etag_matches("", "\"abc\""));
}

TEST(WebAssetsRequest, FindsEmbeddedFilesByExactPathOnly) {
  ASSERT_NE(kingkung::web::find_embedded_asset("index.html"), nullptr);
  EXPECT_EQ(kingkung::web::find_embedded_asset("index.html")->path, "index.html");
  EXPECT_EQ(kingkung::web::find_embedded_asset("INDEX.HTML"), nullptr);
  EXPECT_EQ(kingkung::web::find_embedded_asset("js"), nullptr);
  EXPECT_EQ(kingkung::web::find_embedded_asset(""), nullptr);
}

}  // namespace
