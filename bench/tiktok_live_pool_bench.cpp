// tiktok-live on loopback: a request over a pooled keep-alive TLS connection against a request that
// needs a new TCP connection and a full TLS handshake (the server answers "Connection: close"). The
// ratio of the two is what the pool saves per call.
//   kingkung_bench --benchmark_filter=LiveTls
#include <benchmark/benchmark.h>

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

void run(benchmark::State& state, testkit::test_server::handler handler) {
  testkit::test_server server(shared().tls(), std::move(handler));
  auto transport = shared().transport(server);
  if (!transport) {
    state.SkipWithError("cannot create the transport");
    return;
  }
  plugin::http_request request;
  request.method = "GET";
  request.target = "/authorization/202309/shops?app_key=bench&timestamp=1700000000&sign=00";
  request.headers.push_back({"x-tts-access-token", "bench-token"});
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

BENCHMARK(BM_LiveTlsPooledConnection)->Unit(benchmark::kMicrosecond)->MinTime(0.5)->UseRealTime();
BENCHMARK(BM_LiveTlsNewConnectionPerCall)->Unit(benchmark::kMicrosecond)->MinTime(0.5)->UseRealTime();

}  // namespace
