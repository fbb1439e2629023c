// Query strings: values signed decoded, sent percent-encoded; arrays as one comma-joined value.
#include <gtest/gtest.h>

#include "kingkung/tiktok/endpoints.hpp"
#include "kingkung/tiktok/query.hpp"

namespace kingkung::tiktok {
namespace {

TEST(TiktokQuery, PageTokenPlusAndSlashAreEncoded) {
  EXPECT_EQ(percent_encode("6AsPQ/N5M+7D1ud64=="), "6AsPQ%2FN5M%2B7D1ud64%3D%3D");
}

TEST(TiktokQuery, UnreservedCharactersStayAsThey) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
}

TEST(TiktokQuery, SpacesAndUtf8AreEncodedBytewise) {
  EXPECT_EQ(percent_encode("a b"), "a%20b");
  EXPECT_EQ(percent_encode("é"), "%C3%A9");
}

TEST(TiktokQuery, EncodedTokenDecodesBackToTheOriginal) {
  const std::string token =
      "6AsPQsUMvH3RkchNUPPh22NROHkE0D8pmq/N5M1kHYcZmtRyv9aVrNv65W7Q6tFA+7D1ud64MPNz5OaT";
  auto parsed = parse_query(encode_query({{"page_token", token}}));
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0].value, token);
}

TEST(TiktokQuery, UnencodedPlusWouldDecodeAsSpace) {
  // Why encoding matters: a form decoder on the server reads a raw '+' as a space.
  EXPECT_EQ(parse_query("page_token=a+b")[0].value, "a b");
}

TEST(TiktokQuery, ArrayValuesAreCommaJoined) {
  EXPECT_EQ(join_values({"576", "577", "578"}), "576,577,578");
  EXPECT_EQ(encode_query({{"ids", join_values({"1", "2"})}}), "ids=1%2C2");
}

TEST(TiktokQuery, ParseTargetSplitsPathAndDecodedQuery) {
  auto t = parse_target("/order/202507/orders?ids=1%2C2&shop_cipher=ROW_x");
  EXPECT_EQ(t.path, "/order/202507/orders");
  ASSERT_EQ(t.query.size(), 2u);
  EXPECT_EQ(t.query[0].value, "1,2");
  EXPECT_EQ(t.query[1].name, "shop_cipher");
}

TEST(TiktokQuery, MalformedEscapeIsKeptAsText) {
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz"), "%zz");
}

TEST(TiktokQuery, EndpointTemplateIsExpandedWithEncodedValues) {
  EXPECT_EQ(endpoints::expand(endpoints::update_inventory.path, {"1729"}),
            "/product/202309/products/1729/inventory/update");
  EXPECT_EQ(endpoints::expand("/a/{x}/b", {"1/2"}), "/a/1%2F2/b");
}

}  // namespace
}  // namespace kingkung::tiktok
