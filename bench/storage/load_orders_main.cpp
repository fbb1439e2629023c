// Loads synthetic orders (support/synthetic_orders.hpp) for one shop of an existing database, the data
// behind the HTTP and memory benches: the first 10 000 through order_repository::upsert, the rest by the
// bulk loader (support/bulk_loader.hpp). The database must not be open elsewhere while it runs.
//   kingkung_bench_load_orders --database sqlite3:/tmp/x/kingkung.db --shop 7494883102967740417 --orders
//   1000000 [--period 10000]
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include "kingkung/log/log.hpp"
#include "support/bench_database.hpp"
#include "support/bulk_loader.hpp"
#include "support/figures.hpp"
#include "support/sim_platform.hpp"
#include "support/synthetic_orders.hpp"

int main(int argc, char** argv) {
  namespace bench = kingkung::bench;
  try {
    const std::string url = bench::option(argc, argv, "--database");
    const std::string shop = bench::option(argc, argv, "--shop", std::string(bench::bench_shop_id));
    const long long wanted = std::stoll(bench::option(argc, argv, "--orders", "10000"));
    const long long period = std::stoll(bench::option(argc, argv, "--period", "10000"));
    if (url.empty() || period <= 0) {
      std::fprintf(
          stderr, "usage: kingkung_bench_load_orders --database URL [--shop ID] [--orders N] [--period P]\n");
      return 2;
    }
    kingkung::log::set_level(kingkung::log::level::warn);
    const long long before = bench::stored_orders(*bench::open_bench_database(url, shop, 1), shop);
    bench::note_load("load");
    const double cpu = bench::process_cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    if (before < wanted) bench::load_orders_fast(url, shop, before, wanted, period);
    const double took = bench::seconds(std::chrono::steady_clock::now() - start);
    bench::figure("load.seconds", took, "s");
    bench::figure("load.cpu_seconds", bench::process_cpu_seconds() - cpu, "s");
    const long long after = bench::stored_orders(*bench::open_bench_database(url, shop, 1), shop);
    bench::figure("load.orders", static_cast<double>(after), "orders");
    bench::figure("load.orders_per_s", static_cast<double>(after - before) / took, "orders/s");
    return after >= wanted && after >= before ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kingkung_bench_load_orders: %s\n", e.what());
    return 1;
  }
}
