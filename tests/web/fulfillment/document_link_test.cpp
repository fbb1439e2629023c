// Which document links the host fetches through a shop's transport (shipping_documents.hpp).
#include <gtest/gtest.h>

#include "api/fulfillment/shipping_documents.hpp"

namespace kingkung::web::fulfillment {
namespace {

TEST(WebFulfilDocumentLink, ALinkOnTheOpenApiHostGivesItsPathAndQuery) {
  auto target = document_target(
      "https://open-api.tiktokglobalshop.com/fulfillment/202309/shipping_documents/files/115/"
      "SHIPPING_LABEL_A6.pdf"
      "?expire=1795939200&sign=ab%2Fcd");
  ASSERT_TRUE(target) << target.err().message;
  EXPECT_EQ(*target,
            "/fulfillment/202309/shipping_documents/files/115/"
            "SHIPPING_LABEL_A6.pdf?expire=1795939200&sign=ab%2Fcd");
}

TEST(WebFulfilDocumentLink, ALinkOnAnotherHostIsRefusedNamingTheHost) {
  auto target = document_target("https://files.example.com/label.pdf");
  ASSERT_FALSE(target);
  EXPECT_EQ(target.err().code, plugin::errc::unsupported);
  EXPECT_NE(target.err().message.find("files.example.com"), std::string::npos);
}

TEST(WebFulfilDocumentLink, APlainHttpLinkIsRefused) {
  EXPECT_FALSE(document_target("http://open-api.tiktokglobalshop.com/x.pdf"));
}

TEST(WebFulfilDocumentLink, ALinkWithAPortOrCredentialsIsRefused) {
  EXPECT_FALSE(document_target("https://open-api.tiktokglobalshop.com:8443/x.pdf"));
  EXPECT_FALSE(document_target("https://user@open-api.tiktokglobalshop.com/x.pdf"));
}

TEST(WebFulfilDocumentLink, SomethingThatIsNotAUrlIsRefused) {
  EXPECT_FALSE(document_target("not a url"));
}

}  // namespace
}  // namespace kingkung::web::fulfillment
