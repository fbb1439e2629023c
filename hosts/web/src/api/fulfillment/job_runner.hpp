// Bulk work in the background: a job is a list of orders processed one by one by a small pool of
// worker threads (bounded concurrency, shared by every job of the process), each order's result kept,
// then an optional finishing step that makes the job's file (merged labels, packing slips).
//
// Jobs live in memory: a restart forgets them (the work they did stays done). The newest `keep` jobs
// are kept; older finished ones are dropped. A job is visible only to its seller.
//
// States: running, then done (every order processed; some may have failed, see `failed` and `errors`)
// or failed (the job's file could not be made, or the server stopped first).
//
// stop() (at shutdown, and by the destructor) lets the orders in progress finish, fails the rest and
// joins the threads. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "kingkung/plugin/result.hpp"

namespace kingkung::web::fulfillment {

struct job_order {
  std::string shop_id;
  std::string order_id;
};

struct job_error {
  std::string shop_id;
  std::string order_id;
  std::string message;
};

struct job_spec {
  std::int64_t seller_id = 0;
  std::string kind;  // "ship", "labels", "packing_slips"
  std::vector<job_order> orders;
  // Processes orders[index]; returns the failure for the seller, or nullopt. Called on a worker thread.
  std::function<std::optional<std::string>(std::size_t index)> run_one;
  // After the last order: the job's file (PDF bytes). Null for jobs without a file.
  std::function<plugin::result<std::string>()> finish;
  std::string file_type = "application/pdf";
};

struct job_snapshot {
  std::string id;
  std::string kind;
  std::string state;  // "running" | "done" | "failed"
  std::size_t total = 0;
  std::size_t done = 0;    // orders processed, successfully or not
  std::size_t failed = 0;  // of those, how many failed
  std::vector<job_error> errors;
  std::string message;  // why the job failed, when it did
  bool has_file = false;
};

class job_runner {
 public:
  explicit job_runner(std::size_t workers = 2, std::size_t keep = 200);
  ~job_runner();
  job_runner(const job_runner&) = delete;
  job_runner& operator=(const job_runner&) = delete;

  // Queues the job and returns its snapshot (state running); nullopt once stopped.
  std::optional<job_snapshot> submit(job_spec spec);
  // The seller's job; nullopt for an unknown id or another seller's job.
  std::optional<job_snapshot> get(std::string_view id, std::int64_t seller_id) const;
  // The finished job's file and its content type.
  struct file {
    std::shared_ptr<const std::string> bytes;
    std::string content_type;
  };
  std::optional<file> file_of(std::string_view id, std::int64_t seller_id) const;

  void stop() noexcept;

 private:
  struct job;
  struct task {
    std::shared_ptr<job> target;
    std::size_t index = 0;
  };
  void work();
  void finished_one(const std::shared_ptr<job>& j, std::size_t index, std::optional<std::string> error);
  static job_snapshot snapshot_of(const job& j);

  const std::size_t keep_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<task> queue_;
  std::map<std::string, std::shared_ptr<job>, std::less<>> jobs_;
  std::deque<std::string> order_;  // job ids, oldest first
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kingkung::web::fulfillment
