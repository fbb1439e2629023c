// Webhooks end to end against the real simulator: events signed with the app secret go through the intake
// and the processor; the handlers refresh from the platform and disconnect through the privacy lifecycle.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

#include "../storage/storage_test_data.hpp"
#include "../tiktok_sim/sim_env.hpp"
#include "kingkung/privacy/disconnect.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/token_repository.hpp"
#include "kingkung/vault/keyring.hpp"
#include "kingkung/vault/token_vault.hpp"
#include "kingkung/webhooks/default_handlers.hpp"
#include "kingkung/webhooks/intake.hpp"
#include "kingkung/webhooks/processor.hpp"
#include "test_databases.hpp"

namespace kingkung::webhooks {
namespace {

using namespace tiktok_sim_test;

// The access token as stored: sealed in shop_tokens, opened by the vault for each call.
class stored_token_source final : public tiktok::token_source {
 public:
  stored_token_source(storage::database& db, const vault::token_vault& vault) : tokens_(db), vault_(vault) {}

  tiktok::result<secret> current(std::string_view shop_id) override {
    auto row = tokens_.get(shop_id, "access");
    if (!row.ok() || !row->has_value()) return missing(shop_id);
    auto opened = vault_.open(shop_id, (**row).sealed);
    if (!opened.ok()) return missing(shop_id);
    return std::move(*opened);
  }
  tiktok::result<secret> refresh(std::string_view shop_id) override { return missing(shop_id); }

 private:
  static tiktok::api_error missing(std::string_view shop_id) {
    tiktok::api_error e;
    e.kind = tiktok::error_class::invalid_request;
    e.message = "no token for shop " + std::string(shop_id);
    return e;
  }
  storage::token_repository tokens_;
  const vault::token_vault& vault_;
};

std::string signed_event(int type, const std::string& id, std::string_view shop, const std::string& data) {
  return "{\"type\":" + std::to_string(type) + ",\"tts_notification_id\":\"" + id + "\",\"shop_id\":\"" +
         std::string(shop) + "\",\"timestamp\":" + std::to_string(start_unix) + ",\"data\":" + data + "}";
}

class WebhookSim : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    scratch_ = test::scratch_database::create(test::test_backend::sqlite, why);
    ASSERT_NE(scratch_, nullptr) << why;
    ASSERT_TRUE(storage::migrate(db()).ok());
    seller_ = test::add_seller(db(), "Sim Seller");
    test::add_shop_row(db(), seller_, std::string(us_shop_id));
    shop_ = env_.connect(us_shop_id);

    intake_options o;
    o.app_key = std::string(app_key);
    o.app_secret = secret(std::string(app_secret));
    intake_ = std::make_unique<intake>(db(), std::move(o));
  }

  storage::database& db() { return scratch_->db(); }

  void deliver(const std::string& body) {
    auto sig = tiktok::hmac_sha256_hex(app_secret, std::string(app_key) + body);
    auto out = intake_->handle(body, sig);
    ASSERT_EQ(out.status, 200u) << out.body;
  }

  void drain(event_handlers& handlers) {
    processor p(db(), handlers);
    auto r = p.drain();
    ASSERT_TRUE(r.ok()) << r.err().message;
    ASSERT_EQ(r->retrying + r->failed, 0u);
  }

  // Refreshes orders from the simulator into the order repository, as the sync engine's targeted refresh.
  handler_hooks refreshing_hooks(tiktok::client& api) {
    handler_hooks hooks;
    hooks.refresh_orders = [this, &api](const std::string& shop_id,
                                        const std::vector<std::string>& ids) -> result<void> {
      ++refreshes_;
      auto orders = tiktok::get_order_detail(api, shop_id == shop_.id ? shop_ : tiktok::shop_ref{shop_id, ""}, ids);
      if (!orders) return orders.err().to_plugin_error();
      auto stored = storage::order_repository(db()).upsert(*orders);
      if (!stored) return std::move(stored).err();
      return {};
    };
    return hooks;
  }

  std::string sim_status(const std::string& order_id) {
    auto orders = tiktok::get_order_detail(*env_.api, shop_, {order_id});
    EXPECT_TRUE(orders.ok());
    return orders.ok() && !orders->empty() ? orders->front().status_text : "";
  }

  void move(const std::string& order_id, std::string_view status) {
    env_.control_data("POST", "/__sim/orders/" + order_id + "/status", json::object{{"status", status}});
  }

  sim_env env_;
  std::unique_ptr<test::scratch_database> scratch_;
  std::int64_t seller_ = 0;
  shop_ref shop_;
  std::unique_ptr<intake> intake_;
  int refreshes_ = 0;
};

TEST_F(WebhookSim, OutOfOrderStatusChangesEndInThePlatformsFinalState) {
  auto order_id = env_.create_orders(us_shop_id, 1, "single").at(0);
  move(order_id, "AWAITING_COLLECTION");
  auto collection = signed_event(1, "oo-1", us_shop_id,
                                 "{\"order_id\":\"" + order_id + "\",\"order_status\":\"AWAITING_COLLECTION\","
                                 "\"update_time\":" + std::to_string(start_unix + 1) + "}");
  move(order_id, "IN_TRANSIT");
  auto transit = signed_event(1, "oo-2", us_shop_id,
                              "{\"order_id\":\"" + order_id + "\",\"order_status\":\"IN_TRANSIT\","
                              "\"update_time\":" + std::to_string(start_unix + 2) + "}");
  default_event_handlers handlers(db(), refreshing_hooks(*env_.api));
  deliver(transit);
  drain(handlers);
  deliver(collection);
  drain(handlers);

  EXPECT_EQ(refreshes_, 2);
  auto stored = storage::order_repository(db()).get(us_shop_id, order_id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((**stored).status_text, "IN_TRANSIT");
  EXPECT_EQ((**stored).status_text, sim_status(order_id));
}

TEST_F(WebhookSim, DuplicateDeliveryRefreshesOnce) {
  auto order_id = env_.create_orders(us_shop_id, 1, "single").at(0);
  auto event = signed_event(1, "dup-1", us_shop_id,
                            "{\"order_id\":\"" + order_id + "\",\"order_status\":\"AWAITING_SHIPMENT\"}");
  default_event_handlers handlers(db(), refreshing_hooks(*env_.api));
  deliver(event);
  deliver(event);
  drain(handlers);
  drain(handlers);
  EXPECT_EQ(refreshes_, 1);
  auto stored = storage::order_repository(db()).get(us_shop_id, order_id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
}

TEST_F(WebhookSim, AForgedEventChangesNothing) {
  auto order_id = env_.create_orders(us_shop_id, 1, "single").at(0);
  auto event = signed_event(1, "forged-1", us_shop_id, "{\"order_id\":\"" + order_id + "\"}");
  auto forged = tiktok::hmac_sha256_hex("guessed-secret", std::string(app_key) + event);
  EXPECT_EQ(intake_->handle(event, forged).status, 401u);
  default_event_handlers handlers(db(), refreshing_hooks(*env_.api));
  drain(handlers);
  EXPECT_EQ(refreshes_, 0);
  auto stored = storage::order_repository(db()).get(us_shop_id, order_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_FALSE(stored->has_value());
}

class WebhookSimDisconnect : public WebhookSim {
 protected:
  void SetUp() override {
    WebhookSim::SetUp();
    if (HasFatalFailure()) return;
    vault_ = std::make_unique<vault::token_vault>(vault::keyring({vault::master_key::generate()}));
    // The shop's own grant, sealed into shop_tokens as the OAuth callback stores it.
    auto grant = tiktok::get_access_token(*env_.api, secret(env_.issue_auth_code(us_shop_id)));
    ASSERT_TRUE(grant.ok()) << grant.err().to_string();
    storage::token_repository tokens(db());
    ASSERT_TRUE(tokens.put({shop_.id, "access", vault_->seal(shop_.id, grant->access_token),
                            grant->access_token_expire_in, 0}).ok());
    ASSERT_TRUE(tokens.put({shop_.id, "refresh", vault_->seal(shop_.id, grant->refresh_token),
                            grant->refresh_token_expire_in, 0}).ok());

    tiktok::client_options o;
    o.app_key = std::string(app_key);
    o.app_secret = secret(std::string(app_secret));
    o.qps_per_api = 1000;
    o.backoff.max_retries = 0;
    tiktok::client_services s;
    s.transport = env_.transport;
    s.tokens = std::make_shared<stored_token_source>(db(), *vault_);
    s.clock = std::make_shared<timeline::wall>(env_.time);
    s.pacing = std::make_shared<timeline::pacing>(env_.time);
    s.observer = calls_;
    api_ = std::make_unique<tiktok::client>(std::move(o), std::move(s));
    order_id_ = env_.create_orders(us_shop_id, 1, "single").at(0);
  }

  // Calls made for the shop, as the client's observer saw them.
  std::size_t calls_for_shop() {
    std::size_t n = 0;
    for (const auto& r : calls_->records)
      if (r.shop_id == shop_.id) ++n;
    return n;
  }

  long long token_rows() {
    long long n = 0;
    *db().acquire() << "SELECT COUNT(*) FROM shop_tokens WHERE shop_id = :id", soci::into(n), soci::use(shop_.id);
    return n;
  }

  std::string shop_state() {
    std::string state;
    *db().acquire() << "SELECT state FROM shops WHERE id = :id", soci::into(state), soci::use(shop_.id);
    return state;
  }

  std::unique_ptr<vault::token_vault> vault_;
  std::shared_ptr<counting_observer> calls_ = std::make_shared<counting_observer>();
  std::unique_ptr<tiktok::client> api_;
  std::string order_id_;
};

TEST_F(WebhookSimDisconnect, DisconnectDeletesTokensAndNoLaterCallIsSent) {
  ASSERT_TRUE(tiktok::get_order_detail(*api_, shop_, {order_id_}).ok());
  const auto before = calls_for_shop();
  ASSERT_GT(before, 0u);

  auto r = privacy::disconnect(db(), shop_.id, privacy::actor{1, "owner@sim.example", "127.0.0.1"}, start_unix);
  ASSERT_TRUE(r.ok()) << r.err().message;

  EXPECT_EQ(token_rows(), 0);
  EXPECT_EQ(shop_state(), "disconnected");
  auto after = tiktok::get_order_detail(*api_, shop_, {order_id_});
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.err().kind, tiktok::error_class::invalid_request);
  EXPECT_EQ(calls_for_shop(), before);
}

TEST_F(WebhookSimDisconnect, DeauthorizationWebhookDisconnectsTheShop) {
  ASSERT_TRUE(tiktok::get_order_detail(*api_, shop_, {order_id_}).ok());
  const auto before = calls_for_shop();
  env_.control_data("POST", "/__sim/deauthorize", json::object{{"shop", us_shop_id}});

  deliver(signed_event(6, "deauth-1", us_shop_id,
                       "{\"message\":\"Shop_id " + std::string(us_shop_id) + " is deauthorized from your APP\"}"));
  default_event_handlers handlers(db(), refreshing_hooks(*api_));
  drain(handlers);

  EXPECT_EQ(token_rows(), 0);
  EXPECT_EQ(shop_state(), "disconnected");
  EXPECT_FALSE(tiktok::get_order_detail(*api_, shop_, {order_id_}).ok());
  EXPECT_EQ(calls_for_shop(), before);
}

}  // namespace
}  // namespace kingkung::webhooks
