// Error classes from HTTP status and envelope code, the envelope itself, and per-item failures.
#include <gtest/gtest.h>

#include "kingkung/tiktok/envelope.hpp"
#include "kingkung/tiktok/errors.hpp"
#include "tiktok_fakes.hpp"

namespace kingkung::tiktok {
namespace {

struct class_case {
  int http_status;
  std::int64_t code;
  const char* message;
  error_class expected;
};

class TiktokErrorClass : public ::testing::TestWithParam<class_case> {};

TEST_P(TiktokErrorClass, MapsStatusAndCodeToClass) {
  const auto& c = GetParam();
  EXPECT_EQ(to_string(classify(c.http_status, c.code, c.message)), to_string(c.expected))
      << "HTTP " << c.http_status << " code " << c.code << " \"" << c.message << "\"";
}

INSTANTIATE_TEST_SUITE_P(
    TiktokErrorTable, TiktokErrorClass,
    ::testing::Values(
        class_case{429, 36009002, "Too many requests.", error_class::rate_limited},
        class_case{429, 0, "", error_class::rate_limited},
        class_case{200, 36009002, "Too many requests.", error_class::rate_limited},
        class_case{503, 0, "", error_class::retryable},
        class_case{200, 36009003, "Internal error. Please try again", error_class::retryable},
        class_case{200, 36009007, "Request timeout.", error_class::retryable},
        class_case{200, 10002014, "Failed to get orders", error_class::retryable},
        class_case{200, 105002, "Expired credentials.", error_class::token_expired},
        class_case{200, 36009004, "Invalid credentials. The x-tts-access-token header is invalid.",
                   error_class::unauthenticated},
        class_case{200, 36009004, "Invalid credentials. The access_token header is invalid.",
                   error_class::unauthenticated},
        class_case{200, 101000, "Invalid query or header", error_class::unauthenticated},
        class_case{200, 105005, "Access denied: missing access scope", error_class::permission},
        class_case{200, 10006402, "permission denied", error_class::permission},
        class_case{200, 106001, "Invalid credentials. The sign query parameter is invalid.",
                   error_class::signature},
        class_case{200, 36009004,
                   "Missing credentials. The request does not include a required signature in the query.",
                   error_class::signature},
        class_case{400, 36009004, "Invalid credentials. Invalid app_key query parameter.",
                   error_class::signature},
        class_case{
            200, 36009004,
            "Invalid timestamp. The timestamp must not be earlier than 5 minutes before the current time",
            error_class::bad_request},
        class_case{200, 36009004,
                   "Unexpected identifier. The shop_cipher query parameter is not required for this request.",
                   error_class::bad_request},
        class_case{404, 36009009, "Invalid path.", error_class::bad_request},
        class_case{200, 21011005, "Invalid parameters", error_class::bad_request},
        class_case{200, 106013, "Missing identifier.", error_class::bad_request}));

TEST(TiktokErrors, TransportUnavailableIsRetryable) {
  EXPECT_EQ(classify(plugin::errc::unavailable), error_class::retryable);
}

TEST(TiktokErrors, TransportTimeoutAndMaybeDeliveredAreIndeterminate) {
  EXPECT_EQ(classify(plugin::errc::timeout), error_class::indeterminate);
  EXPECT_EQ(classify(plugin::errc::maybe_delivered), error_class::indeterminate);
}

TEST(TiktokErrors, TlsFailureIsATransportError) {
  EXPECT_EQ(classify(plugin::errc::tls_error), error_class::transport);
}

TEST(TiktokErrors, ToStringNamesOperationClassCodeStatusAndRequestId) {
  api_error e;
  e.kind = error_class::bad_request;
  e.code = 21011005;
  e.message = "Invalid parameters";
  e.request_id = "R1";
  e.http_status = 200;
  e.operation = "POST /fulfillment/202309/orders/1/split";
  EXPECT_EQ(e.to_string(),
            "POST /fulfillment/202309/orders/1/split: bad_request (code 21011005, HTTP 200, request_id R1): "
            "Invalid parameters");
}

TEST(TiktokErrors, BusinessErrorCrossesThePluginBoundaryAsRejectedWithCode) {
  api_error e;
  e.kind = error_class::bad_request;
  e.code = 21004024;
  e.message = "Platform limitation, please split the order first";
  auto p = e.to_plugin_error();
  EXPECT_EQ(p.code, plugin::errc::rejected);
  EXPECT_EQ(p.message.rfind("code 21004024: Platform limitation", 0), 0u) << p.message;
}

TEST(TiktokErrors, RateLimitCrossesThePluginBoundaryAsRateLimited) {
  api_error e;
  e.kind = error_class::rate_limited;
  e.code = 36009002;
  EXPECT_EQ(e.to_plugin_error().code, plugin::errc::rate_limited);
}

TEST(TiktokEnvelope, SuccessKeepsRequestIdAndData) {
  auto env = parse_envelope(200, R"({"code":0,"message":"Success","request_id":"RID","data":{"a":1}})");
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->request_id, "RID");
  EXPECT_EQ(env->data_json, R"({"a":1})");
}

TEST(TiktokEnvelope, NonZeroCodeBecomesAnErrorWithEveryDetail) {
  auto env = parse_envelope(200, testing::error_body(21011035, "split order not allowed", "RID9"));
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.err().kind, error_class::bad_request);
  EXPECT_EQ(env.err().code, 21011035);
  EXPECT_EQ(env.err().message, "split order not allowed");
  EXPECT_EQ(env.err().request_id, "RID9");
  EXPECT_EQ(env.err().http_status, 200);
}

TEST(TiktokEnvelope, HtmlErrorPageKeepsTheStatusClass) {
  auto env = parse_envelope(503, "<html><body>Service Unavailable</body></html>");
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.err().kind, error_class::retryable);
  EXPECT_NE(env.err().message.find("not JSON"), std::string::npos);
}

TEST(TiktokEnvelope, NonJsonSuccessIsAnInvalidResponse) {
  auto env = parse_envelope(200, "OK");
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.err().kind, error_class::invalid_response);
}

TEST(TiktokEnvelope, MissingCodeIsAnInvalidResponse) {
  auto env = parse_envelope(200, R"({"message":"Success","data":{}})");
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.err().kind, error_class::invalid_response);
  EXPECT_NE(env.err().message.find("code: missing"), std::string::npos) << env.err().message;
}

TEST(TiktokPartialFailure, InventoryErrorsCarrySkuAndWarehouseDetails) {
  auto env = parse_envelope(200, testing::read_fixture("update_inventory_partial.json"));
  ASSERT_TRUE(env.ok());
  auto errors = parse_item_errors(env->data_json);
  ASSERT_TRUE(errors.ok()) << errors.err().message;
  ASSERT_EQ(errors->size(), 1u);
  const auto& e = errors->front();
  EXPECT_EQ(e.code, 12052990);
  EXPECT_EQ(e.id("sku_id"), "1729384756123456790");
  ASSERT_EQ(e.warehouse_errors.size(), 1u);
  EXPECT_EQ(e.warehouse_errors[0].warehouse_id, "7291846622100393799");
  EXPECT_EQ(e.warehouse_errors[0].code, 12052097);
}

TEST(TiktokPartialFailure, InvoiceErrorsCarryPackageAndEveryOrderId) {
  auto env = parse_envelope(200, testing::read_fixture("invoice_upload_partial.json"));
  ASSERT_TRUE(env.ok());
  auto errors = parse_item_errors(env->data_json);
  ASSERT_TRUE(errors.ok());
  ASSERT_EQ(errors->size(), 1u);
  EXPECT_EQ(errors->front().id("package_id"), "1154526713418370001");
  EXPECT_EQ(errors->front().ids("order_ids"),
            (std::vector<std::string>{"579381624750500001", "579381624750500002"}));
}

TEST(TiktokPartialFailure, NumericPackageIdInDetailIsKeptExactly) {
  auto env = parse_envelope(200, testing::read_fixture("batch_ship_partial.json"));
  ASSERT_TRUE(env.ok());
  auto errors = parse_item_errors(env->data_json);
  ASSERT_TRUE(errors.ok());
  ASSERT_EQ(errors->size(), 2u);
  EXPECT_EQ((*errors)[1].id("package_id"), "1154526713418354793");
}

TEST(TiktokPartialFailure, EmptyDataHasNoErrors) {
  auto errors = parse_item_errors("{}");
  ASSERT_TRUE(errors.ok());
  EXPECT_TRUE(errors->empty());
}

}  // namespace
}  // namespace kingkung::tiktok
