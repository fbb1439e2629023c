// tiktok-live on loopback: a request over a pooled keep-alive TLS connection against a request that
// needs a new TCP connection and a full TLS handshake (the server answers "Connection: close"). The
// ratio of the two is what the pool saves per call; BM_LiveTlsPoolRatio prints it as `new_per_pooled`.
//   kingkung_bench --benchmark_filter=LiveTls
#include <benchmark/benchmark.h>

#include <chrono>
#include <memory>
#include <string>

#include "kingkung/live/live_transport.hpp"
#include "test_pki.hpp"
#include "test_server.hpp"

namespace {

namespace live = kingkung::live;
namespace testkit = kingkung::live::testkit;
namespace plugin = kingkung::plugin;

void answer_and_close(testkit::peer& p) {
  if (p.read_request()) p.respond(200, R"({"code":0,"message":"Success","data":{}})", {}, /*close=*/true);
}

void answer_and_keep_alive(testkit::peer& p) {
  while (p.read_request()) {
    if (!p.respond(200, R"({"code":0,"message":"Success","data":{}})")) return;
  }
}

struct loopback {
  testkit::test_ca ca;
  testkit::temp_dir dir;
  std::string ca_file = dir.write("ca.pem", ca.cert_pem());
  testkit::key_and_cert identity = ca.issue();

  testkit::server_options tls() const {
    testkit::server_options o;
    o.tls = testkit::tls_mode::modern;
    o.identity = identity;
    return o;
  }

  std::unique_ptr<live::live_transport> transport(const testkit::test_server& server) const {
    live::live_config config;
    config.api = *live::parse_base_url(server.url("localhost"));
    config.auth = config.api;
    config.ca_file = ca_file;
    auto made = live::live_transport::create(config);
    return made.ok() ? std::move(made.value()) : nullptr;
  }
};

const loopback& shared() {
  static const loopback instance;
  return instance;
}

plugin::http_request bench_request() {
  plugin::http_request request;
  request.method = "GET";
  request.target = "/authorization/202309/shops?app_key=bench&timestamp=1700000000&sign=00";
  request.headers.push_back({"x-tts-access-token", "bench-token"});
  return request;
}

void run(benchmark::State& state, testkit::test_server::handler handler) {
  testkit::test_server server(shared().tls(), std::move(handler));
  auto transport = shared().transport(server);
  if (!transport) {
    state.SkipWithError("cannot create the transport");
    return;
  }
  const auto request = bench_request();
  for (auto _ : state) {
    auto response = transport->send(request);
    if (!response.ok()) {
      state.SkipWithError(response.err().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(response->body.data());
  }
  state.counters["connections"] = static_cast<double>(transport->stats(plugin::host_kind::api).opened);
}

void BM_LiveTlsPooledConnection(benchmark::State& state) {
  run(state, answer_and_keep_alive);
}
void BM_LiveTlsNewConnectionPerCall(benchmark::State& state) {
  run(state, answer_and_close);
}

// Both kinds of call alternating in one run, so the output shows the ratio itself: `new_per_pooled` is
// how many calls on a pooled connection take the time of one call that opens its own TLS connection.
void BM_LiveTlsPoolRatio(benchmark::State& state) {
  testkit::test_server keep_alive_server(shared().tls(), answer_and_keep_alive);
  testkit::test_server closing_server(shared().tls(), answer_and_close);
  auto pooled = shared().transport(keep_alive_server);
  auto fresh = shared().transport(closing_server);
  if (!pooled || !fresh) {
    state.SkipWithError("cannot create the transports");
    return;
  }
  const auto request = bench_request();
  if (!pooled->send(request).ok()) {  // opens the connection the loop then reuses
    state.SkipWithError("the first pooled call failed");
    return;
  }
  using clock = std::chrono::steady_clock;
  clock::duration pooled_time{};
  clock::duration fresh_time{};
  for (auto _ : state) {
    const auto t0 = clock::now();
    auto a = pooled->send(request);
    const auto t1 = clock::now();
    auto b = fresh->send(request);
    const auto t2 = clock::now();
    if (!a.ok() || !b.ok()) {
      state.SkipWithError((a.ok() ? b : a).err().message.c_str());
      return;
    }
    pooled_time += t1 - t0;
    fresh_time += t2 - t1;
  }
  const auto micros = [&](clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count() / static_cast<double>(state.iterations());
  };
  state.counters["pooled_us"] = micros(pooled_time);
  state.counters["new_connection_us"] = micros(fresh_time);
  state.counters["new_per_pooled"] = micros(fresh_time) / micros(pooled_time);
}

BENCHMARK(BM_LiveTlsPooledConnection)->Unit(benchmark::kMicrosecond)->MinTime(0.5)->UseRealTime();
BENCHMARK(BM_LiveTlsNewConnectionPerCall)->Unit(benchmark::kMicrosecond)->MinTime(0.5)->UseRealTime();
BENCHMARK(BM_LiveTlsPoolRatio)->Unit(benchmark::kMicrosecond)->MinTime(0.5)->UseRealTime();

}  // namespace
