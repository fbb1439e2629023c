#include "webhook_sender.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>

#include "random.hpp"

namespace kingkung::sim::detail {
namespace {

constexpr int reply_deadline_seconds = 3;
constexpr std::size_t recent_kept = 20;
constexpr std::size_t made_kept = 1000;
constexpr int max_attempts = 1 + static_cast<int>(std::size(webhook_retry_delays));

class socket_handle {
 public:
  explicit socket_handle(int fd) : fd_(fd) {}
  ~socket_handle() {
    if (fd_ >= 0) ::close(fd_);
  }
  socket_handle(const socket_handle&) = delete;
  socket_handle& operator=(const socket_handle&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// POSTs and returns the response status, or a negative value with `error` set.
int post(const loopback_url& url, const webhook_delivery& d, std::string& error) {
  bool v6 = url.host == "::1";
  socket_handle s(::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (s.get() < 0) {
    error = std::strerror(errno);
    return -1;
  }
  timeval tv{reply_deadline_seconds, 0};
  ::setsockopt(s.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  ::setsockopt(s.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  int rc;
  if (v6) {
    sockaddr_in6 addr{};
    addr.sin6_family = AF_INET6;
    addr.sin6_port = htons(url.port);
    addr.sin6_addr = in6addr_loopback;
    rc = ::connect(s.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  } else {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(url.port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    rc = ::connect(s.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  }
  if (rc != 0) {
    error = std::string("connect: ") + std::strerror(errno);
    return -1;
  }
  std::string host = v6 ? "[::1]" : url.host;
  std::string request = "POST " + url.target + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(url.port) +
                        "\r\nContent-Type: application/json\r\nAuthorization: " + d.signature +
                        "\r\nContent-Length: " + std::to_string(d.body.size()) +
                        "\r\nUser-Agent: kingkung-tiktok-sim\r\nConnection: close\r\n\r\n" + d.body;
  std::size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = ::send(s.get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      error = std::string("send: ") + (n < 0 ? std::strerror(errno) : "connection closed");
      return -1;
    }
    sent += static_cast<std::size_t>(n);
  }
  std::string response;
  char buf[1024];
  while (response.find("\r\n") == std::string::npos && response.size() < 8192) {
    ssize_t n = ::recv(s.get(), buf, sizeof buf, 0);
    if (n <= 0) {
      error = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
                  ? "no reply within 3 s"
                  : std::string("recv: ") + (n < 0 ? std::strerror(errno) : "connection closed");
      return -1;
    }
    response.append(buf, static_cast<std::size_t>(n));
  }
  // "HTTP/1.1 200 OK"
  auto space = response.find(' ');
  if (response.rfind("HTTP/", 0) != 0 || space == std::string::npos || response.size() < space + 4) {
    error = "not an HTTP response";
    return -1;
  }
  return std::atoi(response.c_str() + space + 1);
}

}  // namespace

std::optional<loopback_url> parse_loopback_url(std::string_view url, std::string& why) {
  constexpr std::string_view scheme = "http://";
  if (url.rfind(scheme, 0) != 0) {
    why = "only http:// loopback addresses are delivered to";
    return std::nullopt;
  }
  std::string_view rest = url.substr(scheme.size());
  auto slash = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, slash);
  loopback_url out;
  out.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (!out.target.empty() && out.target.front() == '?') out.target = "/" + out.target;
  std::string_view host, port;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) {
      why = "malformed IPv6 address";
      return std::nullopt;
    }
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        why = "malformed address";
        return std::nullopt;
      }
      port = after.substr(1);
    }
  } else {
    auto colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (host != "127.0.0.1" && host != "::1") {
    why = "host \"" + std::string(host) + "\" is not 127.0.0.1 or [::1]";
    return std::nullopt;
  }
  out.host = std::string(host);
  if (!port.empty()) {
    int p = 0;
    for (char c : port) {
      if (c < '0' || c > '9' || p > 65535) {
        why = "malformed port";
        return std::nullopt;
      }
      p = p * 10 + (c - '0');
    }
    if (p <= 0 || p > 65535) {
      why = "port out of range";
      return std::nullopt;
    }
    out.port = static_cast<std::uint16_t>(p);
  }
  return out;
}

std::string printable_origin(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "(not a URL)";
  auto rest = url.substr(scheme_end + 3);
  auto end = rest.find_first_of("/?#");
  auto authority = rest.substr(0, end);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
  return std::string(url.substr(0, scheme_end + 3)) + std::string(authority);
}

webhook_sender::webhook_sender(plugin::logger& log) : log_(log), worker_([this] { run(); }) {}

webhook_sender::~webhook_sender() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void webhook_sender::push_locked(webhook_delivery d) {
  queue_.push_back(std::move(d));
}

void webhook_sender::enqueue(webhook_delivery d) {
  {
    std::lock_guard lock(mu_);
    made_.push_back(d);
    if (made_.size() > made_kept) made_.pop_front();
    int copies = 1;
    if (duplicate_next_ > 0) {
      --duplicate_next_;
      copies = 2;
    }
    for (int i = 0; i < copies; ++i) {
      if (holding_)
        held_.push_back(d);
      else
        push_locked(d);
    }
  }
  wake_.notify_one();
}

void webhook_sender::release_due(std::int64_t now) {
  bool queued = false;
  {
    std::lock_guard lock(mu_);
    if (retries_.empty()) return;
    std::stable_sort(retries_.begin(), retries_.end(),
                     [](const webhook_delivery& a, const webhook_delivery& b) { return a.due < b.due; });
    auto first_later = std::find_if(retries_.begin(), retries_.end(),
                                    [now](const webhook_delivery& d) { return d.due > now; });
    for (auto it = retries_.begin(); it != first_later; ++it) {
      push_locked(std::move(*it));
      ++retried_;
      queued = true;
    }
    retries_.erase(retries_.begin(), first_later);
  }
  if (queued) wake_.notify_one();
}

void webhook_sender::duplicate_next(int count) {
  std::lock_guard lock(mu_);
  duplicate_next_ += count;
}

void webhook_sender::hold() {
  std::lock_guard lock(mu_);
  holding_ = true;
}

std::vector<std::string> webhook_sender::release(release_order order, std::uint64_t seed) {
  std::vector<std::string> ids;
  {
    std::lock_guard lock(mu_);
    holding_ = false;
    if (order == release_order::reverse) {
      std::reverse(held_.begin(), held_.end());
    } else if (order == release_order::shuffle) {
      prng random(mix(seed, hash_text("webhook-release")));
      for (std::size_t i = held_.size(); i > 1; --i)
        std::swap(held_[i - 1],
                  held_[static_cast<std::size_t>(random.between(0, static_cast<std::int64_t>(i) - 1))]);
    }
    for (auto& d : held_) {
      ids.push_back(d.notification_id);
      push_locked(std::move(d));
    }
    held_.clear();
  }
  wake_.notify_one();
  return ids;
}

bool webhook_sender::replay(std::string_view notification_id) {
  {
    std::lock_guard lock(mu_);
    auto it = std::find_if(made_.rbegin(), made_.rend(),
                           [&](const webhook_delivery& d) { return d.notification_id == notification_id; });
    if (it == made_.rend()) return false;
    webhook_delivery copy = *it;
    copy.attempt = 1;
    if (holding_)
      held_.push_back(std::move(copy));
    else
      push_locked(std::move(copy));
  }
  wake_.notify_one();
  return true;
}

void webhook_sender::schedule_retry(webhook_delivery d) {
  std::lock_guard lock(mu_);
  if (d.attempt >= max_attempts) {
    ++given_up_;
    return;
  }
  d.due += webhook_retry_delays[d.attempt - 1];
  ++d.attempt;
  retries_.push_back(std::move(d));
}

void webhook_sender::record_undeliverable(const webhook_delivery& d, std::string_view reason) {
  std::lock_guard lock(mu_);
  ++undeliverable_;
  json::object item{{"type", d.type},
                    {"shop_id", d.shop_id},
                    {"tts_notification_id", d.notification_id},
                    {"result", std::string(reason)}};
  recent_.push_back(std::move(item));
  if (recent_.size() > recent_kept) recent_.erase(recent_.begin());
}

void webhook_sender::drain() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [this] { return (queue_.empty() && !busy_) || stopping_; });
}

json::object webhook_sender::report() const {
  std::lock_guard lock(mu_);
  json::array pending;
  for (const auto& d : retries_)
    pending.push_back(json::object{{"tts_notification_id", d.notification_id},
                                   {"type", d.type},
                                   {"shop_id", d.shop_id},
                                   {"attempts", d.attempt - 1},
                                   {"next_due", d.due}});
  return {{"delivered", delivered_}, {"failed", failed_},     {"undeliverable", undeliverable_},
          {"retried", retried_},     {"given_up", given_up_}, {"queued", queue_.size()},
          {"held", held_.size()},    {"holding", holding_},   {"pending_retries", std::move(pending)},
          {"recent", recent_}};
}

void webhook_sender::remember(const webhook_delivery& d, std::string result, int status) {
  std::lock_guard lock(mu_);
  json::object item{{"type", d.type},
                    {"shop_id", d.shop_id},
                    {"tts_notification_id", d.notification_id},
                    {"attempt", d.attempt},
                    {"address", printable_origin(d.url)},
                    {"result", std::move(result)}};
  if (status > 0) item["status"] = status;
  recent_.push_back(std::move(item));
  if (recent_.size() > recent_kept) recent_.erase(recent_.begin());
}

void webhook_sender::attempt(webhook_delivery& d) {
  std::string why;
  auto url = parse_loopback_url(d.url, why);
  if (!url) {
    log_.log(plugin::log_level::warn,
             "tiktok-sim: webhook to " + printable_origin(d.url) + " not sent: " + why);
    {
      std::lock_guard lock(mu_);
      ++undeliverable_;
    }
    remember(d, "refused: " + why, 0);
    return;
  }
  std::string error;
  int status = post(*url, d, error);
  if (status == 200) {
    {
      std::lock_guard lock(mu_);
      ++delivered_;
    }
    remember(d, "delivered", status);
    return;
  }
  {
    std::lock_guard lock(mu_);
    ++failed_;
  }
  std::string result = status > 0 ? "answered HTTP " + std::to_string(status) : error;
  log_.log(plugin::log_level::warn, "tiktok-sim: webhook type " + std::to_string(d.type) + " to " +
                                        printable_origin(d.url) + " failed: " + result);
  remember(d, "failed: " + result, status);
  schedule_retry(std::move(d));
}

void webhook_sender::run() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty() && stopping_) break;
    webhook_delivery d = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    attempt(d);
    lock.lock();
    busy_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
  idle_.notify_all();
}

}  // namespace kingkung::sim::detail
