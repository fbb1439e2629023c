// A sync worker: in passes, for every connected shop that is due (its order sync is interval_seconds old,
// or write-backs are due), takes the shop's lease in the database, syncs orders, packages and products
// (and reconciles when due), drains the shop's write-backs, and gives the lease back. Several workers, in
// one process or many, share one database: a shop is worked on by one lease holder at a time; the lease
// is renewed while a run goes on (at page boundaries and by a watcher thread, also during one slow
// platform call), and a worker that dies loses it after lease_seconds. A worker whose lease was taken
// from it stops at the end of the page in progress.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/sync/engine.hpp"
#include "kingkung/sync/write_back.hpp"

namespace kingkung::sync {

// Told when a worker starts and ends work on a shop (while holding its lease). Thread-safe, quick.
class worker_observer {
 public:
  virtual ~worker_observer() = default;
  virtual void on_shop_started(std::string_view shop_id, std::string_view holder) noexcept = 0;
  virtual void on_shop_finished(std::string_view shop_id, std::string_view holder, bool ok) noexcept = 0;
};

struct worker_options {
  std::string holder;                         // unique among all workers, e.g. "host:pid:1"
  std::chrono::milliseconds idle_wait{1000};  // run(): pause between passes
  bool sync_products = true;
  bool sync_packages = true;
  std::shared_ptr<worker_observer> observer;  // may be null
  // How often, on the steady clock, the watcher thread of a run looks whether a third of the lease has
  // passed on the worker's clock (and renews it then).
  std::chrono::milliseconds lease_check{1000};
};

struct pass_report {
  std::vector<std::string> worked;          // shops this worker synced or drained
  std::vector<std::string> held_elsewhere;  // due, but another worker holds the lease
  std::vector<std::string> failed;          // a run failed (see sync_state for why)
  std::vector<std::string> unreachable;     // no link (disconnected, needs re-authorisation)
};

// The lease name of a shop's sync.
std::string shop_lease_name(std::string_view shop_id);

// "<host name>:<pid>", plus ":<role>" when given: the start of this process's worker holder ids, unique
// among the processes sharing a database. Append ":<n>" per worker.
std::string holder_prefix(std::string_view role = {});

class worker {
 public:
  // `clock` decides what is due and when leases expire; null: the system clock. It should tell the
  // same time as the engine's clock (sync_state is stamped with that one). Throws std::invalid_argument
  // for an empty holder id.
  worker(storage::database& db, engine& sync_engine, write_back_queue& queue, shop_link_provider& links,
         worker_options options, std::shared_ptr<const plugin::clock> clock = nullptr);
  ~worker();
  worker(const worker&) = delete;
  worker& operator=(const worker&) = delete;

  // One pass over the connected shops.
  pass_report run_once();
  // Passes until stop(); returns promptly after it (a run in progress ends at its next page).
  void run();
  // Thread-safe; may be called from a signal-watching thread.
  void stop();
  bool stopping() const noexcept { return stop_.load(); }

  const std::string& holder() const noexcept { return options_.holder; }

 private:
  bool due(std::string_view shop_id, std::int64_t now);
  bool work_on(std::string_view shop_id, const shop_link& link);
  std::int64_t now() const;

  storage::database& db_;
  engine& engine_;
  write_back_queue& queue_;
  shop_link_provider& links_;
  worker_options options_;
  std::shared_ptr<const plugin::clock> clock_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
};

}  // namespace kingkung::sync
