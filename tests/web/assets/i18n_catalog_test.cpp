// The translation catalogs the UI ships (embedded under i18n/<locale>/<part>.json): every key in every
// language, the same placeholders, no empty text, and every key a script asks for exists.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "assets/embedded_assets.hpp"

namespace {

using catalog = std::map<std::string, std::string>;

const std::vector<std::string> locales{"en", "es", "pt"};

// part ("core", "pages") -> locale -> catalog
std::map<std::string, std::map<std::string, catalog>> load_catalogs() {
  std::map<std::string, std::map<std::string, catalog>> out;
  static const std::regex name(R"(i18n/([a-z]+)/([a-z_]+)\.json)");
  for (const auto& asset : kingkung::web::embedded_assets()) {
    const std::string path(asset.path);
    std::smatch m;
    if (!std::regex_match(path, m, name)) continue;
    boost::system::error_code ec;
    auto v = boost::json::parse(asset.bytes, ec);
    if (ec || !v.is_object()) {
      ADD_FAILURE() << path << ": not a JSON object (" << ec.message() << ")";
      continue;
    }
    auto& c = out[m[2].str()][m[1].str()];
    for (const auto& [key, value] : v.as_object()) {
      if (!value.is_string()) {
        ADD_FAILURE() << path << ": key " << key << " is not a string";
        continue;
      }
      c[std::string(key)] = std::string(value.as_string());
    }
  }
  return out;
}

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> out;
  static const std::regex p(R"(\{(\w+)\})");
  for (std::sregex_iterator it(text.begin(), text.end(), p), end; it != end; ++it) out.insert((*it)[1].str());
  return out;
}

TEST(WebI18n, TheCorePartExistsInEveryLocale) {
  const auto catalogs = load_catalogs();
  ASSERT_TRUE(catalogs.contains("core"));
  for (const auto& l : locales) {
    ASSERT_TRUE(catalogs.at("core").contains(l)) << "i18n/" << l << "/core.json is missing";
    EXPECT_GT(catalogs.at("core").at(l).size(), 100u) << l;
  }
}

TEST(WebI18n, EveryKeyOfEveryPartExistsInAllThreeLocales) {
  for (const auto& [part, by_locale] : load_catalogs()) {
    std::set<std::string> all;
    for (const auto& [l, c] : by_locale)
      for (const auto& [key, text] : c) all.insert(key);
    for (const auto& l : locales) {
      ASSERT_TRUE(by_locale.contains(l)) << "i18n/" << l << "/" << part << ".json is missing";
      for (const auto& key : all) EXPECT_TRUE(by_locale.at(l).contains(key)) << l << "/" << part << ".json lacks " << key;
    }
    for (const auto& [l, c] : by_locale)
      EXPECT_TRUE(std::find(locales.begin(), locales.end(), l) != locales.end()) << "unexpected locale folder " << l;
  }
}

TEST(WebI18n, TranslationsUseTheSamePlaceholdersAsEnglish) {
  for (const auto& [part, by_locale] : load_catalogs()) {
    if (!by_locale.contains("en")) continue;
    for (const auto& [key, english] : by_locale.at("en")) {
      for (const auto& l : locales) {
        if (l == "en" || !by_locale.contains(l) || !by_locale.at(l).contains(key)) continue;
        EXPECT_EQ(placeholders(by_locale.at(l).at(key)), placeholders(english)) << l << "/" << part << ": " << key;
      }
    }
  }
}

TEST(WebI18n, NoTextIsEmpty) {
  for (const auto& [part, by_locale] : load_catalogs())
    for (const auto& [l, c] : by_locale)
      for (const auto& [key, text] : c) EXPECT_FALSE(text.empty()) << l << "/" << part << ": " << key;
}

TEST(WebI18n, NoKeyIsDefinedByTwoParts) {
  std::map<std::string, std::string> owner;
  for (const auto& [part, by_locale] : load_catalogs()) {
    if (!by_locale.contains("en")) continue;
    for (const auto& [key, text] : by_locale.at("en")) {
      auto [it, fresh] = owner.emplace(key, part);
      EXPECT_TRUE(fresh) << key << " is in both " << it->second << ".json and " << part << ".json";
    }
  }
}

TEST(WebI18n, SpanishAndPortugueseAreTranslatedNotCopied) {
  const auto catalogs = load_catalogs();
  const auto& core = catalogs.at("core");
  std::size_t same_es = 0, same_pt = 0;
  for (const auto& [key, english] : core.at("en")) {
    same_es += core.at("es").at(key) == english;
    same_pt += core.at("pt").at(key) == english;
  }
  // Some words are the same in every language ("Total", "CSV"); most are not.
  EXPECT_LT(same_es * 5, core.at("en").size());
  EXPECT_LT(same_pt * 5, core.at("en").size());
}

TEST(WebI18n, EveryKeyAScriptAsksForByNameExists) {
  const auto catalogs = load_catalogs();
  std::set<std::string> english;
  for (const auto& [part, by_locale] : catalogs)
    if (by_locale.contains("en"))
      for (const auto& [key, text] : by_locale.at("en")) english.insert(key);
  const std::regex call(R"(\bt\(\s*"([A-Za-z0-9_]+\.[A-Za-z0-9_.]+)\")");
  std::size_t calls = 0;
  for (const auto& asset : kingkung::web::embedded_assets()) {
    if (!asset.path.ends_with(".js")) continue;
    const std::string text(asset.bytes);
    for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) {
      ++calls;
      EXPECT_TRUE(english.contains((*it)[1].str())) << asset.path << " uses " << (*it)[1].str();
    }
  }
  EXPECT_GT(calls, 50u);
}

}  // namespace
