// The [sync] keys the sync engine added: read, defaulted and range-checked like every other key.
#include <gtest/gtest.h>

#include "../config/config_test_support.hpp"
#include "kingkung/config/config.hpp"

namespace kingkung::config {
namespace {

using testing::load_text;
using testing::minimal_config;
using testing::temp_dir;

TEST(SyncConfig, ReconcileWindowAndWriteBackAttemptsHaveDefaults) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config());
  ASSERT_TRUE(result.errors.empty()) << result.message();
  EXPECT_EQ(result.config->sync.reconcile_window_days, 30u);
  EXPECT_EQ(result.config->sync.write_back_max_attempts, 8u);
}

TEST(SyncConfig, ReconcileWindowAndWriteBackAttemptsAreRead) {
  temp_dir dir;
  auto result =
      load_text(dir, minimal_config("[sync]\nreconcile_window_days = 7\nwrite_back_max_attempts = 3\n"));
  ASSERT_TRUE(result.errors.empty()) << result.message();
  EXPECT_EQ(result.config->sync.reconcile_window_days, 7u);
  EXPECT_EQ(result.config->sync.write_back_max_attempts, 3u);
}

TEST(SyncConfig, AnOutOfRangeReconcileWindowNamesTheKeyAndTheRange) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[sync]\nreconcile_window_days = 400\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "sync.reconcile_window_days");
  EXPECT_EQ(result.errors[0].expected, "an integer from 1 to 365");
  EXPECT_EQ(result.errors[0].found, "400");
}

TEST(SyncConfig, ZeroWriteBackAttemptsIsRefused) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[sync]\nwrite_back_max_attempts = 0\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "sync.write_back_max_attempts");
  EXPECT_EQ(result.errors[0].expected, "an integer from 1 to 100");
}

}  // namespace
}  // namespace kingkung::config
