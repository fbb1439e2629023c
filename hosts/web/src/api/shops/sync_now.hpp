// "Sync now" from the Shops page: one background thread that syncs the shops asked for (orders, products,
// packages), one at a time, under the same per-shop lease the sync workers take, so a shop is never
// synced twice at once. A shop asked for again while queued is queued once.
//
// Lifetime: stop() (idempotent; also run by the destructor) ends the thread after the shop in progress.
// The web host registers it as a runtime stop hook, so it stops before the platform services go.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace kingkung::app {
class platform_services;
}
namespace kingkung::storage {
class database;
}

namespace kingkung::web::shops {

class sync_now {
 public:
  sync_now(storage::database& db, app::platform_services& services);
  ~sync_now();
  sync_now(const sync_now&) = delete;
  sync_now& operator=(const sync_now&) = delete;

  // Queues the shop; false after stop().
  bool request(std::string_view shop_id);
  // Blocks until the queue is empty and no shop is being synced (tests).
  void wait_idle();
  void stop() noexcept;

 private:
  void run();
  void sync_one(const std::string& shop_id);

  storage::database& db_;
  app::platform_services& services_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kingkung::web::shops
