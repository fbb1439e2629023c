// GET and HEAD /assets/...: the embedded files with their type, validators and caching rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "asset_host.hpp"
#include "assets/embedded_assets.hpp"
#include "assets/ui_pages.hpp"

namespace {

using namespace kingkung;
using web_test::header_of;

class WebAssetsServing : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { host_ = new web_test::asset_host(); }
  static void TearDownTestSuite() {
    delete host_;
    host_ = nullptr;
  }
  static web_test::asset_host& host() { return *host_; }

 private:
  static web_test::asset_host* host_;
};
web_test::asset_host* WebAssetsServing::host_ = nullptr;

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(WebAssetsServing, ServesEachKindOfFileWithItsContentType) {
  const std::pair<const char*, const char*> cases[] = {
      {"/assets/js/app.js", "text/javascript; charset=utf-8"},
      {"/assets/css/app.css", "text/css; charset=utf-8"},
      {"/assets/i18n/en/core.json", "application/json; charset=utf-8"},
      {"/assets/img/logo.svg", "image/svg+xml"},
      {"/assets/index.html", "text/html; charset=utf-8"},
  };
  for (const auto& [target, type] : cases) {
    auto r = host().fetch("GET", target);
    EXPECT_EQ(r.result_int(), 200) << target;
    EXPECT_EQ(header_of(r, "Content-Type"), type) << target;
  }
}

TEST_F(WebAssetsServing, TheBodyIsTheFileInTheSourceTree) {
  auto r = host().fetch("GET", "/assets/js/api.js");
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_TRUE(r.body() == read_file(std::filesystem::path(KINGKUNG_SOURCE_DIR) / "hosts/web/assets/js/api.js"))
      << "the served js/api.js differs from the source tree's (" << r.body().size() << " bytes served)";
}

TEST_F(WebAssetsServing, AnswersWithAnETagNoCacheAndNosniff) {
  auto r = host().fetch("GET", "/assets/css/app.css");
  ASSERT_EQ(r.result_int(), 200);
  const auto etag = header_of(r, "ETag");
  ASSERT_GE(etag.size(), 3u);
  EXPECT_EQ(etag.front(), '"');
  EXPECT_EQ(etag.back(), '"');
  EXPECT_EQ(header_of(r, "Cache-Control"), "no-cache");
  EXPECT_EQ(header_of(r, "X-Content-Type-Options"), "nosniff");
}

TEST_F(WebAssetsServing, TheETagChangesWithTheContent) {
  std::set<std::string> tags;
  for (const char* target : {"/assets/js/app.js", "/assets/js/api.js", "/assets/css/app.css"})
    tags.insert(header_of(host().fetch("GET", target), "ETag"));
  EXPECT_EQ(tags.size(), 3u);
}

TEST_F(WebAssetsServing, AMatchingIfNoneMatchGets304WithoutABody) {
  const auto etag = header_of(host().fetch("GET", "/assets/js/dom.js"), "ETag");
  auto r = host().fetch("GET", "/assets/js/dom.js", "If-None-Match: " + etag + "\r\n");
  EXPECT_EQ(r.result_int(), 304);
  EXPECT_TRUE(r.body().empty());
  EXPECT_EQ(header_of(r, "ETag"), etag);
  EXPECT_EQ(header_of(r, "Cache-Control"), "no-cache");
}

TEST_F(WebAssetsServing, AStaleIfNoneMatchGetsTheFile) {
  auto r = host().fetch("GET", "/assets/js/dom.js", "If-None-Match: \"not-the-current-version\"\r\n");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_FALSE(r.body().empty());
}

TEST_F(WebAssetsServing, HeadAnswersTheHeadersOfGetWithoutTheBody) {
  auto get = host().fetch("GET", "/assets/js/charts.js");
  auto head = host().fetch("HEAD", "/assets/js/charts.js");
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_TRUE(head.body().empty());
  EXPECT_EQ(header_of(head, "Content-Type"), header_of(get, "Content-Type"));
  EXPECT_EQ(header_of(head, "ETag"), header_of(get, "ETag"));
  EXPECT_EQ(header_of(head, "Content-Length"), std::to_string(get.body().size()));
}

TEST_F(WebAssetsServing, UnknownFilesAre404) {
  EXPECT_EQ(host().fetch("GET", "/assets/js/missing.js").result_int(), 404);
  EXPECT_EQ(host().fetch("GET", "/assets/nothing/here/at/all.css").result_int(), 404);
  EXPECT_EQ(host().fetch("GET", "/assets/JS/APP.JS").result_int(), 404);
}

TEST_F(WebAssetsServing, FoldersAreNeverListed) {
  for (const char* target : {"/assets/", "/assets/js/", "/assets/js", "/assets/i18n/en/", "/assets"}) {
    auto r = host().fetch("GET", target);
    EXPECT_EQ(r.result_int(), 404) << target;
    EXPECT_EQ(r.body().find("app.js"), std::string::npos) << target;
  }
}

TEST_F(WebAssetsServing, OtherMethodsAreNotAllowed) {
  auto r = host().fetch("POST", "/assets/js/app.js");
  EXPECT_EQ(r.result_int(), 405);
}

TEST(WebAssetsEmbedding, EveryFileUnderTheAssetsFolderIsEmbeddedByteForByte) {
  const auto root = std::filesystem::path(KINGKUNG_SOURCE_DIR) / "hosts/web/assets";
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const auto rel = std::filesystem::relative(entry.path(), root).generic_string();
    if (rel.front() == '.' || rel.find("/.") != std::string::npos || rel.back() == '~') continue;
    ++files;
    const auto* asset = web::find_embedded_asset(rel);
    ASSERT_NE(asset, nullptr) << rel << " is not embedded: re-run the build";
    EXPECT_TRUE(asset->bytes == read_file(entry.path())) << rel << " changed since the build embedded it";
  }
  EXPECT_EQ(web::embedded_assets().size(), files);
}

TEST(WebAssetsEmbedding, TheTableIsSortedForLookup) {
  const auto all = web::embedded_assets();
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.path < b.path; }));
}

}  // namespace
