#include "connect_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace kingkung::live::testkit {
namespace {

void check(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("test proxy: " + what + " failed");
}

bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

connect_proxy::connect_proxy(options opts) : options_(std::move(opts)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  check(listen_fd_ >= 0, "socket");
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  check(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0, "bind 127.0.0.1");
  check(::listen(listen_fd_, 64) == 0, "listen");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

connect_proxy::~connect_proxy() {
  stopping_ = true;
  acceptor_.join();
  for (auto& t : workers_) t.join();  // relays poll with a short timeout and see stopping_
  ::close(listen_fd_);
}

std::vector<std::string> connect_proxy::request_lines() const {
  std::lock_guard lock(mutex_);
  return request_lines_;
}

std::vector<std::string> connect_proxy::authorizations() const {
  std::lock_guard lock(mutex_);
  return authorizations_;
}

void connect_proxy::accept_loop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    workers_.emplace_back([this, fd] {
      serve(fd);
      ::close(fd);
    });
  }
}

void connect_proxy::serve(int fd) {
  // The request head, read byte by byte so nothing of the tunnel is consumed.
  std::string head;
  while (head.size() < 8192 && (head.size() < 4 || head.compare(head.size() - 4, 4, "\r\n\r\n") != 0)) {
    pollfd p{fd, POLLIN, 0};
    if (stopping_) return;
    if (::poll(&p, 1, 20) <= 0) continue;
    char c = 0;
    if (::recv(fd, &c, 1, 0) != 1) return;
    head += c;
  }
  std::string line = head.substr(0, head.find("\r\n"));
  std::string authorization;
  for (std::size_t pos = head.find("\r\n"); pos != std::string::npos && pos + 2 < head.size();) {
    std::size_t end = head.find("\r\n", pos + 2);
    std::string field = head.substr(pos + 2, end - pos - 2);
    if (auto colon = field.find(':');
        colon != std::string::npos && lower(field.substr(0, colon)) == "proxy-authorization") {
      authorization = field.substr(colon + 1);
      authorization.erase(0, authorization.find_first_not_of(' '));
    }
    pos = end;
  }
  {
    std::lock_guard lock(mutex_);
    request_lines_.push_back(line);
    authorizations_.push_back(authorization);
  }
  if (options_.refuse_with != 0) {
    send_all(fd,
             "HTTP/1.1 " + std::to_string(options_.refuse_with) + " Refused\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  if (options_.required_authorization && authorization != *options_.required_authorization) {
    send_all(fd, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  // "CONNECT host:port HTTP/1.1"; only loopback targets are tunnelled.
  auto first_space = line.find(' ');
  auto second_space = line.find(' ', first_space + 1);
  std::string authority = line.substr(first_space + 1, second_space - first_space - 1);
  auto colon = authority.rfind(':');
  std::string host = authority.substr(0, colon);
  int port = colon == std::string::npos ? 0 : std::atoi(authority.c_str() + colon + 1);
  if (line.rfind("CONNECT ", 0) != 0 || (host != "localhost" && host != "127.0.0.1") || port <= 0) {
    send_all(fd, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  int target = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (target < 0 || ::connect(target, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    if (target >= 0) ::close(target);
    send_all(fd, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  if (send_all(fd, "HTTP/1.1 200 Connection established\r\n\r\n")) {
    ++tunnels_;
    relay(fd, target);
  }
  ::close(target);
}

void connect_proxy::relay(int client, int target) {
  char buf[16384];
  while (!stopping_) {
    pollfd p[2] = {{client, POLLIN, 0}, {target, POLLIN, 0}};
    int ready = ::poll(p, 2, 20);
    if (ready <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if ((p[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      ssize_t n = ::recv(p[i].fd, buf, sizeof buf, 0);
      if (n <= 0) return;
      if (!send_all(i == 0 ? target : client, std::string(buf, static_cast<std::size_t>(n)))) return;
    }
  }
}

}  // namespace kingkung::live::testkit
