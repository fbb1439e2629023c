// A refused webhook delivery is answered in the API's one error shape, {"error":{"code","message","field"}}:
// the platform only looks at the status code, people and tools reading the answer see one shape.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <string>

#include "kingkung/webhooks/intake.hpp"
#include "webhook_test_support.hpp"

namespace kingkung::webhooks {
namespace {

using namespace webhooks_test;
namespace json = boost::json;

class WebhookIntakeErrorShape : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = memory_database();
    intake_options o;
    o.app_key = std::string(app_key);
    o.app_secret = secret(std::string(app_secret));
    o.max_body_bytes = 4096;
    in_ = std::make_unique<intake>(*db_, std::move(o));
  }

  // The "error" object of a refusal; fails the test when the body has another shape.
  static json::object error_of(const intake_outcome& out) {
    auto root = json::parse(out.body).as_object();
    EXPECT_EQ(root.size(), 1u) << out.body;
    auto error = root.at("error").as_object();
    EXPECT_EQ(error.size(), 3u) << out.body;
    EXPECT_TRUE(error.at("code").is_string()) << out.body;
    EXPECT_TRUE(error.at("message").is_string()) << out.body;
    EXPECT_TRUE(error.contains("field")) << out.body;
    return error;
  }

  std::unique_ptr<storage::database> db_;
  std::unique_ptr<intake> in_;
};

TEST_F(WebhookIntakeErrorShape, AMissingSignatureIsUnauthenticatedWithNoField) {
  const std::string body = order_event("n-1", "7495540735365777507", "576653688135258178", "UNPAID", 1718305585);
  auto error = error_of(in_->handle(body, std::nullopt));
  EXPECT_EQ(error.at("code"), "unauthenticated");
  EXPECT_TRUE(error.at("field").is_null());
}

TEST_F(WebhookIntakeErrorShape, AWrongSignatureIsUnauthenticated) {
  const std::string body = order_event("n-2", "7495540735365777507", "576653688135258178", "UNPAID", 1718305585);
  auto error = error_of(in_->handle(body, sign(body, app_key, "not-the-secret")));
  EXPECT_EQ(error.at("code"), "unauthenticated");
  EXPECT_EQ(error.at("message"), "the signature does not match");
}

TEST_F(WebhookIntakeErrorShape, AnEnvelopeErrorNamesTheFieldAtFault) {
  const std::string body = R"({"type":1,"tts_notification_id":"n-3","data":{}})";
  auto error = error_of(in_->handle(body, sign(body)));
  EXPECT_EQ(error.at("code"), "malformed");
  EXPECT_EQ(error.at("field"), "shop_id");
}

TEST_F(WebhookIntakeErrorShape, AWrongTypeOfAFieldNamesThatField) {
  const std::string body = R"({"type":1,"shop_id":"1","timestamp":true,"data":{}})";
  auto error = error_of(in_->handle(body, sign(body)));
  EXPECT_EQ(error.at("field"), "timestamp");
}

TEST_F(WebhookIntakeErrorShape, ABodyThatIsNotJsonHasNoField) {
  const std::string body = R"({"type":1,"shop_id":)";
  auto error = error_of(in_->handle(body, sign(body)));
  EXPECT_EQ(error.at("code"), "malformed");
  EXPECT_TRUE(error.at("field").is_null());
}

TEST_F(WebhookIntakeErrorShape, ATooLargeBodyIsRefusedInTheSameShape) {
  auto error = error_of(in_->handle(std::string(5000, ' '), std::nullopt));
  EXPECT_EQ(error.at("code"), "too_large");
  EXPECT_TRUE(error.at("field").is_null());
}

TEST_F(WebhookIntakeErrorShape, AcknowledgementsKeepTheirStatusShape) {
  const std::string body = order_event("n-4", "7495540735365777507", "576653688135258178", "UNPAID", 1718305585);
  EXPECT_EQ(json::parse(in_->handle(body, sign(body)).body), json::parse(R"({"status":"stored"})"));
  EXPECT_EQ(json::parse(in_->handle(body, sign(body)).body), json::parse(R"({"status":"duplicate"})"));
}

}  // namespace
}  // namespace kingkung::webhooks
