// Webhook delivery faults and retries (docs/simulator.md, "Webhooks" and the control API): failed
// deliveries retried on the platform's schedule on the simulated clock with the same notification id;
// duplicates, held batches released out of order, and replays of a notification already sent.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimWebhookDelivery : public ::testing::Test {
 protected:
  SimWebhookDelivery() : h(settings_with_listener()) {}
  kingkung::sim::settings settings_with_listener() {
    auto s = demo_settings({});
    s.webhook_url = listener.url();
    return s;
  }
  // Fires a type 7 webhook and waits until it was attempted; returns its notification id.
  std::string fire() {
    EXPECT_EQ(h.control("POST", "webhooks/fire", json::object{{"shop", "demo-us"}, {"type", 7}}).code, 0);
    h.engine().drain_webhooks();
    auto sent = listener.of_type(7);
    return sent.empty() ? std::string() : std::string(sent.back().at("tts_notification_id").as_string());
  }
  std::vector<std::string> ids_received() {
    std::vector<std::string> ids;
    for (const auto& w : listener.received())
      ids.emplace_back(json::parse(w.body).as_object().at("tts_notification_id").as_string());
    return ids;
  }
  json::object webhooks_summary() { return h.control("GET", "summary").obj().at("webhooks").as_object(); }
  void advance_and_drain(std::int64_t seconds) {
    h.advance(seconds);
    h.engine().drain_webhooks();
  }

  webhook_listener listener;
  harness h;
};

TEST_F(SimWebhookDelivery, AFailedDeliveryIsRetriedTwoMinutesLaterWithTheSameId) {
  listener.answer_with(500);
  auto id = fire();
  ASSERT_FALSE(id.empty());
  listener.answer_with(200);
  advance_and_drain(119);
  EXPECT_EQ(listener.received().size(), 1u);
  advance_and_drain(1);
  EXPECT_EQ(ids_received(), (std::vector<std::string>{id, id}));
}

TEST_F(SimWebhookDelivery, RetriesFollowThePlatformScheduleAndStopAfterTheFourth) {
  listener.answer_with(503);
  fire();
  std::vector<std::size_t> counts;
  for (std::int64_t wait : {120, 1800, 10800, 43200, 86400}) {
    advance_and_drain(wait);
    counts.push_back(listener.received().size());
  }
  EXPECT_EQ(counts, (std::vector<std::size_t>{2, 3, 4, 5, 5}));
  EXPECT_EQ(webhooks_summary().at("given_up"), 1);
}

TEST_F(SimWebhookDelivery, TheSummaryListsAPendingRetryWithItsDueTime) {
  listener.answer_with(500);
  auto id = fire();
  auto pending = webhooks_summary().at("pending_retries").as_array();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].as_object().at("tts_notification_id"), id);
  EXPECT_EQ(pending[0].as_object().at("next_due"), h.engine().now() + 120);
  EXPECT_EQ(pending[0].as_object().at("attempts"), 1);
}

TEST_F(SimWebhookDelivery, ADeliveredWebhookIsNotRetried) {
  fire();
  advance_and_drain(86400);
  EXPECT_EQ(listener.received().size(), 1u);
  EXPECT_TRUE(webhooks_summary().at("pending_retries").as_array().empty());
}

TEST_F(SimWebhookDelivery, DuplicateSendsTheNextWebhookTwiceWithOneId) {
  ASSERT_EQ(h.control("POST", "webhooks/duplicate", json::object{{"count", 1}}).code, 0);
  auto id = fire();
  fire();
  auto ids = ids_received();
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0], id);
  EXPECT_EQ(ids[1], id);
  EXPECT_NE(ids[2], id);
  EXPECT_EQ(listener.received()[0].body, listener.received()[1].body);
}

TEST_F(SimWebhookDelivery, HeldWebhooksWaitAndAreReleasedInReverse) {
  ASSERT_EQ(h.control("POST", "webhooks/hold").code, 0);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(h.control("POST", "webhooks/fire",
                        json::object{{"shop", "demo-us"}, {"type", 1}, {"data", {{"made", i}}}})
                  .code,
              0);
  h.engine().drain_webhooks();
  EXPECT_TRUE(listener.received().empty());
  EXPECT_EQ(webhooks_summary().at("held"), 3);
  auto released = h.control("POST", "webhooks/release", json::object{{"order", "reverse"}});
  ASSERT_EQ(released.code, 0) << released.message;
  h.engine().drain_webhooks();
  std::vector<std::int64_t> made;
  for (const auto& w : listener.received())
    made.push_back(json::parse(w.body).at("data").at("made").as_int64());
  EXPECT_EQ(made, (std::vector<std::int64_t>{2, 1, 0}));
  std::vector<std::string> order;
  for (const auto& id : released.obj().at("released").as_array()) order.emplace_back(id.as_string());
  EXPECT_EQ(ids_received(), order);
}

TEST_F(SimWebhookDelivery, ReleaseWithAnUnknownOrderIsRefused) {
  auto r = h.control("POST", "webhooks/release", json::object{{"order", "random"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("found \"random\""), std::string::npos) << r.message;
}

TEST_F(SimWebhookDelivery, ReplayResendsTheSameBytesAndSignature) {
  auto id = fire();
  ASSERT_EQ(h.control("POST", "webhooks/replay", json::object{{"tts_notification_id", id}}).code, 0);
  h.engine().drain_webhooks();
  auto received = listener.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[1].body, received[0].body);
  EXPECT_EQ(received[1].authorization, received[0].authorization);
}

TEST_F(SimWebhookDelivery, ReplayOfAnUnknownIdIsNotFound) {
  auto r = h.control("POST", "webhooks/replay", json::object{{"tts_notification_id", "7300000000000000000"}});
  EXPECT_EQ(r.status, 404);
}

}  // namespace
