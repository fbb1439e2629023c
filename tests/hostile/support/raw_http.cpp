#include "raw_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>

namespace kingkung::hostile {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string trim(std::string_view text) {
  auto b = text.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = text.find_last_not_of(" \t");
  return std::string(text.substr(b, e - b + 1));
}

}  // namespace

std::optional<std::string> response::header(std::string_view name) const {
  auto it = headers.find(lower(name));
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> response::all(std::string_view name) const {
  std::vector<std::string> out;
  auto [b, e] = headers.equal_range(lower(name));
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

connection::connection(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return;
  }
  fd_ = fd;
}

connection::~connection() {
  if (fd_ >= 0) ::close(fd_);
}

bool connection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool connection::fill(std::chrono::steady_clock::time_point deadline) {
  if (ended_ || fd_ < 0) return false;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() < 0) left = std::chrono::milliseconds(0);
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char chunk[16384];
  auto n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) {
    ended_ = true;
    return false;
  }
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

bool connection::closed_by_server(std::chrono::milliseconds wait) {
  auto deadline = std::chrono::steady_clock::now() + wait;
  while (!ended_) {
    auto before = buffer_.size();
    if (!fill(deadline) && !ended_) return false;
    if (buffer_.size() != before) return false;
  }
  return true;
}

std::optional<response> connection::read_response(std::chrono::milliseconds wait) {
  auto deadline = std::chrono::steady_clock::now() + wait;
  std::size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos)
    if (!fill(deadline)) return std::nullopt;

  response r;
  std::string_view head(buffer_.data(), head_end);
  auto line_end = head.find("\r\n");
  std::string_view status_line = head.substr(0, line_end);
  if (status_line.substr(0, 5) != "HTTP/" || status_line.size() < 12) return std::nullopt;
  r.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
  r.reason = status_line.size() > 13 ? std::string(status_line.substr(13)) : "";
  for (auto pos = line_end; pos != std::string_view::npos && pos < head.size();) {
    auto start = pos + 2;
    auto next = head.find("\r\n", start);
    auto field = head.substr(start, next == std::string_view::npos ? std::string_view::npos : next - start);
    if (auto colon = field.find(':'); colon != std::string_view::npos)
      r.headers.emplace(lower(field.substr(0, colon)), trim(field.substr(colon + 1)));
    pos = next;
  }
  std::size_t at = head_end + 4;

  auto need = [&](std::size_t bytes) {
    while (buffer_.size() < at + bytes)
      if (!fill(deadline)) return false;
    return true;
  };
  if (auto te = r.header("transfer-encoding"); te && lower(*te).find("chunked") != std::string::npos) {
    for (;;) {
      std::size_t eol;
      while ((eol = buffer_.find("\r\n", at)) == std::string::npos)
        if (!fill(deadline)) return std::nullopt;
      auto size = std::stoul(buffer_.substr(at, eol - at), nullptr, 16);
      at = eol + 2;
      if (!need(size + 2)) return std::nullopt;
      r.body.append(buffer_, at, size);
      at += size + 2;
      if (size == 0) break;
    }
  } else if (auto length = r.header("content-length")) {
    auto size = std::stoul(*length);
    if (!need(size)) return std::nullopt;
    r.body = buffer_.substr(at, size);
    at += size;
  } else if (r.status != 204 && r.status != 304 && r.status >= 200) {
    while (fill(deadline)) {
    }
    r.body = buffer_.substr(at);
    at = buffer_.size();
  }
  buffer_.erase(0, at);
  return r;
}

std::optional<response> round_trip(std::uint16_t port, std::string_view bytes) {
  connection c(port);
  if (!c.connected()) return std::nullopt;
  c.send(bytes);  // a server that refuses early may close before everything is written; its answer counts
  return c.read_response();
}

std::vector<response> all_answers(std::uint16_t port, std::string_view bytes, std::chrono::milliseconds quiet) {
  std::vector<response> out;
  connection c(port);
  if (!c.connected()) return out;
  c.send(bytes);
  while (auto r = c.read_response(out.empty() ? answer_wait : quiet)) out.push_back(std::move(*r));
  return out;
}

std::string percent_encode(std::string_view value) {
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace kingkung::hostile
