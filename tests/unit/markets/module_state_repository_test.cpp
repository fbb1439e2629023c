// Module state persistence: on SQLite always, and on MariaDB when KINGKUNG_TEST_MYSQL_URL names one.
#include "kingkung/storage/module_state_repository.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "test_databases.hpp"

namespace kingkung::markets_unit {
namespace {

using kingkung::test::test_backend;

std::vector<test_backend> available_backends() {
  std::vector<test_backend> out{test_backend::sqlite};
  const char* url = std::getenv(kingkung::test::mysql_url_variable);
  if (url != nullptr && *url != '\0') out.push_back(test_backend::mysql);
  return out;
}

class ModuleStateRepository : public kingkung::test::database_test {
 protected:
  storage::module_state_repository repo() { return storage::module_state_repository(db()); }
};

TEST_P(ModuleStateRepository, ReturnsNothingForAKeyNeverSaved) {
  auto got = repo().get("7001", "mx-split", "plan:1");
  ASSERT_TRUE(got.ok()) << got.err().message;
  EXPECT_EQ(got.value(), std::nullopt);
}

TEST_P(ModuleStateRepository, ReturnsWhatWasPut) {
  ASSERT_TRUE(repo().put("7001", "mx-split", "plan:1", R"({"packages":[["a"],["b"]]})").ok());
  EXPECT_EQ(repo().get("7001", "mx-split", "plan:1").value(),
            std::optional<std::string>(R"({"packages":[["a"],["b"]]})"));
}

TEST_P(ModuleStateRepository, PutReplacesTheValueAndTime) {
  ASSERT_TRUE(repo().put("7001", "br-invoice", "invoice:P1", "PROCESSING", 100).ok());
  ASSERT_TRUE(repo().put("7001", "br-invoice", "invoice:P1", "SUCCESS", 200).ok());
  auto all = repo().list("7001", "br-invoice");
  ASSERT_TRUE(all.ok()) << all.err().message;
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->at(0).value, "SUCCESS");
  EXPECT_EQ(all->at(0).updated_at, 200);
}

TEST_P(ModuleStateRepository, KeepsAnEmptyValueApartFromAMissingOne) {
  ASSERT_TRUE(repo().put("7001", "mx-split", "k", "").ok());
  EXPECT_EQ(repo().get("7001", "mx-split", "k").value(), std::optional<std::string>(""));
}

TEST_P(ModuleStateRepository, KeysAreScopedByShopAndModule) {
  ASSERT_TRUE(repo().put("7001", "mx-split", "k", "a").ok());
  ASSERT_TRUE(repo().put("7002", "mx-split", "k", "b").ok());
  ASSERT_TRUE(repo().put("7001", "br-invoice", "k", "c").ok());
  EXPECT_EQ(repo().get("7001", "mx-split", "k").value(), std::optional<std::string>("a"));
  EXPECT_EQ(repo().get("7002", "mx-split", "k").value(), std::optional<std::string>("b"));
  EXPECT_EQ(repo().get("7001", "br-invoice", "k").value(), std::optional<std::string>("c"));
}

TEST_P(ModuleStateRepository, EraseRemovesOneKeyOnly) {
  ASSERT_TRUE(repo().put("7001", "mx-split", "a", "1").ok());
  ASSERT_TRUE(repo().put("7001", "mx-split", "b", "2").ok());
  ASSERT_TRUE(repo().erase("7001", "mx-split", "a").ok());
  EXPECT_EQ(repo().get("7001", "mx-split", "a").value(), std::nullopt);
  EXPECT_EQ(repo().get("7001", "mx-split", "b").value(), std::optional<std::string>("2"));
  EXPECT_TRUE(repo().erase("7001", "mx-split", "never").ok());
}

TEST_P(ModuleStateRepository, EraseShopRemovesEveryModulesStateOfThatShopOnly) {
  ASSERT_TRUE(repo().put("7001", "mx-split", "a", "1").ok());
  ASSERT_TRUE(repo().put("7001", "br-invoice", "b", "2").ok());
  ASSERT_TRUE(repo().put("7002", "mx-split", "a", "3").ok());
  auto erased = repo().erase_shop("7001");
  ASSERT_TRUE(erased.ok()) << erased.err().message;
  EXPECT_EQ(erased.value(), 2u);
  EXPECT_TRUE(repo().list("7001", "mx-split")->empty());
  EXPECT_TRUE(repo().list("7001", "br-invoice")->empty());
  EXPECT_EQ(repo().get("7002", "mx-split", "a").value(), std::optional<std::string>("3"));
}

TEST_P(ModuleStateRepository, ListIsOrderedByKey) {
  ASSERT_TRUE(repo().put("7001", "mx-split", "b", "2").ok());
  ASSERT_TRUE(repo().put("7001", "mx-split", "a", "1").ok());
  auto all = repo().list("7001", "mx-split");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).key, "a");
  EXPECT_EQ(all->at(1).key, "b");
}

TEST_P(ModuleStateRepository, KeepsUnicodeTextExactly) {
  const std::string value = "Nota fiscal rejeitada: \xC3\xA7\xC3\xA3o \xF0\x9F\x93\xA6";
  ASSERT_TRUE(repo().put("7001", "br-invoice", "reason", value).ok());
  EXPECT_EQ(repo().get("7001", "br-invoice", "reason").value(), std::optional<std::string>(value));
}

TEST_P(ModuleStateRepository, RefusesAKeyThatIsEmptyTooLongOrHasControlCharacters) {
  for (const std::string& key : {std::string(), std::string(192, 'k'), std::string("a\nb")}) {
    auto put = repo().put("7001", "mx-split", key, "v");
    ASSERT_FALSE(put.ok()) << key.size();
    EXPECT_EQ(put.err().code, plugin::errc::invalid_argument);
    EXPECT_NE(put.err().message.find("state key"), std::string::npos) << put.err().message;
  }
}

TEST_P(ModuleStateRepository, RefusesAValueOverTheLimitAndKeepsTheOldOne) {
  ASSERT_TRUE(repo().put("7001", "mx-split", "k", "old").ok());
  auto put = repo().put("7001", "mx-split", "k",
                        std::string(storage::module_state_repository::max_value_length + 1, 'x'));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.err().code, plugin::errc::too_large);
  EXPECT_EQ(repo().get("7001", "mx-split", "k").value(), std::optional<std::string>("old"));
}

TEST_P(ModuleStateRepository, KeepsAValueAtTheLimit) {
  const std::string big(storage::module_state_repository::max_value_length, 'x');
  ASSERT_TRUE(repo().put("7001", "mx-split", "k", big).ok());
  EXPECT_EQ(repo().get("7001", "mx-split", "k").value(), std::optional<std::string>(big));
}

TEST_P(ModuleStateRepository, RefusesAnEmptyShopOrModule) {
  EXPECT_EQ(repo().get("", "mx-split", "k").err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(repo().get("7001", "", "k").err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(repo().erase_shop("").err().code, plugin::errc::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(, ModuleStateRepository, ::testing::ValuesIn(available_backends()),
                         [](const ::testing::TestParamInfo<test_backend>& info) {
                           return kingkung::test::backend_name(info.param);
                         });

}  // namespace
}  // namespace kingkung::markets_unit
