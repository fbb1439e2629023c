// The UI's pages: every address of the single-page app serves the same shell, with the content security
// policy, and the shell itself needs nothing inline and nothing the host does not serve.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "../web_app.hpp"
#include "asset_host.hpp"
#include "assets/embedded_assets.hpp"
#include "assets/ui_pages.hpp"

namespace {

using namespace kingkung;
using web_test::header_of;

class WebAssetsShell : public ::testing::Test {
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
web_test::asset_host* WebAssetsShell::host_ = nullptr;

std::string shell_source() {
  const auto* index = web::find_embedded_asset("index.html");
  return index ? std::string(index->bytes) : std::string();
}

// The route pattern with sample values for its {name} segments.
std::string sample_path(std::string_view pattern) {
  return std::regex_replace(std::string(pattern), std::regex("\\{[a-z_]+\\}"), "7495610013482590221");
}

TEST_F(WebAssetsShell, EveryUiRouteServesTheShell) {
  const auto shell = shell_source();
  ASSERT_FALSE(shell.empty());
  for (auto pattern : web::ui_page_patterns) {
    const auto path = sample_path(pattern);
    auto r = host().fetch("GET", path);
    EXPECT_EQ(r.result_int(), 200) << path;
    EXPECT_EQ(r.body(), shell) << path;
    EXPECT_EQ(header_of(r, "Content-Type"), "text/html; charset=utf-8") << path;
  }
}

TEST_F(WebAssetsShell, TheShellIsNeverCachedAndCarriesTheContentSecurityPolicy) {
  auto r = host().fetch("GET", "/orders?status=AWAITING_SHIPMENT");
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(header_of(r, "Cache-Control"), "no-store");
  EXPECT_EQ(header_of(r, "Content-Security-Policy"),
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  EXPECT_EQ(header_of(r, "X-Content-Type-Options"), "nosniff");
}

TEST_F(WebAssetsShell, HeadOfAPageAnswersWithoutTheBody) {
  auto r = host().fetch("HEAD", "/dashboard");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_TRUE(r.body().empty());
  EXPECT_EQ(header_of(r, "Content-Length"), std::to_string(shell_source().size()));
}

TEST_F(WebAssetsShell, AddressesThatAreNotPagesAre404) {
  for (const char* path : {"/orders/7495610013482590221", "/nope", "/orders/a/b/c", "/index.html"})
    EXPECT_EQ(host().fetch("GET", path).result_int(), 404) << path;
}

TEST(WebAssetsShellSource, HasNoInlineScriptStyleOrEventHandler) {
  const auto html = shell_source();
  ASSERT_FALSE(html.empty());
  // Every <script> loads a file; none carries code.
  std::regex script(R"(<script\b([^>]*)>([\s\S]*?)</script>)", std::regex::icase);
  std::size_t scripts = 0;
  for (std::sregex_iterator it(html.begin(), html.end(), script), end; it != end; ++it) {
    ++scripts;
    EXPECT_NE((*it)[1].str().find("src="), std::string::npos) << it->str();
    EXPECT_TRUE(std::regex_match((*it)[2].str(), std::regex(R"(\s*)"))) << it->str();
  }
  EXPECT_GE(scripts, 1u);
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<style\b)", std::regex::icase)));
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(\sstyle\s*=)", std::regex::icase)));
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(\son[a-z]+\s*=)", std::regex::icase)));
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(javascript:)", std::regex::icase)));
}

TEST(WebAssetsShellSource, LoadsNothingFromAnotherOrigin) {
  const auto html = shell_source();
  std::regex ref(R"re((?:src|href)\s*=\s*"([^"]*)")re", std::regex::icase);
  std::size_t refs = 0;
  for (std::sregex_iterator it(html.begin(), html.end(), ref), end; it != end; ++it) {
    ++refs;
    EXPECT_EQ((*it)[1].str().rfind("/assets/", 0), 0u) << (*it)[1].str();
  }
  EXPECT_GE(refs, 3u);
}

TEST_F(WebAssetsShell, EveryFileTheShellReferencesIsServed) {
  const auto html = shell_source();
  std::regex ref(R"re((?:src|href)\s*=\s*"(/assets/[^"]*)")re", std::regex::icase);
  std::vector<std::string> targets;
  for (std::sregex_iterator it(html.begin(), html.end(), ref), end; it != end; ++it) targets.push_back((*it)[1].str());
  ASSERT_FALSE(targets.empty());
  for (const auto& target : targets) {
    auto r = host().fetch("GET", target);
    EXPECT_EQ(r.result_int(), 200) << target;
    EXPECT_FALSE(r.body().empty() && target.find("pages.css") == std::string::npos) << target;
  }
}

TEST(WebAssetsScripts, NoScriptBuildsMarkupFromStringsOrEvaluatesCode) {
  const std::regex forbidden(R"(\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function\s*\()");
  std::size_t scripts = 0;
  for (const auto& asset : web::embedded_assets()) {
    if (!asset.path.ends_with(".js")) continue;
    ++scripts;
    const std::string text(asset.bytes);
    std::smatch m;
    EXPECT_FALSE(std::regex_search(text, m, forbidden)) << asset.path << ": " << m.str();
  }
  EXPECT_GE(scripts, 5u);
}

TEST(WebAssetsScripts, TheRouteTableOfTheAppListsEveryPageTheHostServes) {
  const auto* app = web::find_embedded_asset("js/app.js");
  ASSERT_NE(app, nullptr);
  const std::string text(app->bytes);
  for (auto pattern : web::ui_page_patterns) {
    const auto js = std::regex_replace(std::string(pattern), std::regex("\\{([a-z_]+)\\}"), ":$1");
    EXPECT_NE(text.find("[\"" + js + "\","), std::string::npos) << js;
  }
}

// The whole host: the UI routes live beside every API group without a clash, and answer the same.
TEST(WebAssetsFullHost, ServesTheShellAndAssetsBesideTheApi) {
  web_test::web_app app({.orders_per_shop = 2, .sync_at_start = false, .extra_toml = {}});
  auto page = test::fetch(app.port(), "GET", "/orders");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->result_int(), 200);
  EXPECT_EQ(page->body(), shell_source());
  EXPECT_NE(header_of(*page, "Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  auto script = test::fetch(app.port(), "GET", "/assets/js/app.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->result_int(), 200);
  auto traversal = test::fetch(app.port(), "GET", "/assets/%2e%2e/%2e%2e/etc/passwd");
  ASSERT_TRUE(traversal);
  EXPECT_EQ(traversal->result_int(), 404);
}

}  // namespace
