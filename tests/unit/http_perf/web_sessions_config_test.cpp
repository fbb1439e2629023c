// [web.sessions]: how long a sign-in lasts, read and checked with the rest of the config file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../config/config_test_support.hpp"
#include "kingkung/config/config.hpp"

namespace kingkung::config {
namespace {

using testing::find_error;
using ::testing::HasSubstr;
using testing::load_text;
using testing::minimal_config;
using testing::temp_dir;

TEST(HttpPerfWebSessionsConfig, DefaultsAreThirtyMinutesIdleAndTwelveHours) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config());
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result.config->web.sessions.idle_minutes, 30u);
  EXPECT_EQ(result.config->web.sessions.absolute_hours, 12u);
}

TEST(HttpPerfWebSessionsConfig, ReadsBothLimits) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[web.sessions]\nidle_minutes = 90\nabsolute_hours = 48\n"));
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result.config->web.sessions.idle_minutes, 90u);
  EXPECT_EQ(result.config->web.sessions.absolute_hours, 48u);
}

TEST(HttpPerfWebSessionsConfig, ZeroIdleMinutesIsRejectedWithFileLineAndRange) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[web.sessions]\nidle_minutes = 0\n"));
  ASSERT_FALSE(result.ok());
  const auto* e = find_error(result.errors, "web.sessions.idle_minutes");
  ASSERT_NE(e, nullptr) << result.message();
  EXPECT_THAT(e->file, HasSubstr("kingkung.toml"));
  EXPECT_EQ(e->line, 4u);
  EXPECT_EQ(e->expected, "an integer from 1 to 10080");
  EXPECT_EQ(e->found, "0");
}

TEST(HttpPerfWebSessionsConfig, AbsoluteHoursOfTheWrongTypeIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[web.sessions]\nabsolute_hours = \"12\"\n"));
  ASSERT_FALSE(result.ok());
  const auto* e = find_error(result.errors, "web.sessions.absolute_hours");
  ASSERT_NE(e, nullptr) << result.message();
  EXPECT_EQ(e->expected, "an integer");
  EXPECT_THAT(e->found, HasSubstr("\"12\""));
}

TEST(HttpPerfWebSessionsConfig, AnIdleLimitLongerThanTheAbsoluteOneIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[web.sessions]\nidle_minutes = 180\nabsolute_hours = 2\n"));
  ASSERT_FALSE(result.ok());
  const auto* e = find_error(result.errors, "web.sessions.idle_minutes");
  ASSERT_NE(e, nullptr) << result.message();
  EXPECT_THAT(e->expected, HasSubstr("at most absolute_hours * 60 (120 minutes)"));
  EXPECT_EQ(e->found, "180");
}

TEST(HttpPerfWebSessionsConfig, AnUnknownKeyIsRejectedWithASuggestion) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[web.sessions]\nidle_minute = 20\n"));
  ASSERT_FALSE(result.ok());
  const auto* e = find_error(result.errors, "web.sessions.idle_minute");
  ASSERT_NE(e, nullptr) << result.message();
  EXPECT_THAT(e->hint, HasSubstr("idle_minutes"));
}

}  // namespace
}  // namespace kingkung::config
