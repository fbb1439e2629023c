#include "api/fulfillment/job_runner.hpp"

#include <openssl/rand.h>

#include "kingkung/log/log.hpp"

namespace kingkung::web::fulfillment {

struct job_runner::job {
  std::string id;
  job_spec spec;
  std::string state = "running";
  std::size_t done = 0;
  std::size_t failed = 0;
  std::vector<std::optional<std::string>> results;  // per order, once processed
  std::string message;
  std::shared_ptr<const std::string> file;
};

namespace {

std::string random_id() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes for a job id");
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 0xf];
  }
  return out;
}

}  // namespace

job_runner::job_runner(std::size_t workers, std::size_t keep) : keep_(keep) {
  for (std::size_t i = 0; i < std::max<std::size_t>(workers, 1); ++i)
    threads_.emplace_back([this] { work(); });
}

job_runner::~job_runner() {
  stop();
}

void job_runner::stop() noexcept {
  std::deque<task> dropped;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    dropped.swap(queue_);
  }
  wake_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  for (auto& t : dropped) finished_one(t.target, t.index, "not processed: the server stopped first");
}

std::optional<job_snapshot> job_runner::submit(job_spec spec) {
  auto j = std::make_shared<job>();
  j->id = random_id();
  j->results.resize(spec.orders.size());
  j->spec = std::move(spec);
  {
    std::lock_guard lock(mu_);
    if (stopping_) return std::nullopt;
    jobs_[j->id] = j;
    order_.push_back(j->id);
    // Forget the oldest finished jobs beyond `keep_`; running ones stay.
    for (auto it = order_.begin(); jobs_.size() > keep_ && it != order_.end();) {
      auto found = jobs_.find(*it);
      if (found != jobs_.end() && found->second->state != "running") {
        jobs_.erase(found);
        it = order_.erase(it);
      } else {
        ++it;
      }
    }
    for (std::size_t i = 0; i < j->spec.orders.size(); ++i) queue_.push_back({j, i});
  }
  wake_.notify_all();
  if (j->spec.orders.empty()) finished_one(j, 0, std::nullopt);
  std::lock_guard lock(mu_);
  return snapshot_of(*j);
}

void job_runner::work() {
  while (true) {
    task t;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      t = std::move(queue_.front());
      queue_.pop_front();
    }
    std::optional<std::string> error;
    try {
      error = t.target->spec.run_one(t.index);
    } catch (const std::exception& e) {
      log::error("web.jobs", "job " + t.target->id + " failed on an order: " + e.what());
      error = "something went wrong on our side; it has been logged";
    }
    finished_one(t.target, t.index, std::move(error));
  }
}

void job_runner::finished_one(const std::shared_ptr<job>& j, std::size_t index,
                              std::optional<std::string> error) {
  bool last = false;
  bool stopped = false;
  {
    std::lock_guard lock(mu_);
    if (!j->spec.orders.empty()) {
      if (error) ++j->failed;
      j->results[index] = std::move(error);
      ++j->done;
    }
    last = j->done == j->spec.orders.size();
    stopped = stopping_;
  }
  if (!last) return;
  std::string state = "done";
  std::string message;
  std::shared_ptr<const std::string> file;
  if (stopped) {
    state = "failed";
    message = "the server stopped before the job finished";
  } else if (j->spec.finish) {
    try {
      auto made = j->spec.finish();
      if (made) {
        file = std::make_shared<const std::string>(std::move(*made));
      } else {
        state = "failed";
        message = made.err().message;
      }
    } catch (const std::exception& e) {
      log::error("web.jobs", "job " + j->id + " could not make its file: " + e.what());
      state = "failed";
      message = "something went wrong on our side; it has been logged";
    }
  }
  std::lock_guard lock(mu_);
  j->state = state;
  j->message = std::move(message);
  j->file = std::move(file);
}

job_snapshot job_runner::snapshot_of(const job& j) {
  job_snapshot s;
  s.id = j.id;
  s.kind = j.spec.kind;
  s.state = j.state;
  s.total = j.spec.orders.size();
  s.done = j.done;
  s.failed = j.failed;
  s.message = j.message;
  s.has_file = j.file != nullptr;
  for (std::size_t i = 0; i < j.results.size(); ++i)
    if (j.results[i])
      s.errors.push_back({j.spec.orders[i].shop_id, j.spec.orders[i].order_id, *j.results[i]});
  return s;
}

std::optional<job_snapshot> job_runner::get(std::string_view id, std::int64_t seller_id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->spec.seller_id != seller_id) return std::nullopt;
  return snapshot_of(*it->second);
}

std::optional<job_runner::file> job_runner::file_of(std::string_view id, std::int64_t seller_id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->spec.seller_id != seller_id || !it->second->file) return std::nullopt;
  return file{it->second->file, it->second->spec.file_type};
}

}  // namespace kingkung::web::fulfillment
