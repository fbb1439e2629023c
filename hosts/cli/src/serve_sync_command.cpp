// kingkung serve-sync: the sync workers alone, without the web host. Starts the runtime (config,
// migrated database, vault, plugins), then [sync] workers threads, each taking due shops by lease,
// syncing them and draining their write-backs, until SIGINT or SIGTERM. Several processes (on several
// machines with MySQL) may run it against one database: the leases keep them off each other's shops.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/connect/demo_shops.hpp"
#include "kingkung/connect/shop_links.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/sync/worker.hpp"

namespace kingkung::cli {
namespace {

constexpr std::string_view usage_text =
    "usage: kingkung [--config FILE] serve-sync [--once]\n"
    "Runs [sync] workers sync workers until SIGINT or SIGTERM. --once: one pass of every worker, then exit\n"
    "(exit code 1 when a shop's sync failed).\n";

}  // namespace

int cmd_serve_sync(const invocation& in) {
  bool once = false;
  for (const auto& a : in.args) {
    if (a == "--once") {
      once = true;
    } else {
      std::fprintf(stderr, "kingkung serve-sync: unknown argument \"%s\"\n\n%.*s", a.c_str(),
                   static_cast<int>(usage_text.size()), usage_text.data());
      return 2;
    }
  }

  // Signals are taken by sigwait on this thread only; the workers never see them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  app::runtime_options options;
  options.config_file = in.config_path;
  auto started = app::runtime::start(options);
  if (!started) {
    std::fprintf(stderr, "kingkung serve-sync: %s\n", started.err().message.c_str());
    return 1;
  }
  auto& rt = **started;
  const auto settings = sync::sync_settings::from_config(rt.config().sync);
  // Declared after the runtime, so clients and transports go before the plugins unload.
  connect::shop_links links(rt.config(), rt.database(), rt.vault(), connect::transports_of(rt.plugins()));
  // With [demo] enabled the demo shops are connected first (idempotent), so the demo syncs on its own.
  if (auto demo = connect::connect_demo_shops(rt.config(), rt.database(), rt.vault(), links); !demo) {
    std::fprintf(stderr, "kingkung serve-sync: demo set-up: %s\n", demo.err().message.c_str());
    return 1;
  }
  sync::engine engine(rt.database(), settings);
  sync::write_back_queue queue(rt.database(), settings);

  std::vector<std::unique_ptr<sync::worker>> workers;
  const std::string prefix = sync::holder_prefix();
  for (unsigned i = 1; i <= rt.config().sync.workers; ++i) {
    sync::worker_options o;
    o.holder = prefix + ":" + std::to_string(i);
    workers.push_back(std::make_unique<sync::worker>(rt.database(), engine, queue, links, o));
  }

  if (once) {
    bool ok = true;
    for (auto& w : workers) {
      auto report = w->run_once();
      ok = ok && report.failed.empty();
      for (const auto& shop : report.failed)
        std::fprintf(stderr, "kingkung serve-sync: shop %s failed\n", shop.c_str());
    }
    return ok ? 0 : 1;
  }

  log::info("sync", "serve-sync: " + std::to_string(workers.size()) + " workers as " + prefix);
  std::vector<std::thread> threads;
  for (auto& w : workers) threads.emplace_back([&worker = *w] { worker.run(); });
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  log::info("sync", "serve-sync: stopping on signal " + std::to_string(signal_number));
  for (auto& w : workers) w->stop();
  for (auto& t : threads) t.join();
  return 0;
}

}  // namespace kingkung::cli
