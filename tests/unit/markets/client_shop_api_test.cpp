// The shop_api adapter modules call the platform through: which paths a module may call, how requests
// are built (cipher rule), and how failures reach the module (codes, no secrets).
#include "kingkung/markets/client_shop_api.hpp"

#include <gtest/gtest.h>

#include "kingkung/storage/module_state_repository.hpp"
#include "market_test_support.hpp"

namespace kingkung::markets_unit {
namespace {

class ClientShopApi : public ::testing::Test {
 protected:
  markets::client_shop_api api_for(std::string module = "mx-split") {
    return markets::client_shop_api(*client, tiktok::shop_ref{"7001", "CIPHER_MX"}, "MX", "CROSS_BORDER",
                                    std::move(module), state);
  }
  bool has_cipher(const plugin::http_request& r) {
    return r.target.find("shop_cipher=CIPHER_MX") != std::string::npos;
  }

  std::shared_ptr<recording_transport> transport = std::make_shared<recording_transport>();
  std::unique_ptr<tiktok::client> client = make_client(transport);
  std::unique_ptr<storage::database> db = memory_database();
  storage::module_state_repository state{*db};
};

TEST_F(ClientShopApi, RefusesPathsOutsideTheModuleFamiliesWithoutSending) {
  auto api = api_for();
  for (std::string path : {"/api/v2/token/get", "/__sim/summary", "/finance/202309/statements", "/order",
                           "/orderx/202309/orders"}) {
    auto r = api.call("GET", path, {}, "");
    ASSERT_FALSE(r.ok()) << path;
    EXPECT_EQ(r.err().code, plugin::errc::permission_denied) << path;
    EXPECT_NE(r.err().message.find("mx-split"), std::string::npos) << r.err().message;
  }
  EXPECT_EQ(transport->count(), 0u);
}

TEST_F(ClientShopApi, RefusesPathsThatTryToLeaveTheirFamily) {
  auto api = api_for();
  for (std::string path : {"/order/../__sim/summary", "/order/./x", "/order//x", "/order/202309/orders?x=1",
                           "/order/202309/or ders", "order/202309/orders"}) {
    auto r = api.call("GET", path, {}, "");
    ASSERT_FALSE(r.ok()) << path;
    EXPECT_EQ(r.err().code, plugin::errc::invalid_argument) << path;
  }
  EXPECT_EQ(transport->count(), 0u);
}

TEST_F(ClientShopApi, RefusesAnUnknownMethod) {
  auto r = api_for().call("PATCH", "/order/202309/orders/search", {}, "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(transport->count(), 0u);
}

TEST_F(ClientShopApi, AllowsEveryFamilyTheModulesNeed) {
  auto api = api_for();
  for (auto family : markets::allowed_path_families()) {
    auto r = api.call("GET", std::string(family) + "202309/x", {}, "");
    EXPECT_TRUE(r.ok()) << family << ": " << r.err().message;
  }
  EXPECT_EQ(transport->count(), markets::allowed_path_families().size());
}

TEST_F(ClientShopApi, SendsTheShopCipherForShopScopedPaths) {
  ASSERT_TRUE(
      api_for().call("GET", "/fulfillment/202309/orders/split_attributes", {{"order_ids", "5761"}}, "").ok());
  auto sent = transport->sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(has_cipher(sent[0])) << sent[0].target;
  EXPECT_NE(sent[0].target.find("order_ids=5761"), std::string::npos) << sent[0].target;
}

TEST_F(ClientShopApi, NeverSendsTheCipherToAuthorizationOrSellerPaths) {
  auto api = api_for();
  ASSERT_TRUE(api.call("GET", "/authorization/202309/shops", {}, "").ok());
  ASSERT_TRUE(api.call("GET", "/seller/202309/shops", {}, "").ok());
  for (const auto& r : transport->sent()) EXPECT_FALSE(has_cipher(r)) << r.target;
}

TEST_F(ClientShopApi, SendsTheBodyAsGiven) {
  ASSERT_TRUE(api_for().call("POST", "/order/202309/orders/search", {}, R"({"order_status":"UNPAID"})").ok());
  EXPECT_EQ(transport->sent().at(0).body, R"({"order_status":"UNPAID"})");
}

TEST_F(ClientShopApi, ReturnsTheEnvelopesData) {
  transport->answer_next(200, envelope(0, "Success", R"({"orders":[{"id":"5761"}]})"));
  auto r = api_for().call("GET", "/order/202507/orders", {{"ids", "5761"}}, "");
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r.value(), R"({"orders":[{"id":"5761"}]})");
}

TEST_F(ClientShopApi, APlatformBusinessErrorBecomesRejectedWithItsCode) {
  transport->answer_next(200, envelope(21011005, "splittable groups are invalid"));
  auto r = api_for().call("POST", "/fulfillment/202309/orders/5761/split", {}, "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::rejected);
  EXPECT_EQ(r.err().message.rfind("code 21011005: splittable groups are invalid", 0), 0u) << r.err().message;
}

TEST_F(ClientShopApi, ARateLimitBecomesUnavailable) {
  transport->answer_next(429, envelope(36009002, "too many requests"));
  auto r = api_for().call("GET", "/order/202507/orders", {{"ids", "5761"}}, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::unavailable);
}

TEST_F(ClientShopApi, ATransportFailureBecomesUnavailable) {
  transport->fail_next(plugin::errc::unavailable, "connection refused");
  auto r = api_for().call("GET", "/order/202507/orders", {{"ids", "5761"}}, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::unavailable);
  transport->fail_next(plugin::errc::tls_error, "certificate expired");
  r = api_for().call("GET", "/order/202507/orders", {{"ids", "5761"}}, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::unavailable);
}

TEST_F(ClientShopApi, ErrorMessagesCarryNoSecrets) {
  transport->answer_next(200, envelope(21011005, std::string("bad token ") + std::string(test_token) +
                                                     " or " + std::string(test_secret)));
  auto r = api_for().call("GET", "/order/202507/orders", {{"ids", "5761"}}, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().message.find(test_token), std::string::npos) << r.err().message;
  EXPECT_EQ(r.err().message.find(test_secret), std::string::npos) << r.err().message;
}

TEST_F(ClientShopApi, RefusesCommonParametersInTheQuery) {
  auto r = api_for().call("GET", "/order/202507/orders", {{"access_token", "x"}}, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(transport->count(), 0u);
}

TEST_F(ClientShopApi, ReportsTheShopItServes) {
  auto api = api_for();
  EXPECT_EQ(api.shop_id(), "7001");
  EXPECT_EQ(api.region(), "MX");
  EXPECT_EQ(api.seller_type(), "CROSS_BORDER");
}

TEST_F(ClientShopApi, StateIsPrivateToTheModuleAndShop) {
  auto mx = api_for("mx-split");
  ASSERT_TRUE(mx.save_state("plan:5761", R"({"groups":2})").ok());
  EXPECT_EQ(mx.load_state("plan:5761").value(), std::optional<std::string>(R"({"groups":2})"));
  EXPECT_EQ(api_for("br-invoice").load_state("plan:5761").value(), std::nullopt);
  markets::client_shop_api other_shop(*client, tiktok::shop_ref{"7002", "C2"}, "MX", "LOCAL", "mx-split",
                                      state);
  EXPECT_EQ(other_shop.load_state("plan:5761").value(), std::nullopt);
}

TEST_F(ClientShopApi, SaveStateRefusesAnEmptyKey) {
  auto saved = api_for().save_state("", "x");
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.err().code, plugin::errc::invalid_argument);
}

}  // namespace
}  // namespace kingkung::markets_unit
