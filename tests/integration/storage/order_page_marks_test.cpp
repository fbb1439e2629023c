// The orders' change marks (schema migration 7) on both backends: every write of a shop's orders raises
// that shop's mark and no other, the purge deletes the mark with the shop, and the seller's
// shop listing reads the marks with the shops' names, states and connection times.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/shop_lifecycle_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/vault/token_vault.hpp"
#include "storage_test_data.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::domain::order_status;
using kingkung::storage::shop_repository;
namespace vault = kingkung::vault;

class StorageOrderPageMarks : public kingkung::test::database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    if (HasFatalFailure()) return;
    seller_ = kingkung::test::add_seller(db(), "Acme");
    other_ = kingkung::test::add_seller(db(), "Other");
    for (const char* id : {"shop-a", "shop-b"}) {
      kingkung::domain::shop s;
      s.seller_id = seller_;
      s.id = id;
      s.name = std::string("Acme ") + id;
      s.region = "MX";
      s.cipher = "ROW_secret_cipher_Xyz";
      s.connected_at = 1700000000;
      ASSERT_TRUE(shop_repository(db(), vault_).upsert(s).ok());
    }
    kingkung::test::add_shop_row(db(), other_, "shop-z");
  }

  std::map<std::string, std::int64_t> marks(std::int64_t seller) {
    auto listed = shop_repository(db(), vault_).list_by_seller_marked(seller);
    EXPECT_TRUE(listed.ok()) << listed.err().message;
    std::map<std::string, std::int64_t> out;
    if (listed.ok())
      for (const auto& s : *listed) out[s.id] = s.orders_mark;
    return out;
  }

  void upsert(const std::string& shop, const std::string& id, std::int64_t update_time) {
    auto o = kingkung::test::sample_order(shop, id, order_status::awaiting_shipment, 1764000000, update_time);
    auto stored = kingkung::storage::order_repository(db()).upsert({o});
    ASSERT_TRUE(stored.ok()) << stored.err().message;
  }

  vault::token_vault vault_{vault::keyring({vault::master_key::generate()})};
  std::int64_t seller_ = 0;
  std::int64_t other_ = 0;
};

TEST_P(StorageOrderPageMarks, ShopsWithoutWrittenOrdersHaveMarkZero) {
  EXPECT_EQ(marks(seller_), (std::map<std::string, std::int64_t>{{"shop-a", 0}, {"shop-b", 0}}));
}

TEST_P(StorageOrderPageMarks, AnUpsertRaisesOnlyItsShopsMark) {
  upsert("shop-a", "5701", 1764000100);
  auto after_one = marks(seller_);
  EXPECT_GT(after_one["shop-a"], 0);
  EXPECT_EQ(after_one["shop-b"], 0);
  upsert("shop-a", "5701", 1764000200);  // the same order, changed
  EXPECT_GT(marks(seller_)["shop-a"], after_one["shop-a"]);
  EXPECT_EQ(marks(seller_)["shop-b"], 0);
}

TEST_P(StorageOrderPageMarks, RebuildingSearchDataRaisesTheMark) {
  upsert("shop-b", "5801", 1764000100);
  auto before = marks(seller_)["shop-b"];
  ASSERT_TRUE(kingkung::storage::order_repository(db()).rebuild_search_data("shop-b").ok());
  EXPECT_GT(marks(seller_)["shop-b"], before);
}

TEST_P(StorageOrderPageMarks, ThePurgeDeletesTheMarkWithTheShop) {
  upsert("shop-a", "5701", 1764000100);
  upsert("shop-b", "5702", 1764000100);
  ASSERT_GT(marks(seller_)["shop-a"], 0);
  shop_repository shops(db(), vault_);
  ASSERT_TRUE(shops.mark_disconnected("shop-a", 10).ok());
  auto purged = kingkung::storage::shop_lifecycle_repository(db()).purge_shop("shop-a", 20);
  ASSERT_TRUE(purged.ok()) << purged.err().message;
  ASSERT_EQ(purged->shops, 1u);
  EXPECT_EQ(marks(seller_).count("shop-a"), 0u);
  long long left = -1;
  *db().acquire() << "SELECT count(*) FROM order_change_marks WHERE shop_id = 'shop-a'", soci::into(left);
  EXPECT_EQ(left, 0);
  EXPECT_GT(marks(seller_)["shop-b"], 0);  // another shop's mark stays
}

TEST_P(StorageOrderPageMarks, TheMarkedListingIsTheSellersShopsByNameThenId) {
  // Names out of id order, and a tie on the name that the id breaks.
  for (auto [id, name] : {std::pair{"shop-0", "Acme shop-b"}, std::pair{"shop-9", "Aaa first"}}) {
    kingkung::domain::shop s;
    s.seller_id = seller_;
    s.id = id;
    s.name = name;
    s.region = "BR";
    s.connected_at = 1700000500;
    ASSERT_TRUE(shop_repository(db(), vault_).upsert(s).ok());
  }
  ASSERT_TRUE(shop_repository(db(), vault_).set_state("shop-b", kingkung::domain::shop_state::disconnected).ok());
  auto listed = shop_repository(db(), vault_).list_by_seller_marked(seller_);
  ASSERT_TRUE(listed.ok()) << listed.err().message;
  std::vector<std::string> ids;
  for (const auto& s : *listed) {
    ids.push_back(s.id);
    EXPECT_EQ(s.seller_id, seller_) << s.id;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"shop-9", "shop-a", "shop-0", "shop-b"}));
  EXPECT_EQ((*listed)[0].name, "Aaa first");
  EXPECT_EQ((*listed)[0].region, "BR");
  EXPECT_EQ((*listed)[0].connected_at, 1700000500);
  EXPECT_EQ((*listed)[1].region, "MX");
  EXPECT_EQ((*listed)[1].state, kingkung::domain::shop_state::connected);
  EXPECT_EQ((*listed)[1].disconnected_at, 0);
  EXPECT_EQ((*listed)[3].state, kingkung::domain::shop_state::disconnected);
  EXPECT_GT((*listed)[3].disconnected_at, 0);

  auto opened = shop_repository(db(), vault_).list_by_seller(seller_);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ((*opened)[1].cipher, "ROW_secret_cipher_Xyz");
  auto sealed = shop_repository(db(), vault_).list_by_seller_sealed(seller_);
  ASSERT_TRUE(sealed.ok());
  ASSERT_EQ(sealed->size(), 4u);
  EXPECT_TRUE((*sealed)[1].cipher.empty());
  EXPECT_EQ(marks(other_), (std::map<std::string, std::int64_t>{{"shop-z", 0}}));
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageOrderPageMarks);

}  // namespace
