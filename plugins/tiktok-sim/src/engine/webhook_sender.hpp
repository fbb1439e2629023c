// Delivers webhooks from a background thread with a minimal HTTP/1.1 client over POSIX sockets.
// Loopback only: the simulator never sends traffic to any other address. Each POST waits at most
// 3 seconds (the platform's reply deadline); failed deliveries are recorded, not retried.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

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
};

class webhook_sender {
 public:
  explicit webhook_sender(plugin::logger& log);
  ~webhook_sender();
  webhook_sender(const webhook_sender&) = delete;
  webhook_sender& operator=(const webhook_sender&) = delete;

  void enqueue(webhook_delivery d);
  // Records an event that had no deliverable address.
  void record_undeliverable(const webhook_delivery& d, std::string_view reason);
  // Blocks until everything queued so far was attempted.
  void drain();
  json::object report() const;

 private:
  void run();
  void attempt(const webhook_delivery& d);
  void remember(const webhook_delivery& d, std::string result, int status);

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
  json::array recent_;
  std::thread worker_;
};

}  // namespace kingkung::sim::detail
