// R1 and R4, the product's side: the full sync pipeline for one shop. The simulator (in process) holds N
// orders; the sync engine reads them through the core client (signing, envelope, decode), Search
// Orders then Get Order Detail in batches of 50, and upserts each page in one transaction through
// order_repository, on SQLite or MySQL/MariaDB.
//   kingkung_bench_ingest --orders 20000 --database sqlite3:/tmp/x/pipeline.db
// Prints figures (support/figures.hpp): orders per second of the whole run, and with the time spent
// inside the simulator taken out (the platform's share, which a real run spends waiting on the network),
// and per second of CPU time (which the load of other processes on the machine does not stretch).
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include "kingkung/log/log.hpp"
#include "kingkung/sync/engine.hpp"
#include "support/bench_database.hpp"
#include "support/figures.hpp"
#include "support/sim_platform.hpp"

int main(int argc, char** argv) {
  namespace bench = kingkung::bench;
  try {
    const int orders = std::stoi(bench::option(argc, argv, "--orders", "2000"));
    const std::string url = bench::option(argc, argv, "--database");
    const std::string label = bench::option(argc, argv, "--label", "r1.pipeline");
    if (url.empty()) {
      std::fprintf(stderr, "usage: kingkung_bench_ingest --database URL [--orders N] [--label NAME]\n");
      return 2;
    }
    kingkung::log::set_level(kingkung::log::level::warn);
    auto made = std::chrono::steady_clock::now();
    bench::sim_platform platform(orders);
    bench::figure(label + ".simulator_setup_s", bench::seconds(std::chrono::steady_clock::now() - made), "s");
    auto db = bench::open_bench_database(url, bench::bench_shop_id);

    kingkung::sync::sync_settings settings;
    settings.page_size = 50;
    settings.backfill_days = 60;
    kingkung::sync::engine engine(*db, settings, platform.wall());
    const kingkung::sync::shop_link link{&platform.api(), platform.shop()};

    bench::note_load(label);
    platform.reset_simulator_time();
    const double cpu_start = bench::thread_cpu_micros();
    const auto start = std::chrono::steady_clock::now();
    auto report = engine.sync_orders(link);
    const double total = bench::seconds(std::chrono::steady_clock::now() - start);
    // The calling thread's CPU time: the sync engine, the client and SQLite all run on it; the
    // simulator's background thread (its own bookkeeping) does not count against the product.
    const double cpu = (bench::thread_cpu_micros() - cpu_start) / 1e6;
    if (!report.ok) {
      std::fprintf(stderr, "sync failed: %s\n", report.error.c_str());
      return 1;
    }
    const long long stored = bench::stored_orders(*db, bench::bench_shop_id);
    const double in_simulator = std::chrono::duration<double>(platform.simulator_time()).count();
    bench::figure(label + ".orders", static_cast<double>(stored), "orders");
    bench::figure(label + ".requests", static_cast<double>(platform.requests()), "requests");
    bench::figure(label + ".seconds", total, "s");
    bench::figure(label + ".simulator_seconds", in_simulator, "s");
    bench::figure(label + ".orders_per_s", static_cast<double>(stored) / total, "orders/s");
    bench::figure(label + ".product_orders_per_s", static_cast<double>(stored) / (total - in_simulator),
                  "orders/s");
    bench::figure(label + ".cpu_seconds", cpu, "s");
    const double simulator_cpu = std::chrono::duration<double>(platform.simulator_cpu_time()).count();
    bench::figure(label + ".orders_per_cpu_s", static_cast<double>(stored) / cpu, "orders/s");
    bench::figure(label + ".simulator_cpu_seconds", simulator_cpu, "s");
    bench::figure(label + ".product_orders_per_cpu_s", static_cast<double>(stored) / (cpu - simulator_cpu),
                  "orders/s");
    if (stored != static_cast<long long>(report.inserted) || stored == 0) {
      std::fprintf(stderr, "stored %lld orders but the run reported %zu inserted\n", stored, report.inserted);
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kingkung_bench_ingest: %s\n", e.what());
    return 1;
  }
}
