// Signing per the platform's algorithm, checked against the published vectors.
#include <gtest/gtest.h>

#include "kingkung/tiktok/signature.hpp"

namespace kingkung::tiktok {
namespace {

TEST(TiktokSign, OfficialWorkedExampleV1) {
  std::vector<query_param> query{{"timestamp", "1623812664"}, {"app_key", "29a39d"}};
  auto unwrapped = string_to_sign("/authorization/202309/shops", query, "");
  EXPECT_EQ(unwrapped, "/authorization/202309/shopsapp_key29a39dtimestamp1623812664");
  EXPECT_EQ(sign(secret("e59af819cc"), unwrapped),
            "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
}

TEST(TiktokSign, SdkVectorV2WithoutCommonParameters) {
  auto unwrapped = string_to_sign("/test-api", {{"foo", "bar"}}, "");
  EXPECT_EQ(unwrapped, "/test-apifoobar");
  EXPECT_EQ(sign(secret("app_secret"), unwrapped),
            "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f");
}

TEST(TiktokSign, SignatureIsHmacOfSecretWrappedString) {
  auto unwrapped = string_to_sign("/test-api", {{"foo", "bar"}}, "");
  EXPECT_EQ(sign(secret("app_secret"), unwrapped),
            hmac_sha256_hex("app_secret", "app_secret/test-apifoobarapp_secret"));
}

TEST(TiktokSign, CanonicalQuerySortsKeysByBytes) {
  std::vector<query_param> query{
      {"page_size", "20"}, {"app_key", "k"}, {"Zeta", "1"}, {"shop_cipher", "C"}, {"timestamp", "5"}};
  // Upper case sorts before lower case in byte order.
  EXPECT_EQ(canonical_query(query), "Zeta1app_keykpage_size20shop_cipherCtimestamp5");
}

TEST(TiktokSign, CanonicalQueryLeavesOutSignAndAccessTokens) {
  std::vector<query_param> query{
      {"sign", "abc"}, {"access_token", "TTP_x"}, {"x-tts-access-token", "TTP_y"}, {"app_key", "k"}};
  EXPECT_EQ(canonical_query(query), "app_keyk");
}

TEST(TiktokSign, BodyIsAppendedExactlyAsSent) {
  const std::string body = R"({"order_status":"AWAITING_SHIPMENT", "create_time_ge":1})";  // note the space
  auto unwrapped = string_to_sign("/order/202309/orders/search", {{"app_key", "k"}}, body);
  EXPECT_EQ(unwrapped, "/order/202309/orders/searchapp_keyk" + body);
}

TEST(TiktokSign, MultipartBodyIsNotSigned) {
  auto unwrapped = string_to_sign("/product/202309/images/upload", {{"app_key", "k"}}, "--boundary\r\nbytes",
                                  "Multipart/Form-Data; boundary=xyz");
  EXPECT_EQ(unwrapped, "/product/202309/images/uploadapp_keyk");
}

TEST(TiktokSign, PageTokenIsSignedDecoded) {
  auto unwrapped = string_to_sign("/p", {{"page_token", "ab+c/d=="}}, "");
  EXPECT_EQ(unwrapped, "/ppage_tokenab+c/d==");
}

TEST(TiktokSign, PreviewShowsPlaceholdersAndNeverTheSecret) {
  preview_request request;
  request.method = "POST";
  request.path = "/order/202309/orders/search";
  request.query = {{"page_size", "20"}, {"shop_cipher", "ROW_x"}};
  request.body = R"({"order_status":"UNPAID"})";
  request.app_key = "29a39d";
  request.timestamp = 1700000000;
  const secret app_secret("super-secret-value");
  auto preview = signed_request(request, app_secret);

  const std::string unwrapped =
      "/order/202309/orders/searchapp_key29a39dpage_size20shop_cipherROW_xtimestamp1700000000" + request.body;
  EXPECT_EQ(preview.unwrapped, unwrapped);
  EXPECT_EQ(preview.wrapped, "[app_secret]" + unwrapped + "[app_secret]");
  EXPECT_EQ(preview.signature, sign(app_secret, unwrapped));
  EXPECT_EQ(preview.timestamp, 1700000000);
  for (const auto& text : {preview.wrapped, preview.unwrapped, preview.target})
    EXPECT_EQ(text.find("super-secret-value"), std::string::npos) << text;
}

TEST(TiktokSign, PreviewTargetCarriesSignLastAndEncodedValues) {
  preview_request request;
  request.path = "/order/202309/orders/search";
  request.query = {{"page_token", "a+b/c"}};
  request.app_key = "k";
  request.timestamp = 42;
  auto preview = signed_request(request, secret("s3cr3t-value"));
  EXPECT_EQ(preview.target, "/order/202309/orders/search?app_key=k&page_token=a%2Bb%2Fc&timestamp=42&sign=" +
                                preview.signature);
}

TEST(TiktokSign, PreviewKeepsAnExplicitTimestamp) {
  preview_request request;
  request.path = "/p";
  request.query = {{"timestamp", "1623812664"}};
  request.app_key = "29a39d";
  request.timestamp = 1;
  auto preview = signed_request(request, secret("e59af819cc"));
  EXPECT_EQ(preview.timestamp, 1623812664);
  EXPECT_EQ(preview.unwrapped, "/papp_key29a39dtimestamp1623812664");
}

TEST(TiktokSign, PreviewReproducesVectorV1) {
  preview_request request;
  request.path = "/authorization/202309/shops";
  request.app_key = "29a39d";
  request.timestamp = 1623812664;
  auto preview = signed_request(request, secret("e59af819cc"));
  EXPECT_EQ(preview.signature, "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
  EXPECT_EQ(preview.wrapped,
            "[app_secret]/authorization/202309/shopsapp_key29a39dtimestamp1623812664[app_secret]");
}

TEST(TiktokSign, ConstantTimeEqualsComparesWholeStrings) {
  EXPECT_TRUE(constant_time_equals("abcdef", "abcdef"));
  EXPECT_FALSE(constant_time_equals("abcdef", "abcdeg"));
  EXPECT_FALSE(constant_time_equals("abc", "abcd"));
}

}  // namespace
}  // namespace kingkung::tiktok
