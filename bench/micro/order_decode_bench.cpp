// Decoding an order page the way the client does it: one Search Orders answer of 50 orders (the
// fixture's orders repeated with distinct ids) read through tiktok::search_orders over a transport that
// hands back the canned bytes, so the figure covers request building, signing, the envelope and the
// decode of every order; and the decode of one order object alone.
//   kingkung_bench --benchmark_filter=Decode
#include <benchmark/benchmark.h>

#include <boost/json.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "kingkung/tiktok/api.hpp"
#include "kingkung/tiktok/decode.hpp"
#include "support/virtual_time.hpp"

namespace {

namespace json = boost::json;
namespace tiktok = kingkung::tiktok;
namespace plugin = kingkung::plugin;

json::value read_fixture(const std::string& name) {
  std::ifstream in(std::string(KINGKUNG_SOURCE_DIR) + "/tests/fixtures/tiktok/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// A Search Orders envelope with `count` orders, made from the fixture's page.
std::string order_page_json(std::size_t count) {
  auto envelope = read_fixture("orders_search_page1.json");
  auto& data = envelope.as_object()["data"].as_object();
  const auto samples = data["orders"].as_array();
  json::array orders;
  for (std::size_t i = 0; i < count; ++i) {
    auto order = samples[i % samples.size()];
    order.as_object()["id"] = "5793816247" + std::to_string(10000000 + i);
    orders.push_back(std::move(order));
  }
  data["orders"] = std::move(orders);
  data["total_count"] = count;
  return json::serialize(envelope);
}

class canned_transport final : public plugin::transport {
 public:
  explicit canned_transport(std::string body) : body_(std::move(body)) {}
  plugin::result<plugin::http_response> send(const plugin::http_request&) noexcept override {
    plugin::http_response r;
    r.status = 200;
    r.headers.push_back({"content-type", "application/json"});
    r.body = body_;
    return r;
  }
  std::string describe() const override { return "canned answers"; }

 private:
  std::string body_;
};

class fixed_token final : public tiktok::token_source {
 public:
  tiktok::result<kingkung::secret> current(std::string_view) override {
    return kingkung::secret(std::string("bench-access-token"));
  }
  tiktok::result<kingkung::secret> refresh(std::string_view) override { return current({}); }
};

void BM_DecodeOrderPageOf50(benchmark::State& state) {
  kingkung::bench::virtual_timeline time(1'760'000'000);
  tiktok::client_options options;
  options.app_key = "kk-bench-app";
  options.app_secret = kingkung::secret(std::string("kk-bench-secret"));
  options.qps_per_api = 50;
  tiktok::client_services services;
  services.transport = std::make_shared<canned_transport>(order_page_json(50));
  services.tokens = std::make_shared<fixed_token>();
  services.clock = std::make_shared<kingkung::bench::virtual_wall_clock>(time);
  services.pacing = std::make_shared<kingkung::bench::virtual_pacing>(time);
  tiktok::client api(std::move(options), std::move(services));
  const tiktok::shop_ref shop{"7494883102967740417", "ROW_bench"};
  tiktok::search_orders_request request;
  request.page_size = 50;
  std::size_t decoded = 0;
  for (auto _ : state) {
    auto page = tiktok::search_orders(api, shop, request);
    if (!page.ok()) {
      state.SkipWithError(page.err().to_string().c_str());
      return;
    }
    decoded += page->orders.size();
    benchmark::DoNotOptimize(page->orders.data());
  }
  state.counters["orders_per_s"] =
      benchmark::Counter(static_cast<double>(decoded), benchmark::Counter::kIsRate);
}

void BM_DecodeOneOrder(benchmark::State& state) {
  auto page = read_fixture("orders_search_page1.json");
  const std::string order = json::serialize(page.as_object()["data"].as_object()["orders"].as_array()[0]);
  for (auto _ : state) {
    auto decoded = tiktok::decode_order(order, "7494883102967740417");
    if (!decoded.ok()) {
      state.SkipWithError(decoded.err().to_string().c_str());
      return;
    }
    benchmark::DoNotOptimize(decoded->id.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(order.size()));
}

BENCHMARK(BM_DecodeOrderPageOf50)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DecodeOneOrder)->Unit(benchmark::kMicrosecond);

}  // namespace
