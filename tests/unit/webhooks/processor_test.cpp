#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "kingkung/storage/webhook_event_repository.hpp"
#include "kingkung/webhooks/intake.hpp"
#include "kingkung/webhooks/processor.hpp"
#include "kingkung/webhooks/processor_thread.hpp"
#include "webhook_test_support.hpp"

namespace kingkung::webhooks {
namespace {

using namespace webhooks_test;

// Records every call as "<handler> <shop> <detail>"; fails calls for the shops in `failing`.
class recording_handlers final : public event_handlers {
 public:
  result<void> on_order_status_change(const event_context& ctx, const std::string& order_id,
                                      const std::string& status, std::int64_t update_time) override {
    return note(ctx, "status " + order_id + " " + status + " " + std::to_string(update_time));
  }
  result<void> on_order_change(const event_context& ctx, const std::vector<std::string>& ids) override {
    return note(ctx, "order " + join(ids));
  }
  result<void> on_package_update(const event_context& ctx, const std::vector<std::string>& packages,
                                 const std::vector<std::string>& orders, const std::string& sc_type) override {
    return note(ctx, "package " + join(packages) + " orders " + join(orders) + " " + sc_type);
  }
  result<void> on_invoice_status_change(const event_context& ctx, std::string_view data) override {
    return note(ctx, "invoice " + std::string(data));
  }
  result<void> on_product_change(const event_context& ctx, const std::string& product_id) override {
    return note(ctx, "product " + product_id);
  }
  result<void> on_seller_deauthorization(const event_context& ctx) override { return note(ctx, "deauthorized"); }
  result<void> on_upcoming_authorization_expiration(const event_context& ctx, std::int64_t at) override {
    return note(ctx, "expiring " + std::to_string(at));
  }

  std::vector<std::string> calls;
  std::set<std::string> failing;

 private:
  static std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
    return out;
  }
  result<void> note(const event_context& ctx, std::string what) {
    calls.push_back(ctx.shop_id + " " + what);
    if (failing.count(ctx.shop_id) != 0) return plugin::make_error(plugin::errc::unavailable, "platform down");
    return {};
  }
};

class WebhookProcessor : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = memory_database();
    intake_options o;
    o.app_key = std::string(app_key);
    o.app_secret = secret(std::string(app_secret));
    in_ = std::make_unique<intake>(*db_, std::move(o));
  }

  void deliver(const std::string& body) {
    auto out = in_->handle(body, sign(body));
    ASSERT_EQ(out.status, 200u) << out.body;
  }

  std::string status_of(std::string_view notification_id) {
    auto row = storage::webhook_event_repository(*db_).find(notification_id);
    EXPECT_TRUE(row.ok() && row->has_value());
    return row.ok() && row->has_value() ? (*row)->status : "";
  }

  drain_report drain(event_handlers& h, int max_attempts = 3) {
    processor_options o;
    o.max_attempts = max_attempts;
    processor p(*db_, h, o);
    auto r = p.drain();
    EXPECT_TRUE(r.ok()) << r.err().message;
    return r.ok() ? *r : drain_report{};
  }

  std::unique_ptr<storage::database> db_;
  std::unique_ptr<intake> in_;
};

TEST_F(WebhookProcessor, DispatchesEachTypeToItsHandler) {
  deliver(order_event("n1", "s1", "o1", "AWAITING_SHIPMENT", 100));
  deliver("{\"type\":4,\"tts_notification_id\":\"n2\",\"shop_id\":\"s1\",\"data\":{\"sc_type\":\"SPLIT\","
          "\"role_type\":\"ROLE_SELLER\",\"package_list\":[{\"package_id\":\"p1\",\"order_id_list\":[\"o1\"]}]}}");
  deliver("{\"type\":5,\"tts_notification_id\":\"n3\",\"shop_id\":\"s1\",\"data\":{\"product_id\":576486316948490000}}");
  deliver("{\"type\":6,\"tts_notification_id\":\"n4\",\"shop_id\":\"s1\",\"data\":{\"message\":\"bye\"}}");
  deliver("{\"type\":7,\"tts_notification_id\":\"n5\",\"shop_id\":\"s1\",\"data\":{\"expiration_time\":\"1760000000\"}}");
  deliver("{\"type\":11,\"tts_notification_id\":\"n6\",\"shop_id\":\"s1\",\"data\":{\"order_id\":\"o2\"}}");
  deliver("{\"type\":36,\"tts_notification_id\":\"n7\",\"shop_id\":\"s1\",\"data\":{\"package_id\":\"p9\"}}");
  recording_handlers h;
  auto r = drain(h);
  EXPECT_EQ(r.done, 7u);
  EXPECT_EQ(h.calls, (std::vector<std::string>{"s1 status o1 AWAITING_SHIPMENT 100", "s1 package p1 orders o1 SPLIT",
                                               "s1 product 576486316948490000", "s1 deauthorized",
                                               "s1 expiring 1760000000", "s1 order o2",
                                               "s1 invoice {\"package_id\":\"p9\"}"}));
  EXPECT_EQ(status_of("n1"), "done");
}

TEST_F(WebhookProcessor, ProcessesADuplicateDeliveryOnce) {
  auto body = order_event("dup", "s1", "o1", "AWAITING_SHIPMENT", 100);
  deliver(body);
  deliver(body);
  recording_handlers h;
  drain(h);
  drain(h);
  EXPECT_EQ(h.calls.size(), 1u);
}

TEST_F(WebhookProcessor, DoneEventsAreNotHandledAgainByALaterPass) {
  deliver(order_event("n1", "s1", "o1", "AWAITING_SHIPMENT", 100));
  recording_handlers h;
  EXPECT_EQ(drain(h).done, 1u);
  EXPECT_EQ(drain(h).done, 0u);
  EXPECT_EQ(h.calls.size(), 1u);
}

TEST_F(WebhookProcessor, RetriesAFailedEventOnTheNextPass) {
  deliver(order_event("n1", "s1", "o1", "AWAITING_SHIPMENT", 100));
  recording_handlers h;
  h.failing = {"s1"};
  EXPECT_EQ(drain(h).retrying, 1u);
  EXPECT_EQ(status_of("n1"), "pending");
  h.failing.clear();
  EXPECT_EQ(drain(h).done, 1u);
  EXPECT_EQ(status_of("n1"), "done");
}

TEST_F(WebhookProcessor, HoldsAShopsLaterEventsBehindItsFailedOneButNotOtherShops) {
  deliver(order_event("a1", "s1", "o1", "AWAITING_SHIPMENT", 100));
  deliver(order_event("b1", "s2", "o9", "AWAITING_SHIPMENT", 100));
  deliver(order_event("a2", "s1", "o1", "IN_TRANSIT", 200));
  recording_handlers h;
  h.failing = {"s1"};
  auto r = drain(h);
  EXPECT_EQ(r.retrying, 1u);
  EXPECT_EQ(r.waiting, 1u);
  EXPECT_EQ(r.done, 1u);
  EXPECT_EQ(status_of("a2"), "pending");
  h.failing.clear();
  h.calls.clear();
  drain(h);
  EXPECT_EQ(h.calls, (std::vector<std::string>{"s1 status o1 AWAITING_SHIPMENT 100", "s1 status o1 IN_TRANSIT 200"}));
}

TEST_F(WebhookProcessor, GivesUpAfterMaxAttemptsWithTheLastError) {
  deliver(order_event("n1", "s1", "o1", "AWAITING_SHIPMENT", 100));
  recording_handlers h;
  h.failing = {"s1"};
  drain(h, 2);
  auto r = drain(h, 2);
  EXPECT_EQ(r.failed, 1u);
  auto row = storage::webhook_event_repository(*db_).find("n1");
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->status, "failed");
  EXPECT_EQ((*row)->attempts, 2);
  EXPECT_NE((*row)->last_error.find("platform down"), std::string::npos);
  EXPECT_EQ(drain(h, 2).done + drain(h, 2).retrying, 0u);
}

TEST_F(WebhookProcessor, MarksAnUnusablePayloadFailedAtOnce) {
  deliver("{\"type\":1,\"tts_notification_id\":\"n1\",\"shop_id\":\"s1\",\"data\":{\"order_status\":\"UNPAID\"}}");
  recording_handlers h;
  EXPECT_EQ(drain(h).failed, 1u);
  EXPECT_TRUE(h.calls.empty());
  EXPECT_EQ(status_of("n1"), "failed");
}

TEST_F(WebhookProcessor, UnknownTypesSucceedThroughOnOther) {
  deliver("{\"type\":14,\"tts_notification_id\":\"n1\",\"shop_id\":\"s1\",\"data\":{}}");
  recording_handlers h;
  EXPECT_EQ(drain(h).done, 1u);
  EXPECT_TRUE(h.calls.empty());
}

TEST_F(WebhookProcessor, ANewProcessorPicksUpWhatAnEarlierOneLeftPending) {
  deliver(order_event("n1", "s1", "o1", "AWAITING_SHIPMENT", 100));
  {
    recording_handlers crashed;
    crashed.failing = {"s1"};
    drain(crashed);
  }
  recording_handlers restarted;
  EXPECT_EQ(drain(restarted).done, 1u);
  EXPECT_EQ(restarted.calls.size(), 1u);
}

}  // namespace
}  // namespace kingkung::webhooks

namespace kingkung::webhooks {
namespace {

using namespace webhooks_test;

// Counts order events and signals each one.
class recording_handlers_for_thread final : public event_handlers {
 public:
  result<void> on_order_status_change(const event_context&, const std::string&, const std::string&,
                                      std::int64_t) override {
    {
      std::lock_guard lock(mu);
      ++calls;
    }
    cv.notify_all();
    return {};
  }
  result<void> on_order_change(const event_context&, const std::vector<std::string>&) override { return {}; }
  result<void> on_package_update(const event_context&, const std::vector<std::string>&,
                                 const std::vector<std::string>&, const std::string&) override {
    return {};
  }
  result<void> on_invoice_status_change(const event_context&, std::string_view) override { return {}; }
  result<void> on_product_change(const event_context&, const std::string&) override { return {}; }
  result<void> on_seller_deauthorization(const event_context&) override { return {}; }
  result<void> on_upcoming_authorization_expiration(const event_context&, std::int64_t) override { return {}; }

  std::mutex mu;
  std::condition_variable cv;
  int calls = 0;
};

TEST(WebhookProcessorThread, DrainsWhenWokenAfterAnEventIsStored) {
  auto db = memory_database();
  recording_handlers_for_thread h;
  intake_options o;
  o.app_key = std::string(app_key);
  o.app_secret = secret(std::string(app_secret));
  processor_thread worker(*db, h, {}, std::chrono::hours(1));
  o.on_stored = [&worker] { worker.wake(); };
  intake in(*db, std::move(o));
  auto body = order_event("t1", "s1", "o1", "AWAITING_SHIPMENT", 100);
  ASSERT_EQ(in.handle(body, sign(body)).status, 200u);
  std::unique_lock lock(h.mu);
  ASSERT_TRUE(h.cv.wait_for(lock, std::chrono::seconds(30), [&] { return h.calls > 0; }));
  EXPECT_EQ(h.calls, 1);
}

}  // namespace
}  // namespace kingkung::webhooks
