// Brazil: Upload Invoice, its asynchronous decision, webhook type 36 and ship gating
// (docs/tiktok-shop-api.md 5.5, 6 and 7.1).
#include <gtest/gtest.h>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimInvoice : public ::testing::Test {
 protected:
  SimInvoice() : h(with_listener()), br(h.connect("demo-br")) {}

  kingkung::sim::settings with_listener() {
    auto s = demo_settings({});
    s.webhook_url = listener.url();
    return s;
  }

  struct placed {
    std::string order_id;
    std::string package_id;
  };
  placed new_order() {
    auto r = h.control("POST", "orders", json::object{{"shop", "demo-br"}});
    placed p;
    p.order_id = std::string(r.obj().at("order_ids").as_array().at(0).as_string());
    p.package_id =
        std::string(h.order(br, p.order_id).at("packages").as_array().at(0).as_object().at("id").as_string());
    return p;
  }
  response upload(const placed& p, const std::string& xml, const std::string& file_type = "XML") {
    json::object item{{"package_id", p.package_id},
                      {"order_ids", json::array{json::value(p.order_id)}},
                      {"file_type", file_type},
                      {"file", base64(xml)}};
    return h.api(br, "POST", "/fulfillment/202502/invoice/upload", {},
                 json::object{{"invoices", json::array{item}}});
  }
  response ship(const placed& p) {
    return h.api(br, "POST", "/fulfillment/202309/packages/" + p.package_id + "/ship", {}, json::object{});
  }
  std::string invoice_state(const placed& p) {
    return std::string(h.order(br, p.order_id).at("need_upload_invoice").as_string());
  }
  // The INVOICE_STATUS_CHANGE payload sent for a package, after the decision is due.
  json::object decision(const placed& p) {
    h.advance(3);
    h.engine().drain_webhooks();
    for (const auto& w : listener.of_type(36))
      if (w.at("data").as_object().at("package_id") == p.package_id) return w.at("data").as_object();
    throw std::runtime_error("no invoice webhook for package " + p.package_id);
  }

  webhook_listener listener;
  harness h;
  connection br;
};

TEST_F(SimInvoice, AnAuthorisedNfeIsProcessingThenSucceedsAndUnlocksShipping) {
  auto p = new_order();
  auto r = upload(p, nfe_xml(valid_access_key(1)));
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_TRUE(r.obj().at("errors").as_array().empty());
  EXPECT_EQ(invoice_state(p), "INVOICE_PROCESSING");
  auto d = decision(p);
  EXPECT_EQ(d.at("invoice_status"), "SUCCESS");
  EXPECT_EQ(d.at("order_ids").as_array().at(0), p.order_id);
  EXPECT_EQ(invoice_state(p), "INVOICE_UPLOADED");
  EXPECT_EQ(ship(p).code, 0);
}

TEST_F(SimInvoice, ShippingWhileTheInvoiceIsProcessingGives21004020) {
  auto p = new_order();
  ASSERT_EQ(upload(p, nfe_xml(valid_access_key(2))).code, 0);
  auto r = ship(p);
  EXPECT_EQ(r.code, 21004020);
  EXPECT_EQ(r.message, "Fulfillment Invoice status is not success, can not rts pkg.");
}

TEST_F(SimInvoice, AWrongCheckDigitEndsInvalidWithReasonFailed) {
  auto p = new_order();
  std::string key = valid_access_key(3);
  key.back() = key.back() == '9' ? '0' : static_cast<char>(key.back() + 1);
  ASSERT_EQ(upload(p, nfe_xml(key)).code, 0);
  auto d = decision(p);
  EXPECT_EQ(d.at("invoice_status"), "INVALID");
  EXPECT_EQ(d.at("invalid_reason"), "FAILED");
  EXPECT_EQ(invoice_state(p), "NEED_INVOICE");
  EXPECT_EQ(ship(p).code, 21004020);
}

TEST_F(SimInvoice, AnUnauthorisedNfeEndsInvalidWithReasonNotAuthorized) {
  auto p = new_order();
  ASSERT_EQ(upload(p, nfe_xml(valid_access_key(4), "302")).code, 0);
  EXPECT_EQ(decision(p).at("invalid_reason"), "NOT_AUTHORIZED");
}

TEST_F(SimInvoice, AnNfeWithoutItsProtocolEndsInvalidWithReasonNotFound) {
  auto p = new_order();
  ASSERT_EQ(upload(p, nfe_xml(valid_access_key(5), "")).code, 0);
  EXPECT_EQ(decision(p).at("invalid_reason"), "NOT_FOUND");
}

TEST_F(SimInvoice, AnAccessKeyUsedByAnotherInvoiceEndsInvalidWithReasonDuplicate) {
  auto first = new_order();
  auto second = new_order();
  std::string key = valid_access_key(6);
  ASSERT_EQ(upload(first, nfe_xml(key)).code, 0);
  ASSERT_EQ(upload(second, nfe_xml(key)).code, 0);
  EXPECT_EQ(decision(second).at("invalid_reason"), "ACCESS_KEY_DUPLICATE");
  EXPECT_EQ(decision(first).at("invoice_status"), "SUCCESS");
}

TEST_F(SimInvoice, ASecondUploadWhileTheFirstIsProcessingIsRefusedPerItem) {
  auto p = new_order();
  ASSERT_EQ(upload(p, nfe_xml(valid_access_key(7))).code, 0);
  auto r = upload(p, nfe_xml(valid_access_key(8)));
  ASSERT_EQ(r.code, 0);
  const auto& e = r.obj().at("errors").as_array().at(0).as_object();
  EXPECT_EQ(e.at("code").as_int64(), 10007014);
  EXPECT_EQ(e.at("message"), "The invoice already exists in the upload. Please try again later");
  EXPECT_EQ(e.at("detail").as_object().at("package_id"), p.package_id);
  EXPECT_EQ(e.at("detail").as_object().at("order_ids").as_array().at(0), p.order_id);
}

TEST_F(SimInvoice, AnInvalidInvoiceMayBeReplaced) {
  auto p = new_order();
  ASSERT_EQ(upload(p, nfe_xml(valid_access_key(9), "110")).code, 0);
  ASSERT_EQ(decision(p).at("invoice_status"), "INVALID");
  ASSERT_EQ(upload(p, nfe_xml(valid_access_key(10))).obj().at("errors").as_array().size(), 0u);
  EXPECT_EQ(invoice_state(p), "INVOICE_PROCESSING");
}

TEST_F(SimInvoice, AFileOverOneMegabyteGives36009021) {
  auto p = new_order();
  std::string xml = nfe_xml(valid_access_key(11));
  xml.insert(xml.size() - std::string("</nfeProc>").size(), std::string(1024 * 1024, ' '));
  auto r = upload(p, xml);
  EXPECT_EQ(r.code, 36009021);
  EXPECT_EQ(r.message, "Invalid file size. The uploaded file size exceeds the maximum limit.");
}

TEST_F(SimInvoice, OnlyXmlFilesAreAccepted) {
  auto p = new_order();
  auto r = upload(p, nfe_xml(valid_access_key(12)), "PDF");
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.obj().at("errors").as_array().at(0).as_object().at("code").as_int64(), 21011005);
  EXPECT_EQ(invoice_state(p), "NEED_INVOICE");
}

TEST_F(SimInvoice, TheInvoiceLabelIsAvailableOnceTheInvoiceSucceeded) {
  auto p = new_order();
  std::vector<std::pair<std::string, std::string>> q{{"document_type", "INVOICE_LABEL"}};
  std::string path = "/fulfillment/202309/packages/" + p.package_id + "/shipping_documents";
  ASSERT_EQ(upload(p, nfe_xml(valid_access_key(13))).code, 0);
  EXPECT_EQ(h.api(br, "GET", path, q).code, 21004020);
  decision(p);
  auto r = h.api(br, "GET", path, q);
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_NE(std::string(r.obj().at("doc_url").as_string()).find("invoice_label"), std::string::npos);
}

TEST_F(SimInvoice, ACombinedPackageNeedsAnInvoiceCoveringEveryOrderWith21004019) {
  auto offers = h.api(br, "GET", "/fulfillment/202309/combinable_packages/search", {{"page_size", "10"}});
  ASSERT_EQ(offers.code, 0);
  auto offer = offers.obj().at("combinable_packages").as_array().at(0).as_object();
  auto combined = h.api(br, "POST", "/fulfillment/202309/packages/combine", {},
                        json::object{{"combinable_packages", json::array{offer}}});
  ASSERT_EQ(combined.code, 0);
  placed p;
  p.package_id = std::string(combined.obj().at("packages").as_array().at(0).as_object().at("id").as_string());
  p.order_id = std::string(offer.at("order_ids").as_array().at(0).as_string());  // one order of several
  ASSERT_EQ(upload(p, nfe_xml(valid_access_key(14))).obj().at("errors").as_array().size(), 0u);
  decision(p);
  auto r = ship(p);
  EXPECT_EQ(r.code, 21004019);
  EXPECT_EQ(r.message, "Need invoice uploaded for all order before rts.");
}

TEST_F(SimInvoice, UploadIsForBrazilianShopsOnly) {
  auto mx = h.connect("demo-mx-local");
  json::object item{
      {"package_id", "1"}, {"order_ids", json::array{"2"}}, {"file_type", "XML"}, {"file", base64("<x/>")}};
  auto r = h.api(mx, "POST", "/fulfillment/202502/invoice/upload", {},
                 json::object{{"invoices", json::array{item}}});
  EXPECT_EQ(r.code, 21011005);
}

}  // namespace
