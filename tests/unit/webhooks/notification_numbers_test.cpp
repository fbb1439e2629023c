// A webhook whose data holds a number beyond a double's range (1e400) is refused with the path of that
// number, since it could not be kept as JSON text; large but finite numbers are kept.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "kingkung/webhooks/notification.hpp"

namespace kingkung::webhooks {
namespace {

std::string with_data(std::string_view data_json) {
  return std::string(
             R"({"type":1,"tts_notification_id":"7380066284010030899","shop_id":"7495540735365777507",)") +
         R"("timestamp":1718305585,"data":)" + std::string(data_json) + "}";
}

TEST(WebhookNotificationNumbers, AnOutOfRangeMemberIsRefusedNamingItsPath) {
  auto n = parse_notification(with_data(R"({"order_id":"576653688135258178","order_amount":1e400})"));
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(n.err().message,
            "webhook notification: \"data.order_amount\": expected a number within a double's range, found a "
            "number out of range");
}

TEST(WebhookNotificationNumbers, ThePathReachesIntoArraysAndNestedObjects) {
  auto n = parse_notification(
      with_data(R"({"order_id":"5766","line_items":[{"price":"10.00"},{"sku":{"weight":-1e999}}]})"));
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.err().message.find("\"data.line_items[1].sku.weight\": expected a number within"),
            std::string::npos)
      << n.err().message;
}

TEST(WebhookNotificationNumbers, LargeFiniteNumbersAreKeptAsReadableJson) {
  auto n = parse_notification(with_data(R"({"order_id":"5766","ratio":1.5e308,"tiny":-4e-320})"));
  ASSERT_TRUE(n.ok()) << n.err().message;
  boost::json::error_code ec;
  auto data = boost::json::parse(n->data_json, ec);
  ASSERT_FALSE(ec) << n->data_json;
  EXPECT_EQ(data.at("ratio").as_double(), 1.5e308);
}

}  // namespace
}  // namespace kingkung::webhooks
