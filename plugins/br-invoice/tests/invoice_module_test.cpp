#include <gtest/gtest.h>

#include <set>

#include <boost/json.hpp>

#include "kingkung/br/base64.hpp"
#include "kingkung/br/invoice_module.hpp"
#include "kingkung/br/invoice_status.hpp"
#include "module_fakes.hpp"
#include "nfe_builder.hpp"

namespace kingkung::br {
namespace {

namespace json = boost::json;
using test::fake_context;
using test::fake_shop_api;
using test::nfe_builder;

constexpr std::string_view order_id = "576000000000000001";
constexpr std::string_view package_id = "1150000000000000001";

plugin::order_view br_order(std::string need = "NEED_INVOICE") {
  plugin::order_view o;
  o.shop_id = "7496002287415330818";
  o.order_id = order_id;
  o.region = "BR";
  o.seller_type = "LOCAL";
  o.status = "AWAITING_SHIPMENT";
  o.currency = "BRL";
  o.total_amount = "150.00";
  o.buyer_tax_id = "529.982.247-25";
  o.package_ids = {std::string(package_id)};
  o.raw_json = "{\"id\":\"" + std::string(order_id) + "\",\"need_upload_invoice\":\"" + need + "\"}";
  return o;
}

plugin::action_input file_input(std::string file, std::string package = "") {
  plugin::action_input in;
  in.package_id = std::move(package);
  in.fields = {{"file", std::move(file)}};
  return in;
}

std::string invoice_event(std::string_view package, std::string_view status, std::string_view reason = "") {
  return json::serialize(json::object{{"package_id", package},
                                      {"order_ids", json::array{order_id}},
                                      {"invoice_status", status},
                                      {"invalid_reason", reason}});
}

class BrInvoiceModule : public ::testing::Test {
 protected:
  void SetUp() override { make(); }
  void make() {
    auto made = make_invoice_module(ctx, "7496002287415330818");
    ASSERT_TRUE(made) << made.err().message;
    module = std::move(made.value());
  }
  plugin::ship_gate gate(const plugin::order_view& order) {
    auto g = module->check_ship(order, api);
    EXPECT_TRUE(g) << g.err().message;
    return g ? *g : plugin::ship_gate{};
  }
  void upload_valid() {
    auto out = module->run_action(action_upload, br_order(), file_input(nfe_builder{}.xml()), api);
    ASSERT_TRUE(out) << out.err().message;
  }

  fake_context ctx;
  fake_shop_api api;
  std::unique_ptr<plugin::market_module> module;
};

TEST_F(BrInvoiceModule, DeclaresInvoiceHandlingAndShipGating) {
  EXPECT_EQ(module->capabilities(), plugin::capability_invoice_handling | plugin::capability_ship_gating);
  std::vector<std::string> names;
  for (const auto& a : module->actions()) names.push_back(a.name);
  EXPECT_EQ(names, (std::vector<std::string>{"invoice.upload", "invoice.upload_many", "invoice.status",
                                             "invoice.label"}));
}

TEST_F(BrInvoiceModule, RefusesShippingBeforeAnyInvoiceWithoutCallingThePlatform) {
  plugin::ship_gate g = gate(br_order());
  EXPECT_FALSE(g.allowed);
  EXPECT_NE(g.reason.find("Package " + std::string(package_id) + " needs an NF-e"), std::string::npos)
      << g.reason;
  EXPECT_TRUE(api.calls.empty());
}

TEST_F(BrInvoiceModule, AllowsShippingWhenTheOrderNeedsNoInvoice) {
  EXPECT_TRUE(gate(br_order("NO_NEED")).allowed);
}

TEST_F(BrInvoiceModule, AllowsShippingWhenThePlatformSaysTheSinglePackagesInvoiceIsUploaded) {
  EXPECT_TRUE(gate(br_order("INVOICE_UPLOADED")).allowed);
}

TEST_F(BrInvoiceModule, UploadSendsBase64XmlWithFileTypeAndOrderIdsArray) {
  std::string xml = nfe_builder{}.xml();
  auto out = module->run_action(action_upload, br_order(), file_input(xml), api);
  ASSERT_TRUE(out) << out.err().message;
  ASSERT_EQ(api.calls.size(), 1u);
  EXPECT_EQ(api.calls[0].method, "POST");
  EXPECT_EQ(api.calls[0].path, "/fulfillment/202502/invoice/upload");
  json::object item = json::parse(api.calls[0].body).at("invoices").at(0).as_object();
  EXPECT_EQ(item.at("package_id").as_string(), package_id);
  EXPECT_EQ(item.at("file_type").as_string(), "XML");
  EXPECT_EQ(item.at("order_ids"), (json::array{order_id}));
  EXPECT_EQ(base64_decode(item.at("file").as_string()), xml);
  EXPECT_EQ(json::parse(out->result_json).at("status").as_string(), "PROCESSING");
}

TEST_F(BrInvoiceModule, UploadAcceptsABase64EncodedFile) {
  std::string xml = nfe_builder{}.xml();
  auto out = module->run_action(action_upload, br_order(), file_input(base64_encode(xml)), api);
  ASSERT_TRUE(out) << out.err().message;
  json::object item = json::parse(api.calls.at(0).body).at("invoices").at(0).as_object();
  EXPECT_EQ(base64_decode(item.at("file").as_string()), xml);
}

TEST_F(BrInvoiceModule, UploadRefusesAFileThatIsNeitherXmlNorBase64) {
  auto out = module->run_action(action_upload, br_order(), file_input("not an invoice!"), api);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(out.err().message.find("field file"), std::string::npos);
  EXPECT_TRUE(api.calls.empty());
}

TEST_F(BrInvoiceModule, InvalidNfeUploadsNothingAndListsEveryFailure) {
  nfe_builder b;
  b.protocol_status = "302";
  b.total = "99.00";
  auto out = module->run_action(action_upload, br_order(), file_input(b.xml()), api);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(out.err().message.find("2 problems"), std::string::npos) << out.err().message;
  EXPECT_NE(out.err().message.find("nfeProc/protNFe/infProt/cStat: expected 100"), std::string::npos);
  EXPECT_NE(out.err().message.find("nfeProc/NFe/infNFe/total/ICMSTot/vNF: expected 150.00"),
            std::string::npos);
  EXPECT_TRUE(api.calls.empty());
  EXPECT_TRUE(api.state.empty());
}

TEST_F(BrInvoiceModule, UploadChecksTheShopsConfiguredCnpj) {
  ctx.table.strings["cnpj"] = "08.370.779/0001-49";
  make();
  auto out = module->run_action(action_upload, br_order(), file_input(nfe_builder{}.xml()), api);
  ASSERT_FALSE(out);
  EXPECT_NE(out.err().message.find("emit/CNPJ: expected 08370779000149 (the shop's CNPJ)"), std::string::npos)
      << out.err().message;
  EXPECT_TRUE(api.calls.empty());
}

TEST_F(BrInvoiceModule, UploadNeedsAPackageOfTheOrder) {
  auto out = module->run_action(action_upload, br_order(), file_input(nfe_builder{}.xml(), "999"), api);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.err().message, "package_id: expected one of the order's packages (" +
                                   std::string(package_id) + "), found \"999\"");
}

TEST_F(BrInvoiceModule, ItemErrorsBecomeAMessageForThePackage) {
  api.responder = [](const test::recorded_call&) -> plugin::result<std::string> {
    return std::string(
        "{\"errors\":[{\"code\":10007014,\"message\":\"The invoice already exists in the upload. Please try "
        "again "
        "later\",\"detail\":{\"package_id\":\"1150000000000000001\",\"order_ids\":[\"576000000000000001\"]}}]"
        "}");
  };
  auto out = module->run_action(action_upload, br_order(), file_input(nfe_builder{}.xml()), api);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.err().code, plugin::errc::rejected);
  EXPECT_NE(
      out.err().message.find("TikTok Shop refused the NF-e for package 1150000000000000001: an invoice for "
                             "this package is already being processed"),
      std::string::npos)
      << out.err().message;
  EXPECT_NE(gate(br_order()).reason.find("needs an NF-e"), std::string::npos);
}

TEST_F(BrInvoiceModule, PlatformFailureNamesThePackage) {
  api.responder = [](const test::recorded_call&) -> plugin::result<std::string> {
    return plugin::make_error(plugin::errc::unavailable, "the platform could not be reached");
  };
  auto out = module->run_action(action_upload, br_order(), file_input(nfe_builder{}.xml()), api);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.err().code, plugin::errc::unavailable);
  EXPECT_EQ(out.err().message,
            "NF-e not uploaded for package 1150000000000000001: the platform could not be reached");
}

TEST_F(BrInvoiceModule, ShippingWaitsWhileTheInvoiceIsProcessing) {
  upload_valid();
  plugin::ship_gate g = gate(br_order("INVOICE_PROCESSING"));
  EXPECT_FALSE(g.allowed);
  EXPECT_NE(g.reason.find("still checking"), std::string::npos) << g.reason;
}

TEST_F(BrInvoiceModule, SuccessWebhookUnlocksShipping) {
  upload_valid();
  ASSERT_TRUE(module->on_event(36, invoice_event(package_id, "SUCCESS"), api));
  EXPECT_TRUE(gate(br_order("INVOICE_PROCESSING")).allowed);
}

TEST_F(BrInvoiceModule, InvalidWebhookExplainsTheReason) {
  upload_valid();
  ASSERT_TRUE(module->on_event(36, invoice_event(package_id, "INVALID", "ACCESS_KEY_DUPLICATE"), api));
  plugin::ship_gate g = gate(br_order());
  EXPECT_FALSE(g.allowed);
  EXPECT_NE(g.reason.find("already used for another package"), std::string::npos) << g.reason;
}

TEST_F(BrInvoiceModule, EveryInvalidReasonHasItsOwnExplanation) {
  std::set<std::string> texts;
  for (const char* reason : {"FAILED", "ACCESS_KEY_DUPLICATE", "NOT_FOUND", "NOT_AUTHORIZED", "UNKNOWN"})
    texts.insert(explain_invalid_reason(reason));
  EXPECT_EQ(texts.size(), 5u);
  EXPECT_NE(explain_invalid_reason("NOT_AUTHORIZED").find("cancelled"), std::string::npos);
}

TEST_F(BrInvoiceModule, AnInvalidInvoiceMayBeReplaced) {
  upload_valid();
  ASSERT_TRUE(module->on_event(36, invoice_event(package_id, "INVALID", "NOT_FOUND"), api));
  nfe_builder replacement;
  replacement.number = "000004322";
  auto out = module->run_action(action_upload, br_order(), file_input(replacement.xml()), api);
  ASSERT_TRUE(out) << out.err().message;
  EXPECT_EQ(api.calls.size(), 2u);
}

TEST_F(BrInvoiceModule, ASecondUploadWhileProcessingIsRefusedWithoutACall) {
  upload_valid();
  auto out = module->run_action(action_upload, br_order(), file_input(nfe_builder{}.xml()), api);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.err().code, plugin::errc::failed_precondition);
  EXPECT_EQ(api.calls.size(), 1u);
}

TEST_F(BrInvoiceModule, AnAccessKeyInUseByAnotherPackageIsRefusedBeforeUpload) {
  upload_valid();
  plugin::order_view other = br_order();
  other.order_id = "576000000000000002";
  other.package_ids = {"1150000000000000002"};
  auto out = module->run_action(action_upload, other, file_input(nfe_builder{}.xml()), api);
  ASSERT_FALSE(out);
  EXPECT_NE(out.err().message.find("already uploaded for package 1150000000000000001"), std::string::npos)
      << out.err().message;
  EXPECT_EQ(api.calls.size(), 1u);
}

TEST_F(BrInvoiceModule, StatusPollSeesAcceptanceWhenTheWebhookIsLost) {
  upload_valid();
  api.responder = [](const test::recorded_call& c) -> plugin::result<std::string> {
    EXPECT_EQ(c.path, "/order/202507/orders");
    return std::string(
        "{\"orders\":[{\"id\":\"576000000000000001\",\"need_upload_invoice\":\"INVOICE_UPLOADED\"}]}");
  };
  auto out = module->run_action(action_status, br_order("INVOICE_PROCESSING"), {}, api);
  ASSERT_TRUE(out) << out.err().message;
  EXPECT_NE(out->message.find("NF-e accepted"), std::string::npos) << out->message;
  EXPECT_EQ(json::parse(out->result_json).at("packages").at(0).at("status").as_string(), "SUCCESS");
  EXPECT_TRUE(gate(br_order("INVOICE_PROCESSING")).allowed);
}

TEST_F(BrInvoiceModule, StatusPollSeesARejectionWhenTheWebhookIsLost) {
  upload_valid();
  api.responder = [](const test::recorded_call&) -> plugin::result<std::string> {
    return std::string(
        "{\"orders\":[{\"id\":\"576000000000000001\",\"need_upload_invoice\":\"NEED_INVOICE\"}]}");
  };
  auto out = module->run_action(action_status, br_order("INVOICE_PROCESSING"), {}, api);
  ASSERT_TRUE(out) << out.err().message;
  EXPECT_EQ(json::parse(out->result_json).at("packages").at(0).at("status").as_string(), "INVALID");
  EXPECT_NE(gate(br_order()).reason.find("rejected"), std::string::npos);
}

TEST_F(BrInvoiceModule, ASyncedOrderStillAskingForAnInvoiceRightAfterUploadChangesNothing) {
  upload_valid();
  ASSERT_TRUE(module->on_order_changed(br_order("NEED_INVOICE"), api));
  EXPECT_NE(gate(br_order()).reason.find("still checking"), std::string::npos);
}

TEST_F(BrInvoiceModule, ASyncedOrderBackToNeedInvoiceAfterProcessingIsARejection) {
  upload_valid();
  ASSERT_TRUE(module->on_order_changed(br_order("INVOICE_PROCESSING"), api));
  ASSERT_TRUE(module->on_order_changed(br_order("NEED_INVOICE"), api));
  EXPECT_NE(gate(br_order()).reason.find("rejected"), std::string::npos);
}

TEST_F(BrInvoiceModule, ASyncedOrderWithTheInvoiceUploadedIsAccepted) {
  upload_valid();
  ASSERT_TRUE(module->on_order_changed(br_order("INVOICE_UPLOADED"), api));
  plugin::order_view stale = br_order("INVOICE_PROCESSING");
  EXPECT_TRUE(gate(stale).allowed);
}

TEST_F(BrInvoiceModule, InvoiceLabelIsOfferedOnlyAfterAcceptance) {
  upload_valid();
  auto before = module->action_state_for(action_label, br_order("INVOICE_PROCESSING"));
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->applies);
  EXPECT_FALSE(before->enabled);
  ASSERT_TRUE(module->on_event(36, invoice_event(package_id, "SUCCESS"), api));
  auto after = module->action_state_for(action_label, br_order("INVOICE_PROCESSING"));
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->enabled);
}

TEST_F(BrInvoiceModule, InvoiceLabelRequestsTheInvoiceLabelDocument) {
  upload_valid();
  ASSERT_TRUE(module->on_event(36, invoice_event(package_id, "SUCCESS"), api));
  api.responder = [](const test::recorded_call&) -> plugin::result<std::string> {
    return std::string("{\"doc_url\":\"https://example.invalid/label.pdf\",\"tracking_number\":\"\"}");
  };
  auto out = module->run_action(action_label, br_order(), {}, api);
  ASSERT_TRUE(out) << out.err().message;
  const auto& call = api.calls.back();
  EXPECT_EQ(call.path, "/fulfillment/202309/packages/1150000000000000001/shipping_documents");
  ASSERT_EQ(call.query.size(), 1u);
  EXPECT_EQ(call.query[0].name, "document_type");
  EXPECT_EQ(call.query[0].value, "INVOICE_LABEL");
  EXPECT_EQ(json::parse(out->result_json).at("doc_url").as_string(), "https://example.invalid/label.pdf");
}

TEST_F(BrInvoiceModule, UploadActionAppliesOnlyToOrdersThatNeedAnInvoice) {
  auto none = module->action_state_for(action_upload, br_order("NO_NEED"));
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->applies);
  auto needed = module->action_state_for(action_upload, br_order());
  ASSERT_TRUE(needed);
  EXPECT_TRUE(needed->applies);
  EXPECT_TRUE(needed->enabled);
}

TEST_F(BrInvoiceModule, UploadActionIsDisabledWhileTheInvoiceIsChecked) {
  upload_valid();
  auto s = module->action_state_for(action_upload, br_order("INVOICE_PROCESSING"));
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->enabled);
  EXPECT_FALSE(s->reason.empty());
}

TEST_F(BrInvoiceModule, StatusSurvivesANewModuleInstance) {
  upload_valid();
  ASSERT_TRUE(module->on_event(36, invoice_event(package_id, "SUCCESS"), api));
  make();
  EXPECT_TRUE(gate(br_order("INVOICE_PROCESSING")).allowed);
}

TEST_F(BrInvoiceModule, WebhooksOfOtherTypesAreIgnored) {
  ASSERT_TRUE(module->on_event(1, "{\"order_id\":\"1\"}", api));
  EXPECT_TRUE(api.state.empty());
}

TEST_F(BrInvoiceModule, AMalformedInvoiceWebhookIsAnError) {
  auto r = module->on_event(36, "{\"order_ids\":[]}", api);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, plugin::errc::invalid_argument);
}

TEST_F(BrInvoiceModule, UnknownActionIsNotFound) {
  auto out = module->run_action("invoice.delete", br_order(), {}, api);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.err().code, plugin::errc::not_found);
}

TEST_F(BrInvoiceModule, BulkUploadMatchesFilesToTheOrderAndReportsEachFile) {
  plugin::order_view order = br_order();
  order.package_ids = {"1150000000000000001", "1150000000000000002"};
  nfe_builder mine;
  mine.order_reference = std::string(order_id);
  nfe_builder someone_elses;
  someone_elses.number = "000000777";
  someone_elses.order_reference = "576999999999999999";
  nfe_builder broken;
  broken.number = "000000778";
  broken.protocol_status = "110";
  json::array files{
      json::object{{"name", "a.xml"}, {"file", mine.xml()}},
      json::object{{"name", "b.xml"}, {"file", someone_elses.xml()}},
      json::object{{"name", "nfe-" + std::string(order_id) + ".xml"}, {"file", base64_encode(broken.xml())}}};
  plugin::action_input in;
  in.fields = {{"files", json::serialize(files)}};
  auto out = module->run_action(action_upload_many, order, in, api);
  ASSERT_TRUE(out) << out.err().message;
  json::array results = json::parse(out->result_json).at("files").as_array();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].at("result").as_string(), "uploaded");
  EXPECT_EQ(results[0].at("package_id").as_string(), "1150000000000000001");
  EXPECT_EQ(results[1].at("result").as_string(), "other_order");
  EXPECT_EQ(results[2].at("result").as_string(), "invalid");
  EXPECT_EQ(results[2].at("failures").at(0).at("field").as_string(), "nfeProc/protNFe/infProt/cStat");
  ASSERT_EQ(api.calls.size(), 1u);
  EXPECT_EQ(json::parse(api.calls[0].body).at("invoices").as_array().size(), 1u);
  EXPECT_EQ(out->message, "NF-e files for order 576000000000000001: 1 invalid, 1 other_order, 1 uploaded.");
}

TEST_F(BrInvoiceModule, BulkUploadRecognisesAnAlreadyUploadedAccessKey) {
  upload_valid();
  plugin::action_input in;
  in.fields = {{"files", json::serialize(json::object{{"again.xml", nfe_builder{}.xml()}})}};
  auto out = module->run_action(action_upload_many, br_order(), in, api);
  ASSERT_TRUE(out) << out.err().message;
  EXPECT_EQ(json::parse(out->result_json).at("files").at(0).at("result").as_string(), "already_uploaded");
  EXPECT_EQ(api.calls.size(), 1u);
}

TEST_F(BrInvoiceModule, BulkUploadRefusesAFilesFieldThatIsNotAList) {
  plugin::action_input in;
  in.fields = {{"files", "42"}};
  auto out = module->run_action(action_upload_many, br_order(), in, api);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.err().code, plugin::errc::invalid_argument);
}

}  // namespace
}  // namespace kingkung::br
