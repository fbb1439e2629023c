// Every file of fuzz/corpus/<target>/ (seeds and kept reproducers) goes through the same property checks
// the fuzz targets run (fuzz/checks), so the corpora are exercised in every build, gcc included.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "checks.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> corpus_files(std::string_view target) {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(KINGKUNG_SOURCE_DIR) / "fuzz" / "corpus" / std::string(target);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string contents(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class FuzzCorpusReplay : public ::testing::TestWithParam<std::string_view> {};

TEST_P(FuzzCorpusReplay, EveryCorpusFileKeepsTheTargetsProperties) {
  const auto files = corpus_files(GetParam());
  ASSERT_FALSE(files.empty()) << "fuzz/corpus/" << GetParam() << " has no seed files";
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    try {
      kingkung::fuzz::check(GetParam(), contents(file));
    } catch (const kingkung::fuzz::property_violation& e) {
      ADD_FAILURE() << e.what();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzCorpusReplay, ::testing::ValuesIn(kingkung::fuzz::target_names),
                         [](const ::testing::TestParamInfo<std::string_view>& info) {
                           std::string name(info.param);
                           name.erase(std::remove(name.begin(), name.end(), '_'), name.end());
                           return name;
                         });

TEST(FuzzCorpusChecks, UnknownTargetNameIsRefused) {
  EXPECT_THROW(kingkung::fuzz::check("no-such-target", ""), std::invalid_argument);
}

}  // namespace
