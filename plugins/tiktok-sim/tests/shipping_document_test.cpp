// The files behind Get Package Shipping Document's doc_url: served on the Open API host at a signed,
// expiring link, one page per package with its tracking number.
#include <gtest/gtest.h>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

constexpr std::string_view base = "https://open-api.tiktokglobalshop.com";

class SimShippingDocument : public ::testing::Test {
 protected:
  harness h;
  connection local = h.connect("demo-mx-local");

  std::string shipped_package() {
    auto r = h.control("POST", "orders", json::object{{"shop", "demo-mx-local"}, {"scenario", "single"}});
    if (r.code != 0) throw std::runtime_error("control orders: " + r.message);
    std::string order(r.obj().at("order_ids").as_array().at(0).as_string());
    std::string pkg(h.order(local, order).at("packages").as_array().at(0).as_object().at("id").as_string());
    auto shipped = h.api(local, "POST", "/fulfillment/202309/packages/" + pkg + "/ship", {}, json::object{});
    if (shipped.code != 0) throw std::runtime_error("ship: " + shipped.message);
    return pkg;
  }

  std::string doc_url(const std::string& pkg) {
    auto r = h.api(local, "GET", "/fulfillment/202309/packages/" + pkg + "/shipping_documents",
                   {{"document_type", "SHIPPING_LABEL"}});
    if (r.code != 0) throw std::runtime_error("shipping_documents: " + r.message);
    return std::string(r.obj().at("doc_url").as_string());
  }

  kingkung::plugin::http_response fetch(const std::string& url) {
    kingkung::plugin::http_request req;
    req.method = "GET";
    req.host = kingkung::plugin::host_kind::api;
    req.target = url.substr(base.size());
    return h.engine().handle(req);
  }
};

TEST_F(SimShippingDocument, LinkServesAOnePagePdfWithTheTrackingNumber) {
  auto pkg = shipped_package();
  auto tracking = std::string(h.package(local, pkg).at("tracking_number").as_string());
  auto url = doc_url(pkg);
  ASSERT_EQ(url.rfind(base, 0), 0u);
  auto r = fetch(url);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.rfind("%PDF-", 0), 0u);
  EXPECT_NE(r.body.find("(" + tracking + ") Tj"), std::string::npos);
  EXPECT_NE(r.body.find("/Count 1"), std::string::npos);
  EXPECT_NE(r.body.find("xref\n0 7\n"), std::string::npos);
}

TEST_F(SimShippingDocument, SamePackageGivesTheSameBytes) {
  auto pkg = shipped_package();
  EXPECT_EQ(fetch(doc_url(pkg)).body, fetch(doc_url(pkg)).body);
}

TEST_F(SimShippingDocument, TamperedLinkIsRefused) {
  auto url = doc_url(shipped_package());
  url.back() = url.back() == '0' ? '1' : '0';
  EXPECT_EQ(fetch(url).status, 403);
}

TEST_F(SimShippingDocument, LinkExpiresAfterADay) {
  auto url = doc_url(shipped_package());
  h.advance(24 * 3600 + 60);
  auto r = fetch(url);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("expired"), std::string::npos);
}

}  // namespace
