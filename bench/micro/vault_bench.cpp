// The token vault: sealing and opening an access token with AES-256-GCM under an in-memory keyring
// (the work behind every token read and every refresh).
//   kingkung_bench --benchmark_filter=Vault
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "kingkung/vault/token_vault.hpp"

namespace {

namespace vault = kingkung::vault;

constexpr const char* shop_id = "7494883102967740417";

vault::token_vault make_vault() {
  std::vector<vault::master_key> keys;
  keys.push_back(vault::master_key::generate());
  return vault::token_vault(vault::keyring(std::move(keys)));
}

const kingkung::secret& access_token() {
  static const kingkung::secret token(
      std::string("ROW_Tq3Ft6xJ2VvY0aLQkzB8mN1pR4sU7wX9yZ2cE5gH8jK1lM4nP7qS0tV3wY6zA9bD"));
  return token;
}

void BM_VaultSeal(benchmark::State& state) {
  auto v = make_vault();
  for (auto _ : state) {
    auto record = v.seal(shop_id, access_token());
    benchmark::DoNotOptimize(record.data());
  }
}

void BM_VaultOpen(benchmark::State& state) {
  auto v = make_vault();
  const auto record = v.seal(shop_id, access_token());
  for (auto _ : state) {
    auto opened = v.open(shop_id, record);
    if (!opened.ok()) {
      state.SkipWithError(opened.err().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(opened->reveal().data());
  }
}

BENCHMARK(BM_VaultSeal);
BENCHMARK(BM_VaultOpen);

}  // namespace
