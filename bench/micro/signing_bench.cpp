// Request signing (docs/tiktok-shop-api.md, section 3): building the string to sign for a Search Orders
// call and its HMAC-SHA256, the work the client does on every attempt.
//   kingkung_bench --benchmark_filter=Sign
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "kingkung/common/secret.hpp"
#include "kingkung/tiktok/signature.hpp"

namespace {

namespace tiktok = kingkung::tiktok;

const std::vector<tiktok::query_param>& search_query() {
  static const std::vector<tiktok::query_param> query{
      {"app_key", "kk-bench-app"},
      {"timestamp", "1760000000"},
      {"shop_cipher", "ROW_bench1234"},
      {"page_size", "50"},
      {"sort_field", "update_time"},
      {"sort_order", "ASC"},
      {"page_token", "aGVsbG8+d29ybGQ/bWF4PTUw+cGFnZT0y/ZW5k=="}};
  return query;
}

const std::string& search_body() {
  static const std::string body = R"({"update_time_ge":1759990000,"update_time_lt":1760000000})";
  return body;
}

void BM_SignStringToSign(benchmark::State& state) {
  for (auto _ : state) {
    auto text = tiktok::string_to_sign("/order/202309/orders/search", search_query(), search_body());
    benchmark::DoNotOptimize(text.data());
  }
}

void BM_SignHmac(benchmark::State& state) {
  const kingkung::secret app_secret(std::string("kk-bench-secret-0123456789abcdef"));
  const auto text = tiktok::string_to_sign("/order/202309/orders/search", search_query(), search_body());
  for (auto _ : state) {
    auto signature = tiktok::sign(app_secret, text);
    benchmark::DoNotOptimize(signature.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}

// What one attempt costs end to end: canonical query, string to sign, signature.
void BM_SignSearchOrdersRequest(benchmark::State& state) {
  const kingkung::secret app_secret(std::string("kk-bench-secret-0123456789abcdef"));
  for (auto _ : state) {
    auto signature = tiktok::sign(
        app_secret, tiktok::string_to_sign("/order/202309/orders/search", search_query(), search_body()));
    benchmark::DoNotOptimize(signature.data());
  }
}

BENCHMARK(BM_SignStringToSign);
BENCHMARK(BM_SignHmac);
BENCHMARK(BM_SignSearchOrdersRequest);

}  // namespace
