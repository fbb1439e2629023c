// database_url::parse, redacted() and the SOCI connect string. No database needed.
#include <gtest/gtest.h>

#include "kingkung/storage/database.hpp"

namespace {

using kingkung::plugin::errc;
using kingkung::storage::backend;
using kingkung::storage::database_url;

TEST(StorageUrl, SqliteRelativePathResolvesAgainstBaseDir) {
  auto url = database_url::parse("sqlite3:var/kingkung.db", "/srv/kingkung/config");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(url->kind, backend::sqlite);
  EXPECT_EQ(url->sqlite_path, "/srv/kingkung/config/var/kingkung.db");
}

TEST(StorageUrl, SqliteAbsolutePathIgnoresBaseDir) {
  auto url = database_url::parse("sqlite3:/data/kk.db", "/srv/kingkung/config");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(url->sqlite_path, "/data/kk.db");
}

TEST(StorageUrl, SqliteRelativePathWithoutBaseDirStaysRelative) {
  auto url = database_url::parse("sqlite3:./var/../var/kk.db");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(url->sqlite_path, "var/kk.db");
}

TEST(StorageUrl, SqliteMemoryIsNotJoinedWithBaseDir) {
  auto url = database_url::parse("sqlite3::memory:", "/srv");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(url->sqlite_path, ":memory:");
}

TEST(StorageUrl, SqliteWithoutPathIsRejected) {
  auto url = database_url::parse("sqlite3:");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.err().code, errc::invalid_argument);
  EXPECT_NE(url.err().message.find("file path"), std::string::npos) << url.err().message;
}

TEST(StorageUrl, MysqlFullUrlIsParsed) {
  auto url = database_url::parse("mysql://kingkung:s3cret@db.internal:3307/orders");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(url->kind, backend::mysql);
  EXPECT_EQ(url->user, "kingkung");
  EXPECT_EQ(url->password.reveal(), "s3cret");
  EXPECT_EQ(url->host, "db.internal");
  EXPECT_EQ(url->port, 3307u);
  EXPECT_EQ(url->name, "orders");
}

TEST(StorageUrl, MysqlPortDefaultsTo3306) {
  auto url = database_url::parse("mysql://app:pw@10.0.0.5/kingkung");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(url->port, 3306u);
  EXPECT_EQ(url->host, "10.0.0.5");
}

TEST(StorageUrl, MysqlUserAndPasswordArePercentDecoded) {
  auto url = database_url::parse("mysql://ops%40acme:p%40ss%3Aw%2Fo%25rd@127.0.0.1:3306/kk");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(url->user, "ops@acme");
  EXPECT_EQ(url->password.reveal(), "p@ss:w/o%rd");
}

TEST(StorageUrl, MysqlPasswordMayHoldUnencodedAtAndSlash) {
  auto url = database_url::parse("mysql://app:a@b/c@127.0.0.1/kk");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(url->password.reveal(), "a@b/c");
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->name, "kk");
}

TEST(StorageUrl, MysqlWithoutPasswordIsAccepted) {
  auto url = database_url::parse("mysql://root@localhost/kk");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_TRUE(url->password.empty());
  EXPECT_EQ(url->redacted(), "mysql://root@localhost:3306/kk");
}

TEST(StorageUrl, MysqlIpv6HostInBrackets) {
  auto url = database_url::parse("mysql://app:pw@[::1]:3310/kk");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 3310u);
  EXPECT_EQ(url->redacted(), "mysql://app:[redacted]@[::1]:3310/kk");
}

TEST(StorageUrl, RedactedHidesThePassword) {
  auto url = database_url::parse("mysql://kingkung:hunter2-very-secret@db:3306/kk");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(url->redacted(), "mysql://kingkung:[redacted]@db:3306/kk");
}

TEST(StorageUrl, RedactedShowsTheSqlitePath) {
  auto url = database_url::parse("sqlite3:/var/lib/kingkung/kk.db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->redacted(), "sqlite3:/var/lib/kingkung/kk.db");
}

struct bad_url {
  const char* url;
  const char* says;  // part of the message
};

class StorageUrlErrors : public ::testing::TestWithParam<bad_url> {};

TEST_P(StorageUrlErrors, NameWhatIsWrongWithoutEchoingThePassword) {
  auto url = database_url::parse(GetParam().url);
  ASSERT_FALSE(url.ok()) << GetParam().url;
  EXPECT_EQ(url.err().code, errc::invalid_argument);
  EXPECT_NE(url.err().message.find(GetParam().says), std::string::npos) << url.err().message;
  EXPECT_EQ(url.err().message.find("TOPSECRET"), std::string::npos) << url.err().message;
  EXPECT_EQ(url.err().message.rfind("database url: ", 0), 0u) << url.err().message;
}

INSTANTIATE_TEST_SUITE_P(
    , StorageUrlErrors,
    ::testing::Values(
        bad_url{"", "empty"}, bad_url{"postgres://u:TOPSECRET@h/db", "\"postgres\" is not supported"},
        bad_url{"kingkung.db", "no scheme"}, bad_url{"mysql://u:TOPSECRET/db", "user:password@"},
        bad_url{"mysql://:TOPSECRET@h/db", "user name"},
        bad_url{"mysql://u:TOPSECRET@h", "database name is missing"},
        bad_url{"mysql://u:TOPSECRET@h/", "database name is missing"},
        bad_url{"mysql://u:TOPSECRET@h:99999/db", "port \"99999\""},
        bad_url{"mysql://u:TOPSECRET@h:33a/db", "port \"33a\""}, bad_url{"mysql://u:TOPSECRET@h:/db", "port"},
        bad_url{"mysql://u:TOPSECRET@/db", "host is missing"},
        bad_url{"mysql://u:TOP%ZZSECRET@h/db", "password has a malformed"},
        bad_url{"mysql://u:TOPSECRET@h/db?ssl=1", "query parameters"},
        bad_url{"mysql://u:TOPSECRET@h/my;db", "database name \"my;db\""},
        bad_url{"mysql://u:TOPSECRET@[::1/db", "closing ']'"}),
    [](const ::testing::TestParamInfo<bad_url>& info) { return "Case" + std::to_string(info.index); });

TEST(StorageUrl, MysqlConnectStringQuotesAndEscapesValues) {
  auto url = database_url::parse("mysql://app:it%27s%5Cx%20y@127.0.0.1:3306/kk");
  ASSERT_TRUE(url.ok()) << url.err().message;
  std::string cs = url->soci_connect_string();
  EXPECT_NE(cs.find("password='it\\'s\\\\x y'"), std::string::npos) << "connect string format changed";
  EXPECT_NE(cs.find("charset=utf8mb4"), std::string::npos);
  EXPECT_NE(cs.find("port=3306"), std::string::npos);
  EXPECT_NE(cs.find("db='kk'"), std::string::npos);
}

TEST(StorageUrl, SqliteConnectStringQuotesAPathWithEqualsSign) {
  auto url = database_url::parse("sqlite3:/tmp/a=b/kk.db");
  ASSERT_TRUE(url.ok()) << url.err().message;
  EXPECT_EQ(url->soci_connect_string(), "db=\"/tmp/a=b/kk.db\"");
}

}  // namespace
