#include <gtest/gtest.h>

#include <cctype>
#include <mutex>
#include <string>
#include <vector>

#include "kingkung/http/message.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/webhook_event_repository.hpp"
#include "kingkung/webhooks/intake.hpp"
#include "webhook_test_support.hpp"

namespace kingkung::webhooks {
namespace {

using namespace webhooks_test;

class WebhookIntake : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = memory_database();
    intake_options o;
    o.app_key = std::string(app_key);
    o.app_secret = secret(std::string(app_secret));
    o.max_body_bytes = 4096;
    o.on_stored = [this] { ++stored_calls_; };
    in_ = std::make_unique<intake>(*db_, std::move(o));
  }

  long long events() { return count_rows(*db_, "webhook_events"); }

  std::unique_ptr<storage::database> db_;
  std::unique_ptr<intake> in_;
  int stored_calls_ = 0;
  const std::string body_ = order_event("7380066284010030890", "7495540735365777507", "576653688135258178",
                                        "UNPAID", 1718305585);
};

TEST(WebhookSignature, MatchesThePlatformsPublishedVector) {
  const std::string body =
      "{\"type\":1,\"tts_notification_id\":\"7380066284010030890\",\"shop_id\":\"7495540735365777507\","
      "\"timestamp\":1718305585,\"data\":{\"is_on_hold_order\":true,\"order_id\":\"576653688135258178\","
      "\"order_status\":\"UNPAID\",\"update_time\":1718305585}}";
  EXPECT_TRUE(signature_matches("abcdef", secret("123"), body,
                                "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05"));
}

TEST(WebhookSignature, IgnoresLetterCaseOfTheHexDigits) {
  std::string sig = sign("{}");
  for (auto& c : sig) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(signature_matches(app_key, secret(std::string(app_secret)), "{}", sig));
}

TEST(WebhookSignature, RefusesABearerPrefix) {
  EXPECT_FALSE(signature_matches(app_key, secret(std::string(app_secret)), "{}", "Bearer " + sign("{}")));
}

TEST_F(WebhookIntake, StoresASignedEventAndAnswers200) {
  auto out = in_->handle(body_, sign(body_));
  EXPECT_EQ(out.status, 200u);
  EXPECT_EQ(out.result, intake_result::stored);
  auto row = storage::webhook_event_repository(*db_).find("7380066284010030890");
  ASSERT_TRUE(row.ok());
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->type, 1);
  EXPECT_EQ((*row)->shop_id, "7495540735365777507");
  EXPECT_EQ((*row)->raw_body, body_);
  EXPECT_EQ((*row)->status, "pending");
  EXPECT_EQ(stored_calls_, 1);
}

TEST_F(WebhookIntake, MissingSignatureGets401AndWritesNothing) {
  auto out = in_->handle(body_, std::nullopt);
  EXPECT_EQ(out.status, 401u);
  EXPECT_EQ(events(), 0);
  EXPECT_EQ(stored_calls_, 0);
}

TEST_F(WebhookIntake, EmptyAuthorizationHeaderGets401) {
  EXPECT_EQ(in_->handle(body_, "  ").status, 401u);
  EXPECT_EQ(events(), 0);
}

TEST_F(WebhookIntake, ForgedSignatureGets401AndWritesNothing) {
  auto out = in_->handle(body_, sign(body_, app_key, "not-the-app-secret"));
  EXPECT_EQ(out.status, 401u);
  EXPECT_EQ(out.result, intake_result::unauthenticated);
  EXPECT_EQ(events(), 0);
}

TEST_F(WebhookIntake, SignatureOverAnotherAppKeyGets401) {
  EXPECT_EQ(in_->handle(body_, sign(body_, "other-app-key")).status, 401u);
  EXPECT_EQ(events(), 0);
}

TEST_F(WebhookIntake, SignatureOfTheBodyAloneWithoutAppKeyGets401) {
  EXPECT_EQ(in_->handle(body_, tiktok::hmac_sha256_hex(app_secret, body_)).status, 401u);
  EXPECT_EQ(events(), 0);
}

TEST_F(WebhookIntake, BodyChangedByOneByteAfterSigningGets401) {
  std::string sig = sign(body_);
  std::string changed = body_;
  changed[changed.find("UNPAID")] = 'V';
  EXPECT_EQ(in_->handle(changed, sig).status, 401u);
  EXPECT_EQ(events(), 0);
}

TEST_F(WebhookIntake, OversizedBodyGets413EvenWithAValidSignature) {
  std::string big = body_;
  big.insert(big.size() - 1, ",\"pad\":\"" + std::string(5000, 'x') + "\"");
  auto out = in_->handle(big, sign(big));
  EXPECT_EQ(out.status, 413u);
  EXPECT_EQ(out.result, intake_result::too_large);
  EXPECT_EQ(events(), 0);
}

TEST_F(WebhookIntake, OversizedBodyGets413BeforeTheSignatureIsLookedAt) {
  EXPECT_EQ(in_->handle(std::string(5000, '{'), std::nullopt).status, 413u);
}

TEST_F(WebhookIntake, MalformedJsonWithAValidSignatureGets400AndIsStoredNowhere) {
  std::string bad = "{\"type\":1,\"shop_id\":";
  auto out = in_->handle(bad, sign(bad));
  EXPECT_EQ(out.status, 400u);
  EXPECT_EQ(out.result, intake_result::malformed);
  EXPECT_EQ(events(), 0);
}

TEST_F(WebhookIntake, SignedEnvelopeWithoutShopIdGets400NamingTheField) {
  std::string bad = "{\"type\":1,\"tts_notification_id\":\"n1\",\"data\":{}}";
  auto out = in_->handle(bad, sign(bad));
  EXPECT_EQ(out.status, 400u);
  EXPECT_NE(out.body.find("shop_id"), std::string::npos) << out.body;
  EXPECT_EQ(events(), 0);
}

TEST_F(WebhookIntake, DuplicateNotificationIsAcknowledgedAndStoredOnce) {
  EXPECT_EQ(in_->handle(body_, sign(body_)).result, intake_result::stored);
  auto again = in_->handle(body_, sign(body_));
  EXPECT_EQ(again.status, 200u);
  EXPECT_EQ(again.result, intake_result::duplicate);
  EXPECT_EQ(events(), 1);
  EXPECT_EQ(stored_calls_, 1);
}

TEST_F(WebhookIntake, RejectionLogsNeverContainTheBody) {
  std::vector<std::string> lines;
  std::mutex mu;
  log::set_sink([&](std::string_view line) {
    std::lock_guard lock(mu);
    lines.emplace_back(line);
  });
  const std::string marker = "buyer-secret-address-9931";
  std::string body = "{\"type\":3,\"shop_id\":\"1\",\"data\":{\"order_id\":\"" + marker + "\"}}";
  (void)in_->handle(body, std::nullopt);
  (void)in_->handle(body, sign(body, app_key, "wrong"));
  std::string bad = "{\"x\":\"" + marker + "\"";
  (void)in_->handle(bad, sign(bad));
  log::set_sink(nullptr);
  ASSERT_FALSE(lines.empty());
  for (const auto& l : lines) EXPECT_EQ(l.find(marker), std::string::npos) << l;
}

TEST_F(WebhookIntake, HttpHandlerAnswersWithTheOutcomeStatusAsJson) {
  std::shared_ptr<const intake> shared(in_.get(), [](const intake*) {});
  auto handler = make_http_handler(shared);
  http::request req;
  req.method = "POST";
  req.path = "/webhooks/tiktok";
  req.body = body_;
  EXPECT_EQ(handler(req).status, 401u);
  req.headers.set("Authorization", sign(body_));
  auto res = handler(req);
  EXPECT_EQ(res.status, 200u);
  EXPECT_NE(res.content_type.find("json"), std::string::npos);
  EXPECT_EQ(events(), 1);
}

TEST(WebhookIntakeOptions, RefuseAnEmptyAppSecret) {
  auto db = memory_database();
  intake_options o;
  o.app_key = "k";
  EXPECT_THROW((void)intake(*db, std::move(o)), std::invalid_argument);
}

}  // namespace
}  // namespace kingkung::webhooks
