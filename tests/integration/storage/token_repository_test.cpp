// token_repository on both backends: upsert by (shop, kind), removal per shop, and all-or-nothing
// replacement for key rotation.
#include <gtest/gtest.h>

#include "kingkung/storage/token_repository.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::plugin::errc;
using kingkung::storage::sealed_token_row;
using kingkung::storage::token_repository;

class StorageTokens : public kingkung::test::database_test {
 protected:
  static sealed_token_row row(std::string shop, std::string kind, std::string sealed,
                              std::int64_t expires = 1700000000, std::int64_t updated = 1690000000) {
    return {std::move(shop), std::move(kind), std::move(sealed), expires, updated};
  }
};

TEST_P(StorageTokens, PutThenGetReturnsTheRow) {
  token_repository tokens(db());
  ASSERT_TRUE(
      tokens.put(row("7495540735365777507", "access", "v1.k1.nonce.cipher", 1700001234, 1690000001)).ok());
  auto got = tokens.get("7495540735365777507", "access");
  ASSERT_TRUE(got.ok()) << got.err().message;
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->shop_id, "7495540735365777507");
  EXPECT_EQ((*got)->kind, "access");
  EXPECT_EQ((*got)->sealed, "v1.k1.nonce.cipher");
  EXPECT_EQ((*got)->expires_at, 1700001234);
  EXPECT_EQ((*got)->updated_at, 1690000001);
}

TEST_P(StorageTokens, GetOfAMissingTokenIsEmptyNotAnError) {
  token_repository tokens(db());
  auto got = tokens.get("nope", "refresh");
  ASSERT_TRUE(got.ok()) << got.err().message;
  EXPECT_FALSE(got->has_value());
}

TEST_P(StorageTokens, PutTwiceReplacesTheSameShopAndKind) {
  token_repository tokens(db());
  ASSERT_TRUE(tokens.put(row("shop-1", "access", "old", 100, 10)).ok());
  ASSERT_TRUE(tokens.put(row("shop-1", "access", "new", 200, 20)).ok());
  auto all = tokens.all();
  ASSERT_TRUE(all.ok()) << all.err().message;
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().sealed, "new");
  EXPECT_EQ(all->front().expires_at, 200);
  EXPECT_EQ(all->front().updated_at, 20);
}

TEST_P(StorageTokens, PutWithoutUpdatedAtStampsTheCurrentTime) {
  token_repository tokens(db());
  ASSERT_TRUE(tokens.put(row("shop-1", "refresh", "s", 100, 0)).ok());
  auto got = tokens.get("shop-1", "refresh");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_GT((*got)->updated_at, 1600000000);
}

TEST_P(StorageTokens, PutRejectsAnUnknownKindAndStoresNothing) {
  token_repository tokens(db());
  auto put = tokens.put(row("shop-1", "bearer", "s"));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.err().code, errc::invalid_argument);
  EXPECT_NE(put.err().message.find("\"bearer\""), std::string::npos) << put.err().message;
  EXPECT_TRUE(tokens.all()->empty());
}

TEST_P(StorageTokens, PutRejectsAnEmptySealedRecord) {
  token_repository tokens(db());
  auto put = tokens.put(row("shop-1", "access", ""));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.err().code, errc::invalid_argument);
}

TEST_P(StorageTokens, RemoveShopDeletesEveryTokenOfThatShopOnly) {
  token_repository tokens(db());
  ASSERT_TRUE(tokens.put(row("shop-1", "access", "a1")).ok());
  ASSERT_TRUE(tokens.put(row("shop-1", "refresh", "r1")).ok());
  ASSERT_TRUE(tokens.put(row("shop-2", "access", "a2")).ok());
  ASSERT_TRUE(tokens.remove_shop("shop-1").ok());
  auto all = tokens.all();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().shop_id, "shop-2");
}

TEST_P(StorageTokens, AllIsOrderedByShopThenKind) {
  token_repository tokens(db());
  ASSERT_TRUE(tokens.put(row("b", "refresh", "1")).ok());
  ASSERT_TRUE(tokens.put(row("a", "refresh", "2")).ok());
  ASSERT_TRUE(tokens.put(row("b", "access", "3")).ok());
  auto all = tokens.all();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].shop_id + "/" + (*all)[0].kind, "a/refresh");
  EXPECT_EQ((*all)[1].shop_id + "/" + (*all)[1].kind, "b/access");
  EXPECT_EQ((*all)[2].shop_id + "/" + (*all)[2].kind, "b/refresh");
}

TEST_P(StorageTokens, ReplaceAllChangesTheSealedTextOfEveryRow) {
  token_repository tokens(db());
  ASSERT_TRUE(tokens.put(row("shop-1", "access", "old-a", 100, 10)).ok());
  ASSERT_TRUE(tokens.put(row("shop-1", "refresh", "old-r", 200, 10)).ok());
  auto rows = tokens.all();
  ASSERT_TRUE(rows.ok());
  for (auto& r : *rows) r.sealed = "new-" + r.kind;
  auto replaced = tokens.replace_all(*rows);
  ASSERT_TRUE(replaced.ok()) << replaced.err().message;
  auto after = tokens.all();
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 2u);
  EXPECT_EQ((*after)[0].sealed, "new-access");
  EXPECT_EQ((*after)[0].expires_at, 100);
  EXPECT_EQ((*after)[1].sealed, "new-refresh");
  EXPECT_EQ((*after)[1].expires_at, 200);
}

TEST_P(StorageTokens, ReplaceAllIsAllOrNothingWhenARowWasRemovedMeanwhile) {
  token_repository tokens(db());
  ASSERT_TRUE(tokens.put(row("shop-1", "access", "a1")).ok());
  ASSERT_TRUE(tokens.put(row("shop-2", "access", "a2")).ok());
  ASSERT_TRUE(tokens.put(row("shop-3", "access", "a3")).ok());
  auto rows = tokens.all();
  ASSERT_TRUE(rows.ok());
  for (auto& r : *rows) r.sealed = "resealed";
  ASSERT_TRUE(tokens.remove_shop("shop-3").ok());  // a disconnect between reading and replacing

  auto replaced = tokens.replace_all(*rows);
  ASSERT_FALSE(replaced.ok());
  EXPECT_EQ(replaced.err().code, errc::failed_precondition);
  EXPECT_NE(replaced.err().message.find("shop-3"), std::string::npos) << replaced.err().message;
  auto after = tokens.all();
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 2u);
  EXPECT_EQ((*after)[0].sealed, "a1");  // rows before the failing one were rolled back
  EXPECT_EQ((*after)[1].sealed, "a2");
}

TEST_P(StorageTokens, ReplaceAllNeverOverwritesATokenRefreshedMeanwhile) {
  token_repository tokens(db());
  ASSERT_TRUE(tokens.put(row("shop-1", "access", "first", 100, 10)).ok());
  ASSERT_TRUE(tokens.put(row("shop-2", "access", "other", 100, 10)).ok());
  auto rows = tokens.all();
  ASSERT_TRUE(rows.ok());
  for (auto& r : *rows) r.sealed = "resealed-" + r.shop_id;
  ASSERT_TRUE(tokens.put(row("shop-2", "access", "refreshed", 300, 30)).ok());

  auto replaced = tokens.replace_all(*rows);
  ASSERT_FALSE(replaced.ok());
  EXPECT_EQ(replaced.err().code, errc::failed_precondition);
  auto shop1 = tokens.get("shop-1", "access");
  auto shop2 = tokens.get("shop-2", "access");
  ASSERT_TRUE(shop1.ok() && shop1->has_value() && shop2.ok() && shop2->has_value());
  EXPECT_EQ((*shop1)->sealed, "first");
  EXPECT_EQ((*shop2)->sealed, "refreshed");
}

TEST_P(StorageTokens, ReplaceAllRejectsAMalformedRowBeforeWritingAny) {
  token_repository tokens(db());
  ASSERT_TRUE(tokens.put(row("shop-1", "access", "a1")).ok());
  auto rows = tokens.all();
  ASSERT_TRUE(rows.ok());
  (*rows)[0].sealed = "resealed";
  rows->push_back(row("", "access", "x"));
  auto replaced = tokens.replace_all(*rows);
  ASSERT_FALSE(replaced.ok());
  EXPECT_EQ(replaced.err().code, errc::invalid_argument);
  EXPECT_EQ(tokens.get("shop-1", "access")->value().sealed, "a1");
}

TEST_P(StorageTokens, ErrorsNameTheOperationAndNeverTheBoundValues) {
  token_repository tokens(db());
  {
    auto session = db().acquire();
    *session << "DROP TABLE shop_tokens";
  }
  auto put = tokens.put(row("shop-1", "access", "v1.SEALED-VALUE-MARKER"));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.err().message.rfind("tokens.put: ", 0), 0u) << put.err().message;
  EXPECT_EQ(put.err().message.find("SEALED-VALUE-MARKER"), std::string::npos) << put.err().message;
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageTokens);

}  // namespace
