// shop_repository on both backends, with a real token vault sealing the shop cipher.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/vault/token_vault.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::domain::shop;
using kingkung::domain::shop_state;
using kingkung::plugin::errc;
using kingkung::storage::seller_repository;
using kingkung::storage::shop_repository;
namespace vault = kingkung::vault;

class StorageShops : public kingkung::test::database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    if (HasFatalFailure()) return;
    auto a = seller_repository(db()).create("Acme");
    auto b = seller_repository(db()).create("Other");
    ASSERT_TRUE(a.ok() && b.ok());
    seller_ = a->id;
    other_seller_ = b->id;
  }

  shop make(std::string id, std::string name = "Acme MX") {
    shop s;
    s.seller_id = seller_;
    s.id = std::move(id);
    s.name = std::move(name);
    s.region = "MX";
    s.seller_type = "CROSS_BORDER";
    s.cipher = "ROW_secret_cipher_Xyz";
    s.transport = "tiktok-sim";
    s.modules = {"mx-split"};
    s.granted_scopes = {"seller.order.info", "seller.fulfillment.basic"};
    s.connected_at = 1700000000;
    s.code = "MXLC1234";
    return s;
  }

  vault::token_vault vault_{vault::keyring({vault::master_key::generate()})};
  std::int64_t seller_ = 0;
  std::int64_t other_seller_ = 0;
};

TEST_P(StorageShops, UpsertThenGetReturnsEveryField) {
  shop_repository shops(db(), vault_);
  ASSERT_TRUE(shops.upsert(make("7000")).ok());
  auto got = shops.get("7000");
  ASSERT_TRUE(got.ok()) << got.err().message;
  ASSERT_TRUE(got->has_value());
  const shop& s = **got;
  EXPECT_EQ(s.seller_id, seller_);
  EXPECT_EQ(s.name, "Acme MX");
  EXPECT_EQ(s.region, "MX");
  EXPECT_EQ(s.seller_type, "CROSS_BORDER");
  EXPECT_EQ(s.cipher, "ROW_secret_cipher_Xyz");
  EXPECT_EQ(s.transport, "tiktok-sim");
  EXPECT_EQ(s.modules, std::vector<std::string>{"mx-split"});
  EXPECT_EQ(s.granted_scopes, (std::vector<std::string>{"seller.order.info", "seller.fulfillment.basic"}));
  EXPECT_EQ(s.state, shop_state::connected);
  EXPECT_FALSE(s.demo);
  EXPECT_EQ(s.connected_at, 1700000000);
  EXPECT_EQ(s.disconnected_at, 0);
  EXPECT_EQ(s.code, "MXLC1234");
}

TEST_P(StorageShops, TheCipherIsNeverStoredInPlain) {
  ASSERT_TRUE(shop_repository(db(), vault_).upsert(make("7000")).ok());
  std::string sealed;
  *db().acquire() << "SELECT cipher_sealed FROM shops WHERE id = '7000'", soci::into(sealed);
  EXPECT_FALSE(sealed.empty());
  EXPECT_EQ(sealed.find("ROW_secret_cipher_Xyz"), std::string::npos) << sealed;
  EXPECT_EQ(sealed.rfind("v1.", 0), 0u) << sealed;
}

TEST_P(StorageShops, ACipherCopiedToAnotherShopDoesNotOpen) {
  shop_repository shops(db(), vault_);
  ASSERT_TRUE(shops.upsert(make("7000")).ok());
  ASSERT_TRUE(shops.upsert(make("7001")).ok());
  *db().acquire() << "UPDATE shops SET cipher_sealed = (SELECT c FROM (SELECT cipher_sealed AS c FROM shops"
                     " WHERE id = '7000') AS src) WHERE id = '7001'";
  auto got = shops.get("7001");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.err().message.find("shop cipher of shop 7001"), std::string::npos) << got.err().message;
}

TEST_P(StorageShops, UpsertOfAKnownShopUpdatesIt) {
  shop_repository shops(db(), vault_);
  ASSERT_TRUE(shops.upsert(make("7000")).ok());
  auto changed = make("7000", "Renamed");
  changed.modules = {};
  changed.granted_scopes = {"seller.order.info"};
  changed.cipher = "new-cipher";
  ASSERT_TRUE(shops.upsert(changed).ok());
  auto got = shops.get("7000");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->name, "Renamed");
  EXPECT_TRUE((*got)->modules.empty());
  EXPECT_EQ((*got)->granted_scopes.size(), 1u);
  EXPECT_EQ((*got)->cipher, "new-cipher");
}

TEST_P(StorageShops, AShopNeverMovesToAnotherSeller) {
  shop_repository shops(db(), vault_);
  ASSERT_TRUE(shops.upsert(make("7000")).ok());
  auto taken = make("7000");
  taken.seller_id = other_seller_;
  auto result = shops.upsert(taken);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.err().code, errc::failed_precondition);
  EXPECT_EQ(shops.get("7000")->value().seller_id, seller_);
}

TEST_P(StorageShops, AShopOfAnUnknownSellerIsRefused) {
  auto s = make("7000");
  s.seller_id = 424242;
  auto result = shop_repository(db(), vault_).upsert(s);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.err().code, errc::not_found);
}

TEST_P(StorageShops, ListBySellerReturnsOnlyThatSellersShopsByName) {
  shop_repository shops(db(), vault_);
  ASSERT_TRUE(shops.upsert(make("1", "Zeta")).ok());
  ASSERT_TRUE(shops.upsert(make("2", "Alpha")).ok());
  auto foreign = make("3", "Beta");
  foreign.seller_id = other_seller_;
  ASSERT_TRUE(shops.upsert(foreign).ok());
  auto list = shops.list_by_seller(seller_);
  ASSERT_TRUE(list.ok()) << list.err().message;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "Alpha");
  EXPECT_EQ((*list)[1].name, "Zeta");
}

TEST_P(StorageShops, ListDemoReturnsDemoShopsOfEverySeller) {
  shop_repository shops(db(), vault_);
  auto demo_a = make("d1");
  demo_a.demo = true;
  auto demo_b = make("d2");
  demo_b.demo = true;
  demo_b.seller_id = other_seller_;
  ASSERT_TRUE(shops.upsert(demo_a).ok());
  ASSERT_TRUE(shops.upsert(demo_b).ok());
  ASSERT_TRUE(shops.upsert(make("real")).ok());
  auto list = shops.list_demo();
  ASSERT_TRUE(list.ok()) << list.err().message;
  ASSERT_EQ(list->size(), 2u);
  for (const auto& s : *list) EXPECT_TRUE(s.demo) << s.id;
}

TEST_P(StorageShops, MarkDisconnectedRecordsWhen) {
  shop_repository shops(db(), vault_);
  ASSERT_TRUE(shops.upsert(make("7000")).ok());
  ASSERT_TRUE(shops.mark_disconnected("7000", 1700500000).ok());
  auto got = shops.get("7000");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->state, shop_state::disconnected);
  EXPECT_EQ((*got)->disconnected_at, 1700500000);
}

TEST_P(StorageShops, SetStateConnectedClearsTheDisconnectionTime) {
  shop_repository shops(db(), vault_);
  ASSERT_TRUE(shops.upsert(make("7000")).ok());
  ASSERT_TRUE(shops.mark_disconnected("7000", 1700500000).ok());
  ASSERT_TRUE(shops.set_state("7000", shop_state::connected).ok());
  auto got = shops.get("7000");
  EXPECT_EQ((*got)->state, shop_state::connected);
  EXPECT_EQ((*got)->disconnected_at, 0);
}

TEST_P(StorageShops, SetStateDisconnectedKeepsAnEarlierDisconnectionTime) {
  shop_repository shops(db(), vault_);
  ASSERT_TRUE(shops.upsert(make("7000")).ok());
  ASSERT_TRUE(shops.mark_disconnected("7000", 1700500000).ok());
  ASSERT_TRUE(shops.set_state("7000", shop_state::disconnected).ok());
  EXPECT_EQ(shops.get("7000")->value().disconnected_at, 1700500000);
}

TEST_P(StorageShops, SettingTheStateItAlreadyHasSucceeds) {
  shop_repository shops(db(), vault_);
  ASSERT_TRUE(shops.upsert(make("7000")).ok());
  auto again = shops.set_state("7000", shop_state::connected);
  EXPECT_TRUE(again.ok()) << again.err().message;
}

TEST_P(StorageShops, ChangingTheStateOfAnUnknownShopIsNotFound) {
  shop_repository shops(db(), vault_);
  EXPECT_EQ(shops.set_state("nope", shop_state::needs_reauthorization).err().code, errc::not_found);
  EXPECT_EQ(shops.mark_disconnected("nope", 1).err().code, errc::not_found);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageShops);

}  // namespace
