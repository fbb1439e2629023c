// Findings of the fuzz targets, kept as tests of the behaviour that fixed them (their inputs are also in
// fuzz/corpus, replayed by FuzzCorpusReplay).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <string>

#include "kingkung/webhooks/notification.hpp"

namespace {

using kingkung::webhooks::parse_notification;

// Boost.JSON reads 1e400 as an infinite double and writes it back as Infinity, which is not JSON: such
// data used to be stored for the processor, which could never read it.
TEST(FuzzFindings, WebhookDataWithANumberBeyondDoubleRangeIsRefusedNamingData) {
  const auto parsed = parse_notification(
      R"({"type":1,"tts_notification_id":"7380066284010030899","shop_id":"7495540735365777507",)"
      R"("timestamp":1718305585,"data":{"order_id":"576653688135258178","update_time":1e400}})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.err().message.find("\"data.update_time\": expected a number within a double's range"),
            std::string::npos)
      << parsed.err().message;
}

TEST(FuzzFindings, WebhookDataWithLargeButFiniteNumbersIsKeptAsJson) {
  const auto parsed = parse_notification(
      R"({"type":5,"shop_id":"7495540735365777507","data":{"product_id":576486316948490000,"ratio":1e300}})");
  ASSERT_TRUE(parsed.ok()) << parsed.err().message;
  boost::json::error_code ec;
  const auto data = boost::json::parse(parsed->data_json, ec);
  ASSERT_FALSE(ec) << parsed->data_json;
  EXPECT_EQ(data.at("product_id").to_number<std::uint64_t>(), 576486316948490000u);
}

}  // namespace
