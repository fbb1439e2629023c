// mx-split's planner (plugins/mx-split): an order small enough for the exact search (12 items, two
// limited categories and a total-count limit), the same shape at 40 items (first-fit decreasing), and a
// local seller's order (all-units rule).
//   kingkung_bench --benchmark_filter=SplitPlan
#include <benchmark/benchmark.h>

#include <string>

#include "kingkung/mx/split_planner.hpp"

namespace {

namespace mx = kingkung::mx;

mx::split_request order_of(std::size_t items, mx::seller_kind seller) {
  mx::split_request request;
  request.seller = seller;
  for (std::size_t i = 0; i < items; ++i) {
    mx::split_item item;
    item.id = "5770" + std::to_string(100000 + i);
    item.sku_id = "sku-" + std::to_string(seller == mx::seller_kind::local ? i / 2 : i);
    item.category_ids = {i % 3 == 0 ? "cosmetics" : i % 3 == 1 ? "batteries" : "apparel", "all"};
    item.value = static_cast<std::int64_t>(1000000 + 37 * i);
    request.items.push_back(std::move(item));
  }
  request.limits.categories = {{"cosmetics", 3, "Cosmetics"}, {"batteries", 2, "Batteries"}};
  request.limits.max_items = 5;
  return request;
}

void plan(benchmark::State& state, const mx::split_request& request) {
  std::size_t packages = 0;
  for (auto _ : state) {
    auto made = mx::plan_split(request);
    if (!made.ok()) {
      state.SkipWithError(made.err().message.c_str());
      return;
    }
    packages = made->packages.size();
    benchmark::DoNotOptimize(made->packages.data());
  }
  state.counters["packages"] = static_cast<double>(packages);
}

void BM_SplitPlanExact12Items(benchmark::State& state) {
  plan(state, order_of(12, mx::seller_kind::cross_border));
}
void BM_SplitPlanFirstFit40Items(benchmark::State& state) {
  plan(state, order_of(40, mx::seller_kind::cross_border));
}
void BM_SplitPlanLocalSeller12Units(benchmark::State& state) {
  plan(state, order_of(12, mx::seller_kind::local));
}

BENCHMARK(BM_SplitPlanExact12Items)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SplitPlanFirstFit40Items)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SplitPlanLocalSeller12Units)->Unit(benchmark::kMicrosecond);

}  // namespace
