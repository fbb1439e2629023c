// kill -9 of `kingkung serve-sync` at seeded random moments while it syncs three simulator shops with many
// orders into SQLite. After each kill the file is reopened: PRAGMA integrity_check answers ok, and what
// the product recorded as committed holds: every order of a shop whose update_time is below the shop's
// order cursor (sync_state) is stored. After the last kill a normal run completes and the stored orders
// are the platform's, each once, with the platform's status.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "crash_support.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/connect/shop_links.hpp"
#include "kingkung/tiktok/orders.hpp"

namespace kingkung::hostile {
namespace {

namespace fs = std::filesystem;

constexpr const char* shop_ids[] = {"7495610013482590221", "7496002287415330818", "7494883102967740417"};
constexpr int orders_per_shop = 100;
constexpr int kills = 8;
constexpr int interval_seconds = 5;

// What the product had recorded as committed at one kill: each shop's order cursor and the orders stored.
struct committed {
  std::map<std::string, std::int64_t> cursor;
  std::map<std::string, std::set<std::string>> stored;
};

class HostileCrashSync : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "kk-crash-sync-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    fs::create_directories(dir_ / "var");
    std::ofstream(dir_ / "app-secret") << "crash-sync-app-secret-77a0\n";
    fs::permissions(dir_ / "app-secret", fs::perms::owner_read | fs::perms::owner_write);
    config_ = dir_ / "kingkung.toml";
    std::string shops, sim_shops;
    const char* keys[] = {"demo-mx", "demo-br", "demo-us"};
    const char* regions[] = {"MX", "BR", "US"};
    const char* types[] = {"CROSS_BORDER", "LOCAL", "LOCAL"};
    for (int i = 0; i < 3; ++i) {
      sim_shops += std::string("[plugins.config.tiktok-sim.shop.") + keys[i] + "]\nid = \"" + shop_ids[i] +
                   "\"\nregion = \"" + regions[i] + "\"\nseller_type = \"" + types[i] +
                   "\"\norders = " + std::to_string(orders_per_shop) + "\n";
      shops += std::string("[[shops]]\nkey = \"") + keys[i] + "\"\nshop_id = \"" + shop_ids[i] + "\"\nregion = \"" +
               regions[i] + "\"\nseller_type = \"" + types[i] +
               "\"\ntransport = \"tiktok-sim\"\nmodules = []\ndemo = true\n";
    }
    // A low rate keeps the first sync (orders, then a detail call per package) running across the kills;
    // the lease outlasts two pages of package details at that rate, so a live worker never loses it.
    std::ofstream(config_) << "[database]\nurl = \"sqlite3:var/kingkung.db\"\n[vault]\nkey_file = \"var/master.key\"\n"
                           << "[tiktok]\napp_key = \"kk-crash-app\"\napp_secret_file = \"app-secret\"\nqps_per_api = 10\n"
                           << "[transports]\ndefault = \"tiktok-sim\"\n[plugins]\ndir = \"" << KINGKUNG_PLUGIN_DIR
                           << "\"\nload = [\"tiktok-sim\"]\n[plugins.config.tiktok-sim]\n"
                           << "app_key = \"kk-crash-app\"\napp_secret_file = \"app-secret\"\nseed = 911\n"
                           << "shops = [\"demo-mx\", \"demo-br\", \"demo-us\"]\n"
                           << sim_shops << shops
                           << "[sync]\ninterval_seconds = " << interval_seconds << "\nlease_seconds = 30\nworkers = 2\n"
                           << "[demo]\nenabled = true\nemail = \"demo@kingkung.example\"\npassword = \"kingkung-demo\"\n"
                           << "[log]\nlevel = \"info\"\n";
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  child serve_sync(bool once) {
    std::vector<std::string> args{KINGKUNG_BINARY_DIR "/bin/kingkung", "--config", config_.string(), "serve-sync"};
    if (once) args.push_back("--once");
    return child(args, dir_ / "serve-sync.log");
  }

  std::string log() const {
    std::ifstream in(dir_ / "serve-sync.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  // How many processes have started their sync workers so far (after migrating, loading the simulator
  // and setting the demo up).
  int workers_started() const {
    int n = 0;
    auto text = log();
    for (auto at = text.find("serve-sync: 2 workers as"); at != std::string::npos;
         at = text.find("serve-sync: 2 workers as", at + 1))
      ++n;
    return n;
  }

  fs::path database_file() const { return dir_ / "var" / "kingkung.db"; }

  // Reopens the file after a kill: sound, and what sync_state says was committed.
  committed check_after_kill() {
    committed out;
    if (!fs::exists(database_file())) return out;
    auto db = open_sqlite(database_file());
    EXPECT_EQ(integrity(*db), "ok");
    auto s = db->acquire();
    int tables = 0;
    *s << "SELECT count(*) FROM sqlite_master WHERE name = 'sync_state'", soci::into(tables);
    if (tables == 0) return out;  // killed before the schema was migrated
    soci::rowset<soci::row> cursors =
        (s->prepare << "SELECT shop_id, sync_cursor FROM sync_state WHERE resource = 'orders' AND sync_cursor <> ''");
    for (const auto& row : cursors) out.cursor[row.get<std::string>(0)] = std::stoll(row.get<std::string>(1));
    soci::rowset<soci::row> orders = (s->prepare << "SELECT shop_id, id FROM orders");
    for (const auto& row : orders) out.stored[row.get<std::string>(0)].insert(row.get<std::string>(1));
    // The dead process's leases would lapse after lease_seconds; it is reaped, so lapse them now instead
    // of waiting, and the next process takes the shops over at once.
    *s << "UPDATE leases SET expires_at = 0";
    return out;
  }

  fs::path dir_;
  fs::path config_;
};

TEST_F(HostileCrashSync, KilledServeSyncKeepsEveryCommittedOrderAndARunAfterwardsLosesAndDoublesNone) {
  const auto seed = crash_seed();
  std::cout << "crash seed " << seed << " (KINGKUNG_CRASH_SEED=" << seed << " replays it)" << std::endl;
  RecordProperty("crash_seed", std::to_string(seed));
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delay_ms(50, 1000);

  std::vector<committed> kills_seen;
  for (int k = 0; k < kills && !HasFailure(); ++k) {
    SCOPED_TRACE("kill " + std::to_string(k + 1));
    const int started_before = workers_started();
    auto p = serve_sync(false);
    // The kill lands at a random moment of the sync work itself: after this process's workers started.
    for (int i = 0; i < 3000 && workers_started() == started_before; ++i) p.read_for(std::chrono::milliseconds(20));
    ASSERT_GT(workers_started(), started_before) << log();
    p.read_for(std::chrono::milliseconds(delay_ms(random)));
    EXPECT_EQ(p.kill_now(), -SIGKILL) << "serve-sync ended on its own";
    kills_seen.push_back(check_after_kill());
  }
  ASSERT_FALSE(HasFailure());
  int mid_order_sync = 0;  // kills that found some orders stored, not all
  for (const auto& seen : kills_seen) {
    std::size_t stored = 0;
    for (const auto& [shop, ids] : seen.stored) stored += ids.size();
    if (stored > 0 && stored < 3u * orders_per_shop) ++mid_order_sync;
  }
  std::cout << mid_order_sync << " of " << kills << " kills landed while the orders were being stored" << std::endl;
  EXPECT_GT(mid_order_sync, 0) << "no kill landed while the orders were being stored";

  // A shop is due again interval_seconds after the last page a run stored (sync_state.last_attempt);
  // until then a pass, and so `serve-sync --once`, leaves it alone.
  std::this_thread::sleep_for(std::chrono::seconds(interval_seconds + 1));
  const auto log_before_final_run = log().size();
  auto last = serve_sync(true);
  ASSERT_EQ(last.wait(), 0) << log();
  const auto final_run_log = log().substr(log_before_final_run);
  EXPECT_EQ(integrity(*open_sqlite(database_file())), "ok");

  // The platform's orders, read through the product's own wiring, against what is stored.
  app::runtime_options options;
  options.config_file = config_;
  auto rt = app::runtime::start(options);
  ASSERT_TRUE(rt.ok()) << rt.err().message;
  connect::shop_links links((*rt)->config(), (*rt)->database(), (*rt)->vault(),
                            connect::transports_of((*rt)->plugins()));
  std::map<std::string, std::map<std::string, std::int64_t>> platform_update_time;
  for (auto id : shop_ids) {
    SCOPED_TRACE(id);
    auto link = links.link_for(std::string_view(id));
    ASSERT_TRUE(link.has_value());
    tiktok::search_orders_request all;
    all.page_size = 100;
    auto platform = tiktok::search_all_orders(*link->api, link->shop, all);
    ASSERT_TRUE(platform.ok()) << platform.err().to_string();
    std::map<std::string, std::string> expected, stored;
    for (const auto& o : *platform) {
      expected[o.id] = std::string(domain::to_string(o.status));
      platform_update_time[id][o.id] = o.update_time;
    }
    auto s = (*rt)->database().acquire();
    std::string shop = id;
    soci::rowset<soci::row> rows = (s->prepare << "SELECT id, status FROM orders WHERE shop_id = :shop", soci::use(shop));
    for (const auto& row : rows) {
      auto order = row.get<std::string>(0);
      EXPECT_FALSE(stored.contains(order)) << "order " << order << " stored twice";
      stored[order] = row.get<std::string>(1);
    }
    EXPECT_EQ(expected.size(), static_cast<std::size_t>(orders_per_shop));
    EXPECT_EQ(stored.size(), expected.size());
    std::string cursor;
    *s << "SELECT sync_cursor FROM sync_state WHERE shop_id = :shop AND resource = 'orders'", soci::use(shop),
        soci::into(cursor);
    for (const auto& [order, status] : expected) {
      auto it = stored.find(order);
      if (it == stored.end())
        ADD_FAILURE() << "order " << order << " (update_time " << platform_update_time[id][order]
                      << ") was never stored; the shop's order cursor is " << cursor
                      << "; the final run logged:\n" << final_run_log;
      else
        EXPECT_EQ(it->second, status) << "order " << order;
    }
    for (const auto& [order, status] : stored)
      EXPECT_TRUE(expected.contains(order)) << "order " << order << " is stored but not on the platform";
  }

  // At every kill, each order below the shop's cursor had been stored (update times only grow on the
  // platform, so today's update_time below an old cursor was below it then too).
  int checked = 0;
  for (std::size_t k = 0; k < kills_seen.size(); ++k) {
    for (const auto& [shop, cursor] : kills_seen[k].cursor) {
      for (const auto& [order, update_time] : platform_update_time[shop]) {
        if (update_time >= cursor) continue;
        ++checked;
        EXPECT_TRUE(kills_seen[k].stored[shop].contains(order))
            << "kill " << k + 1 << ": order " << order << " of shop " << shop << " (update_time " << update_time
            << ") is below the committed cursor " << cursor << " but was not stored";
      }
    }
  }
  EXPECT_GT(checked, 0) << "no kill came after a cursor was committed";
}

}  // namespace
}  // namespace kingkung::hostile
