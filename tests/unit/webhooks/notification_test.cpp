#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "kingkung/webhooks/notification.hpp"

namespace kingkung::webhooks {
namespace {

TEST(WebhookNotification, ReadsTheEnvelope) {
  auto n = parse_notification(
      "{\"type\":36,\"tts_notification_id\":\"abc\",\"shop_id\":\"7496\",\"timestamp\":1718305585,"
      "\"data\":{\"package_id\":\"p1\",\"invoice_status\":\"SUCCESS\"}}");
  ASSERT_TRUE(n.ok()) << n.err().message;
  EXPECT_EQ(n->type, 36);
  EXPECT_EQ(n->notification_id, "abc");
  EXPECT_EQ(n->shop_id, "7496");
  EXPECT_EQ(n->timestamp, 1718305585);
  EXPECT_EQ(boost::json::parse(n->data_json).at("invoice_status").as_string(), "SUCCESS");
}

TEST(WebhookNotification, KeepsNumericIdsExactAsText) {
  auto n = parse_notification(
      "{\"type\":5,\"tts_notification_id\":\"x\",\"shop_id\":7495540735365777507,"
      "\"data\":{\"product_id\":576486316948490000}}");
  ASSERT_TRUE(n.ok()) << n.err().message;
  EXPECT_EQ(n->shop_id, "7495540735365777507");
  EXPECT_NE(n->data_json.find("576486316948490000"), std::string::npos) << n->data_json;
}

TEST(WebhookNotification, DerivesAStableIdWhenThePlatformSentNone) {
  std::string body = "{\"type\":3,\"shop_id\":\"1\",\"data\":{\"order_id\":\"9\",\"update_time\":5}}";
  auto a = parse_notification(body);
  auto b = parse_notification(body);
  auto other = parse_notification("{\"type\":3,\"shop_id\":\"1\",\"data\":{\"order_id\":\"8\"}}");
  ASSERT_TRUE(a.ok() && b.ok() && other.ok());
  EXPECT_EQ(a->notification_id, b->notification_id);
  EXPECT_NE(a->notification_id, other->notification_id);
  EXPECT_LE(a->notification_id.size(), 64u);
}

TEST(WebhookNotification, MissingTypeIsAnErrorNamingIt) {
  auto n = parse_notification("{\"shop_id\":\"1\"}");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(n.err().message.find("\"type\" is missing"), std::string::npos) << n.err().message;
}

TEST(WebhookNotification, TypeAsTextIsAnErrorSayingWhatWasFound) {
  auto n = parse_notification("{\"type\":\"1\",\"shop_id\":\"1\"}");
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.err().message.find("found a string"), std::string::npos) << n.err().message;
}

TEST(WebhookNotification, DataThatIsNotAnObjectIsAnError) {
  EXPECT_FALSE(parse_notification("{\"type\":1,\"shop_id\":\"1\",\"data\":[1]}").ok());
}

TEST(WebhookNotification, ErrorsNeverQuoteTheBody) {
  auto n = parse_notification("{\"type\":1,\"shop_id\":\"\",\"data\":{\"name\":\"Maria Buyer\"}}");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.err().message.find("Maria"), std::string::npos);
}

TEST(WebhookNotification, NamesKnownTypes) {
  EXPECT_EQ(type_name(6), "SELLER_DEAUTHORIZATION");
  EXPECT_EQ(type_name(36), "INVOICE_STATUS_CHANGE");
  EXPECT_EQ(type_name(999), "");
}

}  // namespace
}  // namespace kingkung::webhooks
