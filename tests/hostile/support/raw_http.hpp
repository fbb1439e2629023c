// HTTP/1.1 over a plain TCP socket to 127.0.0.1, with no HTTP library: the tests write the request bytes
// themselves (so they can write wrong ones) and read the server's answers with a small parser of their own.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kingkung::hostile {

// A generous bound so a server that never answers fails a test instead of hanging it; no test asserts
// on how long anything took.
inline constexpr std::chrono::milliseconds answer_wait{10'000};

struct response {
  int status = 0;
  std::string reason;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;

  std::optional<std::string> header(std::string_view name) const;
  std::vector<std::string> all(std::string_view name) const;
};

// One TCP connection to 127.0.0.1:port.
class connection {
 public:
  explicit connection(std::uint16_t port);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // False when the server closed or reset the connection before every byte was written.
  bool send(std::string_view bytes);
  // Reads one answer; nullopt when the connection ended (or `wait` passed) before a whole answer came.
  std::optional<response> read_response(std::chrono::milliseconds wait = answer_wait);
  // True when the server closed the connection (end of stream or reset) within `wait`, having sent
  // nothing more; bytes that did arrive are kept for read_response().
  bool closed_by_server(std::chrono::milliseconds wait = answer_wait);
  // Everything received and not yet parsed.
  const std::string& pending() const { return buffer_; }

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  bool ended_ = false;
  std::string buffer_;
};

// Sends `bytes` on a fresh connection and reads the first answer.
std::optional<response> round_trip(std::uint16_t port, std::string_view bytes);

// Every answer on a fresh connection after sending `bytes`, until the server closes it or stays silent for
// `quiet`: how many requests the server saw in those bytes.
std::vector<response> all_answers(std::uint16_t port, std::string_view bytes,
                                  std::chrono::milliseconds quiet = std::chrono::milliseconds(1500));

// `value` with every byte outside unreserved characters percent-encoded, for query strings.
std::string percent_encode(std::string_view value);

}  // namespace kingkung::hostile
