// Delivers webhooks from a background thread with a minimal HTTP/1.1 client over POSIX sockets.
// Loopback only: the simulator never sends traffic to any other address. Each POST waits at most
// 3 seconds (the platform's reply deadline). A failed delivery is retried on the platform's schedule
// (2 min, then +30 min, +3 h, +12 h) on the simulated clock: the engine hands over the simulated time
// with release_due(). Tests can also hold webhooks back and release them out of order, send the next
// ones twice, and replay one already made.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "json_util.hpp"
#include "kingkung/plugin/host_context.hpp"

namespace kingkung::sim::detail {

struct loopback_url {
  std::string host;  // "127.0.0.1" or "::1"
  std::uint16_t port = 80;
  std::string target;  // path and query, at least "/"
};

// Accepts only http://127.0.0.1[:port]/... and http://[::1][:port]/...; `why` says what is wrong.
std::optional<loopback_url> parse_loopback_url(std::string_view url, std::string& why);

// What a log line may show of an address: scheme, host and port, never the path or query.
std::string printable_origin(std::string_view url);

struct webhook_delivery {
  std::string url;
  std::string body;
  std::string signature;  // the Authorization header value
  int type = 0;
  std::string shop_id;
  std::string notification_id;
  std::int64_t due = 0;  // simulated Unix seconds of this attempt (the first: when it was made)
  int attempt = 1;       // 1 for the first delivery, 2..5 for the retries
};

// Seconds after the previous attempt at which retry n (1-based) is due; 4 retries at most.
inline constexpr std::int64_t webhook_retry_delays[] = {120, 1800, 10800, 43200};

enum class release_order { sent, reverse, shuffle };

class webhook_sender {
 public:
  explicit webhook_sender(plugin::logger& log);
  ~webhook_sender();
  webhook_sender(const webhook_sender&) = delete;
  webhook_sender& operator=(const webhook_sender&) = delete;

  void enqueue(webhook_delivery d);
  // Records an event that had no deliverable address.
  void record_undeliverable(const webhook_delivery& d, std::string_view reason);
  // Blocks until everything queued so far was attempted (held webhooks and retries not yet due do
  // not count).
  void drain();
  // Queues the retries due at `now` (simulated Unix seconds).
  void release_due(std::int64_t now);
  // Each of the next `count` webhooks is sent twice.
  void duplicate_next(int count);
  void hold();
  // Sends what was held in the given order and stops holding; returns the notification ids in order.
  std::vector<std::string> release(release_order order, std::uint64_t seed);
  // Sends a webhook made earlier again, unchanged; false when the id is unknown (or too old).
  bool replay(std::string_view notification_id);
  json::object report() const;

 private:
  void run();
  void attempt(webhook_delivery& d);
  void remember(const webhook_delivery& d, std::string result, int status);
  void push_locked(webhook_delivery d);
  void schedule_retry(webhook_delivery d);

  plugin::logger& log_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<webhook_delivery> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::uint64_t delivered_ = 0;
  std::uint64_t failed_ = 0;
  std::uint64_t undeliverable_ = 0;
  std::uint64_t retried_ = 0;
  std::uint64_t given_up_ = 0;
  int duplicate_next_ = 0;
  bool holding_ = false;
  std::vector<webhook_delivery> held_;
  std::vector<webhook_delivery> retries_;  // failed deliveries waiting for their due time
  std::deque<webhook_delivery> made_;      // the last webhooks made, for replay
  json::array recent_;
  std::thread worker_;
};

}  // namespace kingkung::sim::detail
