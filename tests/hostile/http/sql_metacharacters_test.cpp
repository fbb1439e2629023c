// SQL metacharacters in every filter of the orders and products lists and in every id of a path are
// plain text: the answer is 200, 400 or 404 (never 500), the tables are intact and nothing changed.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>
#include <vector>

#include "hostile_fixture.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::hostile {
namespace {

class HostileSqlMetacharacters : public hostile_suite<HostileSqlMetacharacters> {
 protected:
  void expect_harmless(const std::string& target) {
    auto r = center().send("GET", target, &owner());
    ASSERT_TRUE(r) << target;
    EXPECT_TRUE(r->status == 200 || r->status == 400 || r->status == 404) << r->status << " " << target << "\n"
                                                                           << r->body;
  }
  void expect_tables_intact() {
    std::string verdict;
    *center().database().acquire() << "PRAGMA integrity_check", soci::into(verdict);
    EXPECT_EQ(verdict, "ok");
    EXPECT_EQ(center().count_rows("orders"), 36);
    EXPECT_GT(center().count_rows("products"), 0);
    expect_unchanged();
  }
};

const std::vector<std::string> payloads = {
    "'",
    "\"",
    "\\",
    "%",
    "_",
    ";",
    "--",
    "/*",
    "' OR '1'='1",
    "\" OR \"1\"=\"1",
    "1' OR 1=1 --",
    "1); DROP TABLE orders; --",
    "'; DELETE FROM orders; --",
    "' UNION SELECT id, seller_id, name FROM shops --",
    "1 AND SLEEP(5)",
    "%' AND 1=0 UNION SELECT sqlite_version() --",
    "\\'; DROP TABLE sessions; --",
};

TEST_F(HostileSqlMetacharacters, EveryOrdersFilterTreatsThemAsText) {
  for (const char* filter : {"status", "shop_id", "q", "from", "to", "sort", "page_size", "cursor"})
    for (const auto& p : payloads) expect_harmless("/api/v1/orders?" + std::string(filter) + "=" + percent_encode(p));
  expect_tables_intact();
}

TEST_F(HostileSqlMetacharacters, EveryProductsFilterTreatsThemAsText) {
  for (const char* filter : {"q", "shop_id", "status", "page_size", "cursor"})
    for (const auto& p : payloads)
      expect_harmless("/api/v1/products?" + std::string(filter) + "=" + percent_encode(p));
  expect_tables_intact();
}

TEST_F(HostileSqlMetacharacters, OtherListFiltersTreatThemAsText) {
  for (const char* route : {"/api/v1/packages?shop_id=", "/api/v1/packages?status=", "/api/v1/api-log?shop_id=",
                            "/api/v1/dashboard?shop_id=", "/api/v1/orders/export.csv?q="})
    for (const auto& p : payloads) expect_harmless(route + percent_encode(p));
  expect_tables_intact();
}

TEST_F(HostileSqlMetacharacters, PathIdsTreatThemAsText) {
  auto ids = center().ids(owner());
  for (const auto& p : payloads) {
    auto id = percent_encode(p);
    expect_harmless("/api/v1/orders/" + ids.shop_id + "/" + id);
    expect_harmless("/api/v1/orders/" + id + "/" + ids.order_id);
    expect_harmless("/api/v1/products/" + ids.shop_id + "/" + id);
    expect_harmless("/api/v1/products/" + id + "/" + ids.product_id);
    expect_harmless("/api/v1/jobs/" + id);
    expect_harmless("/api/v1/shops/" + id + "/disconnect-preview");
  }
  expect_tables_intact();
}

}  // namespace
}  // namespace kingkung::hostile
