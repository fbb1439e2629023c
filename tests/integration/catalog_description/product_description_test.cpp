// A product's description survives product syncs: Search Products sends no description, so a sync keeps
// the stored one, while Get Product (after an edit, on the product page) writes what the platform holds,
// an emptied description included. On SQLite and MariaDB.
#include <gtest/gtest.h>

#include "../sync/sync_test_support.hpp"
#include "kingkung/storage/catalog_repository.hpp"
#include "kingkung/tiktok/products.hpp"

namespace kingkung::sync_test {
namespace {

using tiktok_sim_test::mx_shop_id;

class CatalogDescription : public sync_test {
 protected:
  // Syncs the MX shop's products, then stores one product as Get Product gives it (the product page and the
  // edit path do that); the product as stored.
  domain::product synced_then_read_in_full() {
    start();
    engine_ = std::make_unique<sync::engine>(make_engine());
    auto l = link(mx_shop_id);
    auto first = engine_->sync_products(l);
    EXPECT_TRUE(first.ok) << first.error;
    auto ids = storage::product_repository(db()).ids(mx_shop_id);
    if (!ids.ok() || ids->empty()) throw std::runtime_error("no product was synced");
    auto full = tiktok::get_product(*env().api, l.shop, ids->front());
    if (!full.ok()) throw std::runtime_error(full.err().to_string());
    full->shop_id = std::string(mx_shop_id);
    auto saved = storage::product_repository(db()).upsert({*full});
    if (!saved.ok()) throw std::runtime_error(saved.err().message);
    return stored(full->id);
  }

  // Changes the product's title on the platform, which moves its update_time, then syncs again.
  void retitle_and_sync(const std::string& id, const std::string& title) {
    pass_time(2);
    auto l = link(mx_shop_id);
    tiktok::partial_edit_request edit;
    edit.title = title;
    auto edited = tiktok::partial_edit_product(*env().api, l.shop, id, edit);
    ASSERT_TRUE(edited.ok()) << edited.err().to_string();
    pass_time(2);
    auto again = engine_->sync_products(l);
    ASSERT_TRUE(again.ok) << again.error;
  }

  domain::product stored(const std::string& id) {
    auto p = storage::product_repository(db()).get(mx_shop_id, id);
    if (!p.ok() || !p.value()) throw std::runtime_error("product " + id + " is not stored");
    return **p;
  }

  std::unique_ptr<sync::engine> engine_;
};

TEST_P(CatalogDescription, ASyncAfterAChangeKeepsTheStoredDescription) {
  const auto before = synced_then_read_in_full();
  ASSERT_FALSE(before.description.empty()) << "the simulator's product has no description to keep";
  retitle_and_sync(before.id, "Renamed by the seller");
  const auto after = stored(before.id);
  EXPECT_EQ(after.title, "Renamed by the seller") << "the sync did not store the changed product";
  EXPECT_EQ(after.description, before.description);
}

TEST_P(CatalogDescription, AProductReadInFullStoresItsDescription) {
  const auto p = synced_then_read_in_full();
  auto platform = tiktok::get_product(*env().api, link(mx_shop_id).shop, p.id);
  ASSERT_TRUE(platform.ok()) << platform.err().to_string();
  EXPECT_EQ(p.description, platform->description);
}

TEST_P(CatalogDescription, ADescriptionEmptiedByAnEditIsStoredEmpty) {
  auto p = synced_then_read_in_full();
  ASSERT_FALSE(p.description.empty());
  p.description.clear();
  p.update_time += 1;
  auto saved = storage::product_repository(db()).upsert({p});
  ASSERT_TRUE(saved.ok()) << saved.err().message;
  EXPECT_EQ(stored(p.id).description, "");
}

TEST_P(CatalogDescription, ASnapshotWithoutDescriptionKeepsItButReplacesTheRest) {
  auto p = synced_then_read_in_full();
  const std::string description = p.description;
  p.description.clear();
  p.title = "Listed title";
  p.update_time += 1;
  auto saved = storage::product_repository(db()).upsert({p}, storage::description_field::absent);
  ASSERT_TRUE(saved.ok()) << saved.err().message;
  EXPECT_EQ(saved->updated, 1u);
  const auto after = stored(p.id);
  EXPECT_EQ(after.title, "Listed title");
  EXPECT_EQ(after.description, description);
}

TEST_P(CatalogDescription, ANewProductFromASnapshotWithoutDescriptionIsStoredWithout) {
  auto p = synced_then_read_in_full();
  p.id = "1729000000000000001";
  p.description = "ignored: the snapshot has none";
  for (auto& sku : p.skus) sku.id = "9" + sku.id;
  auto saved = storage::product_repository(db()).upsert({p}, storage::description_field::absent);
  ASSERT_TRUE(saved.ok()) << saved.err().message;
  EXPECT_EQ(saved->inserted, 1u);
  EXPECT_EQ(stored(p.id).description, "");
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(CatalogDescription);

}  // namespace
}  // namespace kingkung::sync_test
