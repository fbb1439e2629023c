// R3: how the orders page, an order search and the order detail grow with the table. Synthetic orders
// for one shop are loaded up to each size in turn (support/bulk_loader.hpp: the first 10 000 through
// order_repository::upsert, the rest copied from them through the SQLite C API); at each size every
// query runs through the code the orders API calls, `--queries` times, and its p50 and p99 latencies are
// printed (wall time and CPU time of the thread).
//   list          order_search::find: the first page of 50, newest first (the orders page)
//   counts        order_search::count_by_status: the status tabs' counts the orders page shows with it
//   status        order_search::find filtered by status (AWAITING_SHIPMENT), first page
//   search        order_search::find with q = the id of a random order
//   search_buyer  order_search::find with q = the buyer user id of a random order
//   detail        order_repository::get of a random order with its lines, and order_search::timeline
//   kingkung_bench_growth --database sqlite3:/tmp/x/growth.db --sizes 10000,100000,1000000 [--queries 300]
//     [--period 10000]   (orders with distinct content; the tiny run lowers it to exercise the bulk path)
//     [--measure-nice 19] (niceness of the measuring thread; the loads keep the program's)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <soci/soci.h>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/order_search.hpp"
#include "support/bench_database.hpp"
#include "support/bulk_loader.hpp"
#include "support/figures.hpp"
#include "support/sim_platform.hpp"
#include "support/synthetic_orders.hpp"

namespace {

namespace bench = kingkung::bench;
namespace storage = kingkung::storage;

struct samples {
  std::vector<double> wall_us;
  std::vector<double> cpu_us;  // CPU time of this thread: what the load of other processes does not stretch
};

// Runs `work` on a new thread whose niceness is `nice` (0: on this thread, unchanged), and rethrows what
// it threw. Raising one's own niceness needs no privilege; the calling thread keeps its own.
template <class Work>
void run_niced(int nice, Work&& work) {
  if (nice == 0) return work();
  std::exception_ptr failed;
  std::thread worker([&] {
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), nice);
    try {
      work();
    } catch (...) {
      failed = std::current_exception();
    }
  });
  worker.join();
  if (failed) std::rethrow_exception(failed);
}

template <class Query>
samples sample(int queries, Query&& query) {
  samples out;
  query();  // warm the statement and the page cache once
  for (int i = 0; i < queries; ++i) {
    const double cpu = bench::thread_cpu_micros();
    auto start = std::chrono::steady_clock::now();
    query();
    out.wall_us.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    out.cpu_us.push_back(bench::thread_cpu_micros() - cpu);
  }
  return out;
}

void report(const std::string& name, std::int64_t size, const samples& s) {
  const std::string prefix = "r3." + name + "." + std::to_string(size);
  bench::figure(prefix + ".p50_us", bench::percentile(s.wall_us, 50), "us");
  bench::figure(prefix + ".p99_us", bench::percentile(s.wall_us, 99), "us");
  bench::figure(prefix + ".cpu_p50_us", bench::percentile(s.cpu_us, 50), "us");
  bench::figure(prefix + ".cpu_p99_us", bench::percentile(s.cpu_us, 99), "us");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string url = bench::option(argc, argv, "--database");
    const int queries = std::stoi(bench::option(argc, argv, "--queries", "300"));
    const std::int64_t period = std::stoll(bench::option(argc, argv, "--period", "10000"));
    const int measure_nice = std::stoi(bench::option(argc, argv, "--measure-nice", "0"));
    std::vector<std::int64_t> sizes;
    std::stringstream list(bench::option(argc, argv, "--sizes", "10000,100000,1000000"));
    for (std::string item; std::getline(list, item, ',');) sizes.push_back(std::stoll(item));
    if (url.empty() || sizes.empty() || period <= 0) {
      std::fprintf(
          stderr,
          "usage: kingkung_bench_growth --database URL [--sizes N,N,...] [--queries Q] [--period P]\n");
      return 2;
    }
    kingkung::log::set_level(kingkung::log::level::warn);
    const std::string shop = bench::bench_shop_id;
    std::mt19937_64 random(20261129);

    std::int64_t loaded = bench::stored_orders(*bench::open_bench_database(url, shop, 1), shop);
    for (auto size : sizes) {
      if (loaded < size) {
        const std::string prefix = "r3.load." + std::to_string(size);
        bench::note_load(prefix);
        const double cpu = bench::process_cpu_seconds();
        auto start = std::chrono::steady_clock::now();
        auto load = bench::load_orders_fast(url, shop, loaded, size, period);
        const double took = bench::seconds(std::chrono::steady_clock::now() - start);
        bench::figure(prefix + ".seconds", took, "s");
        bench::figure(prefix + ".cpu_seconds", bench::process_cpu_seconds() - cpu, "s");
        bench::figure(prefix + ".orders_per_s", static_cast<double>(size - loaded) / took, "orders/s");
        if (load.bulk.orders > 0) {
          bench::figure(prefix + ".bulk_rows_per_s",
                        static_cast<double>(load.bulk.rows) / load.bulk.insert_seconds, "rows/s");
          bench::figure(prefix + ".index_s", load.bulk.index_seconds, "s");
          bench::figure(prefix + ".maintained_s", load.bulk.maintained_seconds, "s");
        }
        loaded = size;
      }
      // Measured on a thread of its own at --measure-nice (the loads above keep the priority the
      // program was started with: at nice 19 on a busy machine a million orders take hours).
      run_niced(measure_nice, [&] {
        // Opened afresh at each size: the bulk load needs the file alone.
        auto db = bench::open_bench_database(url, shop, 1);
        storage::order_repository orders(*db);
        storage::order_search search(*db);
        if (db->kind() == storage::backend::sqlite) *db->acquire() << "ANALYZE";
        bench::note_load("r3." + std::to_string(size));

        auto page = [&](auto&& fill) {
          storage::order_search_request r;
          r.filter.shop_ids = {shop};
          r.limit = 50;
          fill(r);
          auto found = search.find(r);
          if (!found) throw std::runtime_error("order search failed: " + found.err().message);
          return found->orders.size();
        };
        auto random_order = [&] {
          return bench::synthetic_order(
              shop, static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(size)), period);
        };

        report("list", size, sample(queries, [&] {
                 if (page([](auto&) {}) == 0) throw std::runtime_error("the orders list is empty");
               }));
        // Counting and free-text search read every order of the shop before their indexes (see README):
        // fewer samples keep a run on a schema without them within minutes.
        const int scans = std::max(5, queries / 10);
        report("counts", size, sample(std::max(5, queries / 3), [&] {
                 storage::order_filter filter;
                 filter.shop_ids = {shop};
                 auto counts = search.count_by_status(filter);
                 if (!counts || counts->at("all") != size)
                   throw std::runtime_error("status counts do not add up");
               }));
        report("status", size, sample(queries, [&] {
                 page([](auto& r) { r.filter.status = kingkung::domain::order_status::awaiting_shipment; });
               }));
        report("search", size, sample(scans, [&] {
                 auto wanted = random_order();
                 if (page([&](auto& r) { r.filter.query = wanted.id; }) == 0)
                   throw std::runtime_error("search found no order " + wanted.id);
               }));
        report("search_buyer", size, sample(scans, [&] {
                 auto wanted = random_order();
                 if (page([&](auto& r) { r.filter.query = wanted.buyer_user_id; }) == 0)
                   throw std::runtime_error("search found no order of buyer " + wanted.buyer_user_id);
               }));
        report("detail", size, sample(queries, [&] {
                 auto wanted = random_order();
                 auto found = orders.get(shop, wanted.id);
                 if (!found || !found.value())
                   throw std::runtime_error("order detail found nothing for " + wanted.id);
                 auto timeline = search.timeline(shop, wanted.id);
                 if (!timeline || timeline->empty()) throw std::runtime_error("no timeline for " + wanted.id);
               }));
      });
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kingkung_bench_growth: %s\n", e.what());
    return 1;
  }
}
