// Fault, call-log and persistence keys of the simulator's config table: values, defaults, and errors
// that name the key, what was expected and what was found.
#include <gtest/gtest.h>

#include <fstream>

#include "kingkung/sim/settings.hpp"
#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimFaultSettings : public ::testing::Test {
 protected:
  SimFaultSettings() {
    std::ofstream(dir.path() / "secret") << "s3cr3t\n";
    config.strings["app_key"] = "key-1";
    config.strings["app_secret_file"] = (dir.path() / "secret").string();
  }
  temp_dir dir;
  map_config config;
};

TEST_F(SimFaultSettings, NoFaultsAreInjectedUnlessConfigured) {
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_TRUE(s.ok()) << s.err().message;
  EXPECT_EQ(s->faults.rate_429 + s->faults.rate_500 + s->faults.rate_503 + s->faults.rate_timeout +
                s->faults.rate_lost_answer,
            0.0);
  EXPECT_EQ(s->faults.paths, std::vector<std::string>{"*"});
  EXPECT_EQ(s->call_log_size, 10000u);
  EXPECT_EQ(s->persist_interval_ms, 500);
}

TEST_F(SimFaultSettings, ReadsRatesPathsAndSizes) {
  config.doubles["fault_rate_429"] = 0.25;
  config.doubles["fault_rate_lost_answer"] = 0.05;
  config.lists["fault_paths"] = {"/order/*"};
  config.ints["call_log_size"] = 50;
  config.ints["persist_interval_ms"] = 0;
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_TRUE(s.ok()) << s.err().message;
  EXPECT_EQ(s->faults.rate_429, 0.25);
  EXPECT_EQ(s->faults.rate_lost_answer, 0.05);
  EXPECT_EQ(s->faults.paths, std::vector<std::string>{"/order/*"});
  EXPECT_EQ(s->call_log_size, 50u);
  EXPECT_EQ(s->persist_interval_ms, 0);
}

TEST_F(SimFaultSettings, ARateAboveOneNamesTheKeyTheRangeAndTheValue) {
  config.doubles["fault_rate_500"] = 1.5;
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.err().message.find("\"fault_rate_500\""), std::string::npos) << s.err().message;
  EXPECT_NE(s.err().message.find("expected a number in [0, 1]"), std::string::npos) << s.err().message;
  EXPECT_NE(s.err().message.find("found 1.5"), std::string::npos) << s.err().message;
}

TEST_F(SimFaultSettings, ARateGivenAsTextIsRefused) {
  config.strings["fault_rate_timeout"] = "10%";
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.err().message.find("found \"10%\""), std::string::npos) << s.err().message;
}

TEST_F(SimFaultSettings, RatesAddingUpToMoreThanOneAreRefused) {
  config.doubles["fault_rate_429"] = 0.6;
  config.doubles["fault_rate_503"] = 0.6;
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.err().message.find("add up to at most 1"), std::string::npos) << s.err().message;
}

TEST_F(SimFaultSettings, AMisspelledFaultKeyGetsASuggestion) {
  config.doubles["fault_rate_492"] = 0.1;
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.err().message.find("did you mean \"fault_rate_429\""), std::string::npos) << s.err().message;
}

TEST_F(SimFaultSettings, APathPatternMustStartWithASlashOrAStar) {
  config.lists["fault_paths"] = {"order/*"};
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.err().message.find("\"fault_paths\""), std::string::npos) << s.err().message;
  EXPECT_NE(s.err().message.find("found \"order/*\""), std::string::npos) << s.err().message;
}

}  // namespace
