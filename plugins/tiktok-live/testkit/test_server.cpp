#include "test_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/system_error.hpp>
#include <csignal>
#include <stdexcept>

namespace kingkung::live::testkit {
namespace {

namespace http = boost::beast::http;

void check(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("test server: " + what + " failed");
}

std::string reason_for(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

}  // namespace

struct test_server::tls_state {
  SSL_CTX* ctx = nullptr;
  ~tls_state() { SSL_CTX_free(ctx); }
};

struct peer::state {
  test_server* server = nullptr;
  int fd = -1;
  SSL* ssl = nullptr;
  bool handshaken = false;
  bool closed = false;
  boost::beast::flat_buffer buffer;

  ~state() { SSL_free(ssl); }

  // A blocking SyncReadStream over the socket or the TLS session, for Beast's parser.
  struct stream {
    state* s;
    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers, boost::system::error_code& ec) {
      boost::asio::mutable_buffer b = *boost::asio::buffer_sequence_begin(buffers);
      if (s->closed) {
        ec = boost::asio::error::eof;
        return 0;
      }
      int want = static_cast<int>(std::min<std::size_t>(b.size(), 1 << 16));
      int n = s->ssl ? SSL_read(s->ssl, b.data(), want)
                     : static_cast<int>(::recv(s->fd, b.data(), static_cast<std::size_t>(want), 0));
      if (n > 0) {
        ec = {};
        return static_cast<std::size_t>(n);
      }
      if (s->ssl) ERR_clear_error();
      if (n == 0) {
        ec = boost::asio::error::eof;
      } else {
        ec = boost::asio::error::connection_reset;
      }
      return 0;
    }
    template <class MutableBuffers>
    std::size_t read_some(const MutableBuffers& buffers) {
      boost::system::error_code ec;
      std::size_t n = read_some(buffers, ec);
      if (ec) throw boost::system::system_error(ec);
      return n;
    }
  };

  void end(bool polite) {
    if (closed) return;
    if (polite && ssl != nullptr && handshaken) SSL_shutdown(ssl);  // sends close_notify, does not wait
    {
      std::lock_guard lock(server->mutex_);
      std::erase(server->open_fds_, fd);
    }
    ::close(fd);
    closed = true;
  }
};

peer::peer(std::unique_ptr<state> s) : s_(std::move(s)) {}
peer::~peer() {
  s_->end(true);
}

bool peer::handshake() {
  if (s_->ssl == nullptr || s_->handshaken) return s_->handshaken || s_->ssl == nullptr;
  if (SSL_accept(s_->ssl) != 1) {
    ERR_clear_error();
    return false;
  }
  s_->handshaken = true;
  return true;
}

std::optional<received_request> peer::read_request() {
  if (s_->closed) return std::nullopt;
  http::request_parser<http::string_body> parser;
  parser.body_limit(64u * 1024u * 1024u);
  state::stream stream{s_.get()};
  boost::system::error_code ec;
  http::read(stream, s_->buffer, parser, ec);
  if (ec) return std::nullopt;
  auto& msg = parser.get();
  received_request out;
  out.method = std::string(msg.method_string());
  out.target = std::string(msg.target());
  for (const auto& field : msg)
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  out.body = std::move(msg.body());
  return out;
}

bool peer::write(std::string_view bytes) {
  while (!bytes.empty() && !s_->closed) {
    int n = s_->ssl ? SSL_write(s_->ssl, bytes.data(), static_cast<int>(bytes.size()))
                    : static_cast<int>(::send(s_->fd, bytes.data(), bytes.size(), MSG_NOSIGNAL));
    if (n <= 0) {
      if (s_->ssl) ERR_clear_error();
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return bytes.empty();
}

bool peer::respond(int status, std::string_view body,
                   const std::vector<std::pair<std::string, std::string>>& headers, bool close) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason_for(status) + "\r\n";
  for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  if (close) out += "Connection: close\r\n";
  out += "\r\n";
  out.append(body);
  return write(out);
}

void peer::close() {
  s_->end(true);
}

std::string peer::server_name() const {
  if (s_->ssl == nullptr) return {};
  const char* name = SSL_get_servername(s_->ssl, TLSEXT_NAMETYPE_host_name);
  return name != nullptr ? name : "";
}

void peer::drop() {
  s_->end(false);
}

void peer::stall() {
  std::unique_lock lock(s_->server->mutex_);
  s_->server->changed_.wait(lock, [this] { return s_->server->stopping_.load(); });
}

std::optional<std::string> received_request::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (boost::beast::iequals(n, name)) return v;
  }
  return std::nullopt;
}

test_server::test_server(server_options options, handler on_connection)
    : options_(std::move(options)), handler_(std::move(on_connection)) {
  std::signal(SIGPIPE, SIG_IGN);  // OpenSSL writes to sockets with write(2)
  if (options_.tls != tls_mode::none) {
    tls_ = std::make_unique<tls_state>();
    tls_->ctx = SSL_CTX_new(TLS_server_method());
    check(tls_->ctx != nullptr, "SSL_CTX_new");
    if (options_.tls == tls_mode::legacy_only) {
      SSL_CTX_set_security_level(tls_->ctx, 0);
      check(SSL_CTX_set_cipher_list(tls_->ctx, "DEFAULT:@SECLEVEL=0") == 1, "legacy cipher list");
      SSL_CTX_set_min_proto_version(tls_->ctx, TLS1_VERSION);
      SSL_CTX_set_max_proto_version(tls_->ctx, TLS1_1_VERSION);
    } else {
      SSL_CTX_set_min_proto_version(tls_->ctx, TLS1_2_VERSION);
    }
    BIO* cert_bio = BIO_new_mem_buf(options_.identity.cert_pem.data(),
                                    static_cast<int>(options_.identity.cert_pem.size()));
    X509* cert = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
    BIO_free(cert_bio);
    check(cert != nullptr && SSL_CTX_use_certificate(tls_->ctx, cert) == 1, "loading the server certificate");
    X509_free(cert);
    BIO* key_bio =
        BIO_new_mem_buf(options_.identity.key_pem.data(), static_cast<int>(options_.identity.key_pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
    BIO_free(key_bio);
    check(key != nullptr && SSL_CTX_use_PrivateKey(tls_->ctx, key) == 1, "loading the server key");
    EVP_PKEY_free(key);
  }

  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  check(listen_fd_ >= 0, "socket");
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  check(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0, "bind 127.0.0.1");
  check(::listen(listen_fd_, 64) == 0, "listen");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

test_server::~test_server() {
  stopping_ = true;
  acceptor_.join();
  {
    std::lock_guard lock(mutex_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  changed_.notify_all();
  for (auto& w : workers_) w.thread.join();
  ::close(listen_fd_);
}

std::string test_server::url(const std::string& host) const {
  return std::string(options_.tls == tls_mode::none ? "http://" : "https://") + host + ":" +
         std::to_string(port_);
}

bool test_server::wait_finished(std::size_t n, std::chrono::milliseconds limit) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, limit, [&] { return finished_.load() >= n; });
}

void test_server::accept_loop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ++accepted_;
    std::erase_if(workers_, [](worker& w) {
      if (!w.done->load()) return false;
      w.thread.join();
      return true;
    });
    auto done = std::make_shared<std::atomic<bool>>(false);
    std::lock_guard lock(mutex_);
    open_fds_.push_back(fd);
    workers_.push_back({std::thread([this, fd, done] {
                          serve(fd);
                          *done = true;
                        }),
                        done});
  }
}

void test_server::serve(int fd) {
  auto s = std::make_unique<peer::state>();
  s->server = this;
  s->fd = fd;
  if (tls_) {
    s->ssl = SSL_new(tls_->ctx);
    SSL_set_fd(s->ssl, fd);
  }
  {
    peer p(std::move(s));
    if (!options_.handshake_first || p.handshake()) {
      try {
        handler_(p);
      } catch (...) {
        // A handler that throws just ends its connection.
      }
    }
  }  // ~peer closes the connection
  std::lock_guard lock(mutex_);
  ++finished_;
  changed_.notify_all();
}

void echo_handler(peer& p) {
  while (auto request = p.read_request()) {
    std::string body = request->method + " " + request->target + " " + std::to_string(request->body.size());
    if (!p.respond(200, body, {{"Content-Type", "text/plain"}})) return;
  }
}

}  // namespace kingkung::live::testkit
