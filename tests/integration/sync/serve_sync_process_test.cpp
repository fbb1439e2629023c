// `kingkung serve-sync` as processes, on the demo set-up (simulator, demo shops) in a temporary folder:
// - killed with SIGKILL in the middle of a sync, then started again, it loses and doubles no order
//   (on SQLite and on MariaDB);
// - two processes on one MariaDB sync every shop, and never one shop at once: each worker logs the window
//   in which it held a shop ("shop X synced by HOLDER from T1 to T2"), and those windows must not overlap.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "kingkung/app/runtime.hpp"
#include "kingkung/connect/shop_links.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/lease_repository.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/sync/worker.hpp"
#include "kingkung/tiktok/orders.hpp"
#include "test_databases.hpp"

namespace kingkung::sync_test {
namespace {

namespace fs = std::filesystem;
using test::test_backend;

constexpr const char* shop_ids[] = {"7495610013482590221", "7496002287415330818", "7494883102967740417"};
constexpr const char* password_variable = "KINGKUNG_DATABASE_PASSWORD";

struct setup_options {
  std::string database_url;
  int orders_per_shop = 60;
  // The product's default (the client starts at most qps calls per API in any one-second window).
  int qps_per_api = 20;
  // Short, so a killed process's shops are free again soon (a live worker keeps renewing it).
  int lease_seconds = 10;
  std::string log_level = "warn";
};

std::string config_text(const setup_options& o) {
  std::string shops;
  std::string sim_shops;
  const char* keys[] = {"demo-mx", "demo-br", "demo-us"};
  const char* regions[] = {"MX", "BR", "US"};
  const char* types[] = {"CROSS_BORDER", "LOCAL", "LOCAL"};
  for (int i = 0; i < 3; ++i) {
    sim_shops += std::string("[plugins.config.tiktok-sim.shop.") + keys[i] + "]\nid = \"" + shop_ids[i] +
                 "\"\nregion = \"" + regions[i] + "\"\nseller_type = \"" + types[i] +
                 "\"\norders = " + std::to_string(o.orders_per_shop) + "\n";
    shops += std::string("[[shops]]\nkey = \"") + keys[i] + "\"\nshop_id = \"" + shop_ids[i] +
             "\"\nregion = \"" + regions[i] + "\"\nseller_type = \"" + types[i] +
             "\"\ntransport = \"tiktok-sim\"\nmodules = []\ndemo = true\n";
  }
  return "[database]\nurl = \"" + o.database_url + "\"\n[vault]\nkey_file = \"var/master.key\"\n" +
         "[tiktok]\napp_key = \"kk-kill-app\"\napp_secret_file = \"app-secret\"\nqps_per_api = " +
         std::to_string(o.qps_per_api) + "\n[transports]\ndefault = \"tiktok-sim\"\n[plugins]\ndir = \"" +
         KINGKUNG_PLUGIN_DIR + "\"\nload = [\"tiktok-sim\"]\n[plugins.config.tiktok-sim]\n" +
         "app_key = \"kk-kill-app\"\napp_secret_file = \"app-secret\"\nseed = 4242\n" +
         "shops = [\"demo-mx\", \"demo-br\", \"demo-us\"]\n" + sim_shops + shops +
         "[sync]\ninterval_seconds = 5\nlease_seconds = " + std::to_string(o.lease_seconds) + "\nworkers = 2\n" +
         "[demo]\nenabled = true\nemail = \"demo@kingkung.example\"\npassword = \"kingkung-demo\"\n" +
         "[log]\nlevel = \"" + o.log_level + "\"\n";
}

// Starts `kingkung serve-sync ARGS`; its stdout and stderr (the log) go to `log_file` when one is given.
pid_t spawn(const fs::path& config, std::vector<std::string> args, const fs::path& log_file = {}) {
  const std::string binary = std::string(KINGKUNG_BINARY_DIR) + "/bin/kingkung";
  std::vector<std::string> words{binary, "--config", config.string(), "serve-sync"};
  words.insert(words.end(), args.begin(), args.end());
  pid_t pid = ::fork();
  if (pid == 0) {
    if (!log_file.empty()) {
      int fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd < 0 || ::dup2(fd, 1) < 0 || ::dup2(fd, 2) < 0) ::_exit(126);
      ::close(fd);
    }
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::int64_t stored_count(storage::database& db) {
  std::int64_t total = 0;
  for (auto id : shop_ids) {
    storage::order_page_request r;
    r.shop_id = id;
    r.limit = 500;
    for (;;) {
      auto page = storage::order_repository(db).list(r);
      if (!page.ok()) return total;
      total += static_cast<std::int64_t>(page->orders.size());
      if (page->next_cursor.empty()) break;
      r.cursor = page->next_cursor;
    }
  }
  return total;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One window in which a worker held a shop's lease, from the worker's log line.
struct sync_window {
  std::string shop;
  std::string holder;
  bool ok = false;
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
  std::string line;
};

std::optional<std::int64_t> utc_millis(const std::string& text) {
  std::tm tm{};
  int ms = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) != 7)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(::timegm(&tm)) * 1000 + ms;
}

std::vector<sync_window> sync_windows(const std::string& log) {
  static const std::regex pattern(R"(sync: shop (\S+) (synced|sync failed) by (\S+) from (\S+) to (\S+)$)");
  std::vector<sync_window> out;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, pattern)) continue;
    auto from = utc_millis(m[4].str());
    auto to = utc_millis(m[5].str());
    if (!from || !to) {
      ADD_FAILURE() << "unreadable times in the log line: " << line;
      continue;
    }
    out.push_back({m[1].str(), m[3].str(), m[2].str() == "synced", *from, *to, line});
  }
  return out;
}

class SyncProcess : public ::testing::TestWithParam<test_backend> {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("kk-serve-sync-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir_ / "var");
    std::ofstream(dir_ / "app-secret") << "kk-kill-secret-8d2f61\n";
    fs::permissions(dir_ / "app-secret", fs::perms::owner_read | fs::perms::owner_write);
    config_ = dir_ / "kingkung.toml";
  }
  void TearDown() override {
    if (had_password_) {
      if (old_password_) ::setenv(password_variable, old_password_->c_str(), 1);
      else ::unsetenv(password_variable);
    }
    scratch_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Writes the config for `backend`: a SQLite file in the folder, or a fresh MariaDB database whose
  // password reaches the processes through the environment, as the docs advise.
  void prepare(test_backend backend, setup_options options) {
    options_ = options;
    if (backend == test_backend::sqlite) {
      options.database_url = "sqlite3:var/kingkung.db";
    } else {
      std::string why;
      scratch_ = test::scratch_database::create(test_backend::mysql, why, 2);
      ASSERT_TRUE(scratch_ != nullptr) << "MariaDB: " << why;
      const auto& url = scratch_->url();
      options.database_url =
          "mysql://" + url.user + "@" + url.host + ":" + std::to_string(url.port) + "/" + url.name;
      if (const char* old = std::getenv(password_variable)) old_password_ = old;
      had_password_ = true;
      ::setenv(password_variable, url.password.reveal().c_str(), 1);
    }
    options_.database_url = options.database_url;
    std::ofstream(config_) << config_text(options);
  }

  // A second config file in the same folder (same database, vault and simulator) with other settings.
  fs::path config_with(const std::function<void(setup_options&)>& change) {
    setup_options o = options_;
    change(o);
    const fs::path file = dir_ / "kingkung-changed.toml";
    std::ofstream(file) << config_text(o);
    return file;
  }

  // The database the processes use, opened by the test; null while a SQLite file does not exist yet.
  storage::database* database() {
    if (scratch_) return &scratch_->db();
    if (!sqlite_ && fs::exists(dir_ / "var" / "kingkung.db")) {
      auto url = storage::database_url::parse("sqlite3:" + (dir_ / "var" / "kingkung.db").string());
      if (url.ok())
        if (auto opened = storage::database::open(*url, 1); opened.ok()) sqlite_ = std::move(*opened);
    }
    return sqlite_.get();
  }
  void close_database() { sqlite_.reset(); }

  // What the simulator holds, read through the product's own wiring, against what is stored: every
  // order once, with the platform's status.
  void expect_stored_orders_equal_the_platform() {
    app::runtime_options options;
    options.config_file = config_;
    auto rt = app::runtime::start(options);
    ASSERT_TRUE(rt.ok()) << rt.err().message;
    connect::shop_links links((*rt)->config(), (*rt)->database(), (*rt)->vault(),
                              connect::transports_of((*rt)->plugins()));
    for (auto id : shop_ids) {
      auto link = links.link_for(std::string_view(id));
      ASSERT_TRUE(link.has_value()) << id;
      tiktok::search_orders_request all;
      all.page_size = 100;
      auto platform = tiktok::search_all_orders(*link->api, link->shop, all);
      ASSERT_TRUE(platform.ok()) << platform.err().to_string();
      std::map<std::string, std::string> expected, stored;
      for (const auto& o : *platform) expected[o.id] = std::string(domain::to_string(o.status));
      storage::order_page_request r;
      r.shop_id = id;
      r.limit = 500;
      for (;;) {
        auto page = storage::order_repository((*rt)->database()).list(r);
        ASSERT_TRUE(page.ok());
        for (const auto& o : page->orders) {
          EXPECT_FALSE(stored.contains(o.id)) << "order " << o.id << " stored twice";
          stored[o.id] = std::string(domain::to_string(o.status));
        }
        if (page->next_cursor.empty()) break;
        r.cursor = page->next_cursor;
      }
      EXPECT_FALSE(expected.empty()) << "shop " << id;
      EXPECT_EQ(stored, expected) << "shop " << id;
    }
  }

  fs::path dir_;
  fs::path config_;
  setup_options options_;

 private:
  std::unique_ptr<test::scratch_database> scratch_;
  std::unique_ptr<storage::database> sqlite_;
  bool had_password_ = false;
  std::optional<std::string> old_password_;
};

bool cli_built() {
  return fs::exists(fs::path(KINGKUNG_BINARY_DIR) / "bin" / "kingkung");
}

TEST_P(SyncProcess, AKilledSyncProcessLosesAndDoublesNoOrderAfterRestart) {
  if (!cli_built()) GTEST_SKIP() << "the kingkung CLI is not built";
  prepare(GetParam(), {});
  if (HasFatalFailure()) return;
  const fs::path killed_log = dir_ / "killed.log";
  pid_t worker = spawn(config_, {}, killed_log);
  ASSERT_GT(worker, 0);

  // Wait until the process is mid-sync: some orders stored, not all.
  std::int64_t seen = 0;
  for (int i = 0; i < 3000 && seen == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (auto* db = database()) seen = stored_count(*db);
  }
  ::kill(worker, SIGKILL);
  EXPECT_EQ(wait_exit(worker), -SIGKILL) << read_text(killed_log);
  ASSERT_GT(seen, 0) << "the process stored nothing before it was killed; its output:\n" << read_text(killed_log);
  ASSERT_LT(seen, 3 * 60) << "the process had stored every order before it was killed";

  // The dead process's leases lapse after lease_seconds; a restarted process then takes the shops over.
  storage::lease_repository leases(*database());
  for (auto id : shop_ids) {
    for (;;) {
      auto lease = leases.get(sync::shop_lease_name(id));
      ASSERT_TRUE(lease.ok());
      auto now = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
      if (!lease.value() || (*lease)->expires_at <= now) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  close_database();
  // The restarted process holds its shops with the default lease: a slow page on a loaded machine must not
  // cost it a shop (what is checked here is what the killed run left behind).
  const fs::path restart_config = config_with([](setup_options& o) { o.lease_seconds = 120; });
  const fs::path once_log = dir_ / "once.log";
  EXPECT_EQ(wait_exit(spawn(restart_config, {"--once"}, once_log)), 0)
      << "serve-sync --once failed; its output:\n" << read_text(once_log);

  expect_stored_orders_equal_the_platform();
}

// Without KINGKUNG_TEST_MYSQL_URL the MariaDB case fails and says how to get a server (never skipped).
KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(SyncProcess);

class SyncProcesses : public SyncProcess {};

TEST_P(SyncProcesses, TwoProcessesOnOneMariaDbSyncEveryShopAndNeverOneShopAtOnce) {
  if (!cli_built()) GTEST_SKIP() << "the kingkung CLI is not built";
  // A slow first sync (many orders, a low rate) keeps the shops' leases held long enough that both
  // processes start while the other is inside a shop.
  setup_options options;
  options.orders_per_shop = 100;
  options.qps_per_api = 25;
  options.log_level = "info";
  prepare(GetParam(), options);
  if (HasFatalFailure()) return;
  const fs::path logs[] = {dir_ / "a.log", dir_ / "b.log"};
  pid_t pids[] = {spawn(config_, {}, logs[0]), -1};
  ASSERT_GT(pids[0], 0);
  // The second process starts once the first has set the demo up (seller, shops, tokens) and its workers
  // run: two demo set-ups at once collide on the demo seller's unique name. Both processes then use the
  // demo's tokens and the simulator's state file.
  for (int i = 0; i < 300 && read_text(logs[0]).find("serve-sync: 2 workers as") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  pids[1] = spawn(config_, {}, logs[1]);
  if (pids[1] <= 0) {
    ::kill(pids[0], SIGTERM);
    wait_exit(pids[0]);
    FAIL() << "could not start the second process";
  }

  auto process_of = [&](const std::string& holder) {
    for (int p = 0; p < 2; ++p)
      if (holder.find(":" + std::to_string(pids[p]) + ":") != std::string::npos) return p;
    return -1;
  };
  // Runs until every shop was synced and each process synced some shop, or 35 s passed.
  std::vector<sync_window> windows;
  auto done = [&] {
    windows.clear();
    for (const auto& log : logs) {
      auto found = sync_windows(read_text(log));
      windows.insert(windows.end(), found.begin(), found.end());
    }
    std::set<std::string> shops;
    std::set<int> processes;
    for (const auto& w : windows) {
      if (!w.ok) continue;
      shops.insert(w.shop);
      processes.insert(process_of(w.holder));
    }
    return shops.size() == std::size(shop_ids) && processes == std::set<int>{0, 1};
  };
  for (int i = 0; i < 350 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (pid_t pid : pids) ::kill(pid, SIGTERM);
  EXPECT_EQ(wait_exit(pids[0]), 0) << read_text(logs[0]);
  EXPECT_EQ(wait_exit(pids[1]), 0) << read_text(logs[1]);
  done();

  std::map<std::string, std::vector<sync_window>> by_shop;
  std::set<int> processes;
  for (const auto& w : windows) {
    EXPECT_NE(process_of(w.holder), -1) << "a holder of neither process: " << w.line;
    EXPECT_LE(w.from_ms, w.to_ms) << w.line;
    by_shop[w.shop].push_back(w);
    if (w.ok) processes.insert(process_of(w.holder));
  }
  for (auto id : shop_ids) {
    const auto& mine = by_shop[id];
    EXPECT_TRUE(std::any_of(mine.begin(), mine.end(), [](const sync_window& w) { return w.ok; }))
        << "shop " << id << " was never synced";
  }
  EXPECT_EQ(processes, (std::set<int>{0, 1})) << "one process synced nothing, so nothing was shared";
  for (auto& [shop, list] : by_shop) {
    std::sort(list.begin(), list.end(),
              [](const sync_window& a, const sync_window& b) { return a.from_ms < b.from_ms; });
    std::size_t last_to_end = 0;  // the window, among those started so far, that ended last
    for (std::size_t i = 1; i < list.size(); ++i) {
      EXPECT_GE(list[i].from_ms, list[last_to_end].to_ms)
          << "shop " << shop << " was synced by two workers at once:\n  " << list[last_to_end].line
          << "\n  " << list[i].line;
      if (list[i].to_ms > list[last_to_end].to_ms) last_to_end = i;
    }
  }

  expect_stored_orders_equal_the_platform();
}

// Two processes on one database is a MariaDB deployment; without KINGKUNG_TEST_MYSQL_URL this fails and
// says how to get a server.
INSTANTIATE_TEST_SUITE_P(, SyncProcesses, ::testing::Values(test_backend::mysql),
                         [](const ::testing::TestParamInfo<test_backend>& info) {
                           return test::backend_name(info.param);
                         });

}  // namespace
}  // namespace kingkung::sync_test
