// The vault is shared by the web host's threads and the sync workers, and several processes may start
// at once on a fresh install.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "kingkung/vault/token_vault.hpp"
#include "temp_folder.hpp"

namespace kingkung::vault {
namespace {

std::map<std::string, std::string> no_environment;

TEST(VaultConcurrency, SimultaneousFirstStartsAgreeOnOneKey) {
  testing::temp_folder tmp;
  auto file = tmp / "var/master.key";
  constexpr int starters = 8;
  std::vector<std::string> ids(starters);
  std::vector<std::string> errors(starters);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < starters; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      auto ring = keyring::load(file, {&no_environment});
      if (ring)
        ids[i] = ring->current().id;
      else
        errors[i] = ring.err().message;
    });
  }
  go.store(true);
  for (auto& t : threads) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1u);
  auto on_disk = keyring::read_file(file);
  ASSERT_TRUE(on_disk.ok()) << on_disk.err().message;
  EXPECT_EQ(on_disk->current().id, ids[0]);
}

TEST(VaultConcurrency, SealAndOpenFromManyThreadsWhileTheKeyFileRotates) {
  testing::temp_folder tmp;
  auto file = tmp / "master.key";
  auto loaded = keyring::load(file, {&no_environment});
  ASSERT_TRUE(loaded.ok());
  token_vault vault(*loaded);

  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      const std::string shop = "70007145328762734" + std::to_string(20 + w);
      for (int i = 0; i < 300 && !stop.load(); ++i) {
        const std::string plain = "TTP_worker_" + std::to_string(w) + "_" + std::to_string(i);
        auto opened = vault.open(shop, vault.seal(shop, secret(plain)));
        if (!opened || opened->reveal() != plain) failures.fetch_add(1);
      }
    });
  }
  auto rotating = keyring::read_file(file);
  ASSERT_TRUE(rotating.ok());
  for (int r = 0; r < 5; ++r) {
    ASSERT_TRUE(rotating->make_current(master_key::generate()).ok());
    ASSERT_TRUE(rotating->save(file).ok());
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(vault.seal("7000714532876273420", secret("x")).substr(3, 8), rotating->current().id);
}

}  // namespace
}  // namespace kingkung::vault
