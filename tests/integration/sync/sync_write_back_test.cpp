// The write-back queue against the simulator: retries after 429, permanent refusals with their code,
// unknown outcomes checked before anything is re-sent, and idempotency keys.
#include <gtest/gtest.h>

#include "kingkung/storage/write_back_repository.hpp"
#include "sync_test_support.hpp"

namespace kingkung::sync_test {
namespace {

using storage::write_back_status;
using tiktok_sim_test::start_unix;
using tiktok_sim_test::us_shop_id;

class SyncWriteBack : public sync_test {
 protected:
  void SetUp() override {
    sync_test::SetUp();
    if (HasFatalFailure()) return;
    start();
    shop_ = link(us_shop_id);
    queue_ = std::make_unique<sync::write_back_queue>(db(), settings_, clock_);
  }

  // A new order's package, ready to ship.
  std::string fresh_package() {
    auto id = env().create_orders(us_shop_id, 1, "single").front();
    auto orders = tiktok::get_order_detail(*env().api, shop_.shop, {id});
    EXPECT_TRUE(orders.ok() && orders->size() == 1);
    return orders->front().package_ids.front();
  }
  static std::string ship_payload(const std::string& package_id) {
    return R"({"package_id":")" + package_id + R"(","handover_method":"DROP_OFF"})";
  }
  storage::write_back_item item(std::int64_t id) {
    auto got = storage::write_back_repository(db()).get(id);
    EXPECT_TRUE(got.ok() && got.value());
    return got.ok() && got.value() ? **got : storage::write_back_item{};
  }
  std::string package_status(const std::string& package_id) {
    auto p = tiktok::get_package_detail(*env().api, shop_.shop, package_id);
    EXPECT_TRUE(p.ok());
    return p.ok() ? p->status : std::string();
  }

  std::shared_ptr<manual_clock> clock_ = std::make_shared<manual_clock>(start_unix);
  sync::shop_link shop_;
  std::unique_ptr<sync::write_back_queue> queue_;
};

TEST_P(SyncWriteBack, AShipThatMeetsA429IsRetriedLaterAndLandsOnce) {
  auto package = fresh_package();
  auto queued =
      queue_->enqueue(us_shop_id, sync::write_back_kind::ship, ship_payload(package), "ship-" + package);
  ASSERT_TRUE(queued.ok()) << queued.err().message;
  faults().add({"POST", "/fulfillment/", 0, 1, fault_kind::rate_limited});

  auto first = queue_->drain(shop_);
  EXPECT_TRUE(first.throttled);
  auto waiting = item(queued->id);
  EXPECT_EQ(waiting.status, write_back_status::pending);
  EXPECT_EQ(waiting.error_code, 36009002);
  EXPECT_GT(waiting.next_attempt_at, clock_->unix_now());

  EXPECT_EQ(queue_->drain(shop_).attempted, 0u) << "not before next_attempt_at";
  clock_->advance(waiting.next_attempt_at - clock_->unix_now());
  auto second = queue_->drain(shop_);
  EXPECT_EQ(second.succeeded, 1u);

  auto done = item(queued->id);
  EXPECT_EQ(done.status, write_back_status::succeeded);
  EXPECT_EQ(done.attempts, 2);
  EXPECT_FALSE(done.request_id.empty());
  EXPECT_EQ(faults().count("POST", "/fulfillment/202309/packages/" + package + "/ship", 200), 1u);
  EXPECT_EQ(package_status(package), "FULFILLING");
}

TEST_P(SyncWriteBack, APermanentRefusalIsMarkedFailedWithThePlatformsCode) {
  auto package = fresh_package();
  tiktok::ship_package_request ship;
  ship.handover_method = "DROP_OFF";
  ASSERT_EQ(tiktok_sim_test::first_code(tiktok::ship_package(*env().api, shop_.shop, package, ship)), 0);

  auto queued = queue_->enqueue(us_shop_id, sync::write_back_kind::ship, ship_payload(package), "ship-again");
  ASSERT_TRUE(queued.ok());
  auto report = queue_->drain(shop_);
  EXPECT_EQ(report.failed, 1u);
  auto refused = item(queued->id);
  EXPECT_EQ(refused.status, write_back_status::failed);
  EXPECT_EQ(refused.error_code, 21011040);
  EXPECT_NE(refused.last_error.find("21011040"), std::string::npos) << refused.last_error;
  EXPECT_GT(refused.finished_at, 0);
  clock_->advance(3600);
  EXPECT_EQ(queue_->drain(shop_).attempted, 0u) << "a refused item is not sent again";
}

TEST_P(SyncWriteBack, AShipWhoseAnswerWasLostIsCheckedAgainstThePackageNotSentAgain) {
  auto package = fresh_package();
  auto queued = queue_->enqueue(us_shop_id, sync::write_back_kind::ship, ship_payload(package), "ship-lost");
  ASSERT_TRUE(queued.ok());
  faults().add({"POST", "/fulfillment/", 0, 1, fault_kind::lost_answer});

  queue_->drain(shop_);
  auto uncertain = item(queued->id);
  EXPECT_EQ(uncertain.status, write_back_status::in_flight);

  clock_->advance(3600);
  auto report = queue_->drain(shop_);
  EXPECT_EQ(report.succeeded, 1u);
  EXPECT_EQ(item(queued->id).status, write_back_status::succeeded);
  EXPECT_EQ(faults().count("POST", "/fulfillment/202309/packages/" + package + "/ship"), 1u)
      << "the platform had shipped it: no second ship";
}

TEST_P(SyncWriteBack, AShipThatTimedOutBeforeReachingThePlatformIsSentAfterTheCheck) {
  auto package = fresh_package();
  auto queued =
      queue_->enqueue(us_shop_id, sync::write_back_kind::ship, ship_payload(package), "ship-timeout");
  ASSERT_TRUE(queued.ok());
  faults().add({"POST", "/fulfillment/", 0, 1, fault_kind::timeout});
  queue_->drain(shop_);
  ASSERT_EQ(item(queued->id).status, write_back_status::in_flight);

  clock_->advance(3600);
  EXPECT_EQ(queue_->drain(shop_).succeeded, 1u);
  EXPECT_EQ(package_status(package), "FULFILLING");
}

TEST_P(SyncWriteBack, ASplitWhoseOutcomeIsUnknownIsLeftForTheSellerToCheck) {
  auto queued = queue_->enqueue(
      us_shop_id, sync::write_back_kind::split,
      R"({"order_id":"1","splittable_groups":[{"id":"g1","order_line_item_ids":["a"]},{"id":"g2","order_line_item_ids":["b"]}]})",
      "split-1");
  ASSERT_TRUE(queued.ok());
  faults().add({"POST", "/fulfillment/", 0, 1, fault_kind::lost_answer});
  auto report = queue_->drain(shop_);
  EXPECT_EQ(report.unknown, 1u);
  auto left = item(queued->id);
  EXPECT_EQ(left.status, write_back_status::unknown);
  EXPECT_NE(left.last_error.find("check"), std::string::npos) << left.last_error;
  clock_->advance(3600);
  EXPECT_EQ(queue_->drain(shop_).attempted, 0u);
}

TEST_P(SyncWriteBack, AnItemLeftInFlightByADeadWorkerIsCheckedBeforeAnyResend) {
  auto package = fresh_package();
  auto queued = queue_->enqueue(us_shop_id, sync::write_back_kind::ship, ship_payload(package), "ship-crash");
  ASSERT_TRUE(queued.ok());
  // The worker claimed it and sent it, then died before recording the answer.
  ASSERT_TRUE(*storage::write_back_repository(db()).claim(queued->id, clock_->unix_now()));
  tiktok::ship_package_request ship;
  ship.handover_method = "DROP_OFF";
  ASSERT_EQ(tiktok_sim_test::first_code(tiktok::ship_package(*env().api, shop_.shop, package, ship)), 0);
  auto shipped_before = faults().count("POST", "/fulfillment/202309/packages/" + package + "/ship");

  EXPECT_EQ(queue_->drain(shop_).succeeded, 1u);
  EXPECT_EQ(item(queued->id).status, write_back_status::succeeded);
  EXPECT_EQ(faults().count("POST", "/fulfillment/202309/packages/" + package + "/ship"), shipped_before);
}

TEST_P(SyncWriteBack, RetryableFailuresGiveUpAfterTheConfiguredAttempts) {
  settings_.write_back_max_attempts = 2;
  queue_ = std::make_unique<sync::write_back_queue>(db(), settings_, clock_);
  auto package = fresh_package();
  auto queued = queue_->enqueue(us_shop_id, sync::write_back_kind::ship, ship_payload(package), "ship-503");
  ASSERT_TRUE(queued.ok());
  faults().add({"POST", "/fulfillment/", 0, 5, fault_kind::server_error});
  queue_->drain(shop_);
  clock_->advance(3600);
  queue_->drain(shop_);
  auto gave_up = item(queued->id);
  EXPECT_EQ(gave_up.status, write_back_status::failed);
  EXPECT_EQ(gave_up.attempts, 2);
  EXPECT_EQ(gave_up.error_code, 36009003);
}

TEST_P(SyncWriteBack, AnInventoryUpdateLandsOnThePlatform) {
  auto products = tiktok::search_all_products(*env().api, shop_.shop, {});
  ASSERT_TRUE(products.ok());
  const domain::product* active = nullptr;
  for (const auto& p : *products)
    if (p.status == "ACTIVATE" && p.skus.size() == 1 && p.skus.front().inventory.size() == 2) active = &p;
  ASSERT_NE(active, nullptr);
  const auto& sku = active->skus.front();
  std::string payload = R"({"product_id":")" + active->id + R"(","skus":[{"id":")" + sku.id +
                        R"(","inventory":[{"warehouse_id":")" + sku.inventory[0].warehouse_id +
                        R"(","quantity":321},{"warehouse_id":")" + sku.inventory[1].warehouse_id +
                        R"(","quantity":7}]}]})";
  auto queued = queue_->enqueue(us_shop_id, sync::write_back_kind::inventory, payload, "stock-1");
  ASSERT_TRUE(queued.ok()) << queued.err().message;
  EXPECT_EQ(queue_->drain(shop_).succeeded, 1u) << item(queued->id).last_error;
  auto after = tiktok::get_product(*env().api, shop_.shop, active->id);
  ASSERT_TRUE(after.ok());
  std::int64_t total = 0;
  for (const auto& level : after->skus.front().inventory) total += level.quantity;
  EXPECT_EQ(total, 328);
}

TEST_P(SyncWriteBack, TheSameIdempotencyKeyGivesTheSameItem) {
  auto first = queue_->enqueue(us_shop_id, sync::write_back_kind::ship, ship_payload("1"), "key-1");
  auto again = queue_->enqueue(us_shop_id, sync::write_back_kind::ship, ship_payload("2"), "key-1");
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->id, again->id);
  EXPECT_EQ(again->payload, ship_payload("1"));
  auto items = queue_->items(us_shop_id);
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(items->size(), 1u);
}

TEST_P(SyncWriteBack, AnInvalidPayloadIsRefusedSayingWhatIsWrong) {
  auto refused =
      queue_->enqueue(us_shop_id, sync::write_back_kind::price,
                      R"({"product_id":"1","skus":[{"id":"s","currency":"USD","amount":12.5}]})", "price-1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(refused.err().message.find("payload.skus[0].amount"), std::string::npos) << refused.err().message;
  EXPECT_TRUE(queue_->items(us_shop_id)->empty());
}

TEST_P(SyncWriteBack, AnItemForAnUnknownShopIsRefused) {
  auto refused = queue_->enqueue("999", sync::write_back_kind::ship, ship_payload("1"), "k");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.err().code, plugin::errc::not_found);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(SyncWriteBack);

}  // namespace
}  // namespace kingkung::sync_test
