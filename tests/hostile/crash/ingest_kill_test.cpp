// kill -9 during ingest on SQLite: a child writes batches of orders through storage::order_repository
// and acknowledges each batch on stdout after its commit. Killed at seeded random moments again and
// again, then reopened each time: the file passes PRAGMA integrity_check, every acknowledged batch is
// there in full, and no batch is there in part. After the last kill a normal run completes and every
// batch is stored exactly once.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "crash_support.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/storage/seller_repository.hpp"

namespace kingkung::hostile {
namespace {

namespace fs = std::filesystem;

constexpr long endless = 1'000'000;   // the killed runs never reach their last batch
constexpr long final_batches = 200;  // what the run after the last kill writes
constexpr long orders_per_batch = 10;
constexpr int kills = 15;
constexpr const char* shop_id = "7000000000000000042";

class HostileCrashIngest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "kk-crash-ingest-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    file_ = dir_ / "kingkung.db";
    auto db = open_sqlite(file_);
    auto migrated = storage::migrate(*db);
    ASSERT_TRUE(migrated.ok()) << migrated.err().message;
    auto seller = storage::seller_repository(*db).create("Crash Seller");
    ASSERT_TRUE(seller.ok()) << seller.err().message;
    long long seller_id = seller->id;
    std::string shop = shop_id;
    *db->acquire() << "INSERT INTO shops (id, seller_id, name, region, seller_type, cipher_sealed, transport, modules,"
                      " granted_scopes, state, demo, connected_at, disconnected_at) VALUES (:id, :seller,"
                      " 'Crash shop', 'MX', 'LOCAL', '', 'tiktok-sim', '[]', '[]', 'connected', 0, 1700000000, 0)",
        soci::use(shop), soci::use(seller_id);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  child start(long first, long last) {
    return child({KINGKUNG_INGEST_CHILD, file_.string(), shop_id, std::to_string(first), std::to_string(last),
                  std::to_string(orders_per_batch)},
                 dir_ / "ingest.log");
  }

  // Reopens the file and checks it: sound, every acknowledged batch whole, no batch partial. Returns how
  // many orders each stored batch has.
  std::map<long, long> check_after_kill(const std::set<long>& acknowledged, const std::string& when) {
    SCOPED_TRACE(when);
    std::map<long, long> per_batch;
    auto db = open_sqlite(file_);
    EXPECT_EQ(integrity(*db), "ok");
    std::map<std::string, long> lines;
    {
      auto s = db->acquire();
      soci::rowset<soci::row> rows = (s->prepare << "SELECT order_id, count(*) FROM order_lines GROUP BY order_id");
      for (const auto& row : rows) lines[row.get<std::string>(0)] = static_cast<long>(integer_at(row, 1));
      soci::rowset<std::string> ids = (s->prepare << "SELECT id FROM orders");
      for (const auto& id : ids) {
        ++per_batch[std::stol(id.substr(0, id.find('-')))];
        EXPECT_EQ(lines[id], 2) << "order " << id << " lost line items";
      }
    }
    for (long b : acknowledged) EXPECT_EQ(per_batch[b], orders_per_batch) << "acknowledged batch " << b;
    for (const auto& [b, n] : per_batch) EXPECT_EQ(n, orders_per_batch) << "batch " << b << " is stored in part";
    return per_batch;
  }

  fs::path dir_;
  fs::path file_;
};

std::set<long> acknowledgements(const std::string& output) {
  std::set<long> out;
  static const std::regex line(R"(batch (\d+)\n)");
  for (std::sregex_iterator it(output.begin(), output.end(), line), end; it != end; ++it)
    out.insert(std::stol((*it)[1].str()));
  return out;
}

TEST_F(HostileCrashIngest, AcknowledgedBatchesSurviveRepeatedKillsAndARunAfterwardsCompletes) {
  const auto seed = crash_seed();
  std::cout << "crash seed " << seed << " (KINGKUNG_CRASH_SEED=" << seed << " replays it)" << std::endl;
  RecordProperty("crash_seed", std::to_string(seed));
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delay_ms(5, 400);

  std::set<long> acknowledged;
  long next = 0;
  int mid_ingest_kills = 0;
  for (int k = 0; k < kills && !HasFailure(); ++k) {
    auto c = start(next, endless);
    c.read_for(std::chrono::milliseconds(delay_ms(random)));
    int code = c.kill_now();
    auto got = acknowledgements(c.output());
    if (code == -SIGKILL) ++mid_ingest_kills;
    acknowledged.insert(got.begin(), got.end());
    check_after_kill(acknowledged, "after kill " + std::to_string(k + 1));
    // The next run starts after the last acknowledged batch; one committed but not yet acknowledged is
    // written again, which must store it once.
    if (!acknowledged.empty()) next = *acknowledged.rbegin() + 1;
  }
  ASSERT_FALSE(HasFailure());
  EXPECT_GT(mid_ingest_kills, kills / 2) << "most kills should land while the child was still writing";
  std::cout << acknowledged.size() << " batches acknowledged across " << kills << " kills" << std::endl;

  const long last_batch = next + final_batches - 1;
  auto last = start(next, last_batch);
  ASSERT_EQ(last.wait(), 0);
  EXPECT_EQ(acknowledgements(last.output()).size(), static_cast<std::size_t>(final_batches));
  auto stored = check_after_kill(acknowledged, "after the final run");
  EXPECT_EQ(stored.size(), static_cast<std::size_t>(last_batch + 1));
  auto db = open_sqlite(file_);
  long long orders = 0;
  *db->acquire() << "SELECT count(*) FROM orders", soci::into(orders);
  EXPECT_EQ(orders, (last_batch + 1) * orders_per_batch);
}

}  // namespace
}  // namespace kingkung::hostile
