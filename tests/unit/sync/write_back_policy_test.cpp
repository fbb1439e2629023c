// The write-back queue's rules without a platform or a database: payload checks, what a failure leads
// to, and the retry delays.
#include <gtest/gtest.h>

#include "kingkung/sync/write_back.hpp"

namespace kingkung::sync {
namespace {

tiktok::api_error error_of(tiktok::error_class kind) {
  tiktok::api_error e;
  e.kind = kind;
  return e;
}

TEST(SyncWriteBackKinds, EveryKindRoundTripsThroughItsName) {
  for (auto k :
       {write_back_kind::ship, write_back_kind::split, write_back_kind::combine, write_back_kind::edit,
        write_back_kind::inventory, write_back_kind::price, write_back_kind::invoice})
    EXPECT_EQ(parse_write_back_kind(to_string(k)), k);
  EXPECT_FALSE(parse_write_back_kind("refund").has_value());
}

TEST(SyncWriteBackKinds, OnlyAbsoluteSettingsAreIdempotent) {
  EXPECT_TRUE(is_idempotent(write_back_kind::inventory));
  EXPECT_TRUE(is_idempotent(write_back_kind::price));
  EXPECT_TRUE(is_idempotent(write_back_kind::edit));
  EXPECT_FALSE(is_idempotent(write_back_kind::ship));
  EXPECT_FALSE(is_idempotent(write_back_kind::split));
  EXPECT_FALSE(is_idempotent(write_back_kind::combine));
  EXPECT_FALSE(is_idempotent(write_back_kind::invoice));
}

TEST(SyncWriteBackPayload, AValidPayloadOfEveryKindPasses) {
  EXPECT_EQ(
      payload_problem(
          write_back_kind::ship,
          R"({"package_id":"1","handover_method":"PICKUP","pickup_slot":{"start_time":1,"end_time":2}})"),
      "");
  EXPECT_EQ(
      payload_problem(write_back_kind::split,
                      R"({"order_id":"1","splittable_groups":[{"id":"g","order_line_item_ids":["a"]}]})"),
      "");
  EXPECT_EQ(payload_problem(write_back_kind::combine,
                            R"({"combinable_packages":[{"id":"p","order_ids":["1","2"]}]})"),
            "");
  EXPECT_EQ(payload_problem(write_back_kind::edit, R"({"product_id":"1","title":"New title"})"), "");
  EXPECT_EQ(payload_problem(write_back_kind::inventory,
                            R"({"product_id":"1","skus":[{"id":"s","inventory":[{"quantity":3}]}]})"),
            "");
  EXPECT_EQ(payload_problem(write_back_kind::price,
                            R"({"product_id":"1","skus":[{"id":"s","currency":"MXN","amount":"189.00"}]})"),
            "");
  EXPECT_EQ(payload_problem(write_back_kind::invoice,
                            R"({"invoices":[{"package_id":"p","order_ids":["1"],"xml":"<nfeProc/>"}]})"),
            "");
}

TEST(SyncWriteBackPayload, NotJsonIsRefused) {
  EXPECT_NE(payload_problem(write_back_kind::ship, "{package_id:1").find("not valid JSON"),
            std::string::npos);
}

TEST(SyncWriteBackPayload, AMissingFieldIsNamedByItsPath) {
  EXPECT_EQ(payload_problem(write_back_kind::ship, R"({"handover_method":"PICKUP"})"),
            "payload.package_id: missing");
}

TEST(SyncWriteBackPayload, AWrongTypeSaysWhatWasExpectedAndFound) {
  EXPECT_EQ(payload_problem(write_back_kind::inventory,
                            R"({"product_id":"1","skus":[{"id":"s","inventory":[{"quantity":"3"}]}]})"),
            "payload.skus[0].inventory[0].quantity: expected an integer, found a string");
}

TEST(SyncWriteBackPayload, MoneyMustBeADecimalStringNeverANumber) {
  EXPECT_EQ(payload_problem(write_back_kind::price,
                            R"({"product_id":"1","skus":[{"id":"s","currency":"MXN","amount":189.5}]})"),
            "payload.skus[0].amount: expected a decimal string such as \"189.00\", found a number");
}

TEST(SyncWriteBackPayload, AnEditWithNothingToChangeIsRefused) {
  EXPECT_NE(payload_problem(write_back_kind::edit, R"({"product_id":"1"})").find("nothing to edit"),
            std::string::npos);
}

TEST(SyncWriteBackPolicy, ThrottlingAndServerErrorsAreRetried) {
  EXPECT_EQ(judge_failure(error_of(tiktok::error_class::rate_limited)), failure_verdict::retry);
  EXPECT_EQ(judge_failure(error_of(tiktok::error_class::retryable)), failure_verdict::retry);
  EXPECT_EQ(judge_failure(error_of(tiktok::error_class::token_expired)), failure_verdict::retry);
}

TEST(SyncWriteBackPolicy, APlatformRefusalFailsTheItem) {
  EXPECT_EQ(judge_failure(error_of(tiktok::error_class::bad_request)), failure_verdict::fail);
  EXPECT_EQ(judge_failure(error_of(tiktok::error_class::permission)), failure_verdict::fail);
}

TEST(SyncWriteBackPolicy, AnAnswerThatMayHaveBeenLostMakesTheOutcomeUnknown) {
  EXPECT_EQ(judge_failure(error_of(tiktok::error_class::indeterminate)), failure_verdict::outcome_unknown);
  EXPECT_EQ(judge_failure(error_of(tiktok::error_class::invalid_response)), failure_verdict::outcome_unknown);
}

TEST(SyncWriteBackPolicy, TheDelayDoublesPerAttemptUpToTheCap) {
  sync_settings s;
  s.write_back_backoff_seconds = 5;
  s.write_back_backoff_cap_seconds = 30;
  EXPECT_EQ(write_back_delay(s, 1), 5);
  EXPECT_EQ(write_back_delay(s, 2), 10);
  EXPECT_EQ(write_back_delay(s, 3), 20);
  EXPECT_EQ(write_back_delay(s, 4), 30);
  EXPECT_EQ(write_back_delay(s, 40), 30);
}

TEST(SyncSettings, ComeFromTheSyncConfigSection) {
  config::sync_config c;
  c.interval_seconds = 90;
  c.overlap_seconds = 10;
  c.backfill_days = 3;
  c.reconcile_window_days = 9;
  c.lease_seconds = 45;
  c.write_back_max_attempts = 4;
  auto s = sync_settings::from_config(c);
  EXPECT_EQ(s.interval_seconds, 90);
  EXPECT_EQ(s.overlap_seconds, 10);
  EXPECT_EQ(s.backfill_days, 3);
  EXPECT_EQ(s.reconcile_window_days, 9);
  EXPECT_EQ(s.lease_seconds, 45);
  EXPECT_EQ(s.write_back_max_attempts, 4);
}

}  // namespace
}  // namespace kingkung::sync
