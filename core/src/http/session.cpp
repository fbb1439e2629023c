#include "http/session.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "http/error_answer.hpp"
#include "http/fail.hpp"
#include "http/request_head.hpp"
#include "http/wire_message.hpp"
#include "kingkung/log/log.hpp"

namespace kingkung::http::detail {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

using plain_stream = beast::tcp_stream;
using tls_stream = net::ssl::stream<beast::tcp_stream>;

// How long a closing connection may keep sending before it is cut off.
constexpr std::chrono::seconds linger_limit{2};
// How long a connection over the cap may take (TLS handshake included) to be told 503 before it is cut
// off: it must not hold a socket for a whole read timeout.
constexpr std::chrono::seconds overload_answer_limit{2};

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

template <class Fields>
parsed_head parsed_head_of(const bhttp::request_header<Fields>& head) {
  parsed_head p;
  p.version = head.version();
  p.method = head.method_string();
  p.target = head.target();
  for (const auto& field : head) {
    if (field.name() == bhttp::field::host) {
      if (p.host_fields++ == 0) p.host = field.value();
    } else if (field.name() == bhttp::field::transfer_encoding) {
      if (p.transfer_encoding_fields++ == 0) p.transfer_encoding = field.value();
    } else if (field.name() == bhttp::field::content_length) {
      p.has_content_length = true;
    }
  }
  return p;
}

template <class Stream>
class session final : public session_base, public std::enable_shared_from_this<session<Stream>> {
  static constexpr bool secure = std::is_same_v<Stream, tls_stream>;

  // awaiting: no byte of the next request yet (closed at once on stop); reading: a request is arriving;
  // busy: routing or writing; closing: shutting down.
  enum class phase { awaiting, reading, busy, closing, closed };

 public:
  session(std::shared_ptr<server_state> state, tcp::socket&& socket, bool overloaded)
      : state_(std::move(state)), stream_(make_stream(std::move(socket), *state_)), overloaded_(overloaded) {
    beast::error_code ec;
    auto peer = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    if (!ec) remote_ = peer.address().to_string();
  }

  ~session() override {
    if (id_ != 0) state_->leave(id_, !overloaded_);
  }

  void run() {
    id_ = state_->enroll(this->weak_from_this(), !overloaded_);
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->begin(); });
  }

  void notify_stop(bool force) override {
    net::post(stream_.get_executor(), [self = this->shared_from_this(), force] {
      self->stopping_ = true;
      if (force || self->phase_ == phase::awaiting) self->close_now();
    });
  }

 private:
  static Stream make_stream(tcp::socket&& socket, server_state& state) {
    if constexpr (secure)
      return Stream(std::move(socket), *state.tls);
    else
      return Stream(std::move(socket));
  }

  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }
  const server_options& options() const { return state_->options; }

  void begin() {
    // The first request's deadline covers the TLS handshake, the wait for it and its headers.
    if (overloaded_)
      lowest().expires_after(
          std::min<std::chrono::milliseconds>(overload_answer_limit, options().read_timeout));
    else
      lowest().expires_after(options().read_timeout);
    if constexpr (secure) {
      stream_.async_handshake(net::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) {
                                  fail(ec, "tls handshake", self->remote_);
                                  return self->close_now();
                                }
                                self->after_handshake();
                              });
    } else {
      after_handshake();
    }
  }

  void after_handshake() {
    if (overloaded_) {
      log::warn("http", "connection limit (" + std::to_string(options().max_connections) +
                            ") reached; answering 503 to " + remote_);
      return send_error(503);
    }
    await_request();
  }

  void await_request() {
    if (stopping_ || state_->stopping()) return close_now();
    head_ = false;
    header_seen_ = false;
    json_errors_ = false;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(options().max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser_->body_limit(options().max_body_bytes);
    if (buffer_.size() > 0) {  // a pipelined request is already here
      phase_ = phase::reading;
      lowest().expires_after(options().read_timeout);
      return read_header();
    }
    phase_ = phase::awaiting;
    if (served_ > 0) lowest().expires_after(options().idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->on_first_bytes(ec, n);
                            });
  }

  void on_first_bytes(beast::error_code ec, std::size_t n) {
    if (ec) {
      fail(ec, served_ > 0 ? "keep-alive read" : "read", remote_);
      return close_now();
    }
    buffer_.commit(n);
    phase_ = phase::reading;
    if (served_ > 0) lowest().expires_after(options().read_timeout);
    if (stopping_) return close_now();
    read_header();
  }

  // Reads until the whole head is buffered and checks its raw bytes (Beast's parser is lenient about
  // folding and applies its size limit per read), then lets the parser take the head from the buffer.
  void read_header() {
    const auto raw = buffer_.cdata();
    const auto check = check_raw_head(std::string_view(static_cast<const char*>(raw.data()), raw.size()),
                                      options().max_header_bytes);
    switch (check.what) {
      case raw_head_check::verdict::complete:
        return bhttp::async_read_header(
            stream_, buffer_, *parser_,
            [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
      case raw_head_check::verdict::too_large:
        return on_read_error(bhttp::error::header_limit);
      case raw_head_check::verdict::malformed:
        log::debug("http", "malformed request from " + remote_ + ": " + check.why);
        note_raw_json_errors();
        return send_error(400, 11, "The request is not valid HTTP/1.1: " + check.why + "; it was not processed.");
      case raw_head_check::verdict::incomplete:
        break;
    }
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->on_read_error(ec == net::error::eof && self->buffer_.size() > 0
                                                                      ? beast::error_code(bhttp::error::partial_message)
                                                                      : ec);
                              self->buffer_.commit(n);
                              self->read_header();
                            });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    header_seen_ = true;
    json_errors_ = expects_json(options(), parser_->get().target(), parser_->get()[bhttp::field::accept]);
    if (auto refusal = check_parsed_head(parsed_head_of(parser_->get())); refusal.status != 0) {
      log::debug("http", "refused request from " + remote_ + ": " + refusal.why);
      return send_error(refusal.status, parser_->get().version(), refusal.why);
    }
    if (auto length = parser_->content_length(); length && *length > options().max_body_bytes)
      return send_error(413);
    const auto& head = parser_->get();
    if (head.version() >= 11 && iequals(head[bhttp::field::expect], "100-continue") && !parser_->is_done()) {
      continue_.emplace(bhttp::status::continue_, head.version());
      lowest().expires_after(options().write_timeout);
      return bhttp::async_write(stream_, *continue_,
                                [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                  self->continue_.reset();
                                  if (ec) {
                                    fail(ec, "write", self->remote_);
                                    return self->close_now();
                                  }
                                  self->read_body();
                                });
    }
    if (parser_->is_done()) return handle();
    read_body();
  }

  void read_body() {
    lowest().expires_after(options().read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->on_read_error(ec);
                        self->handle();
                      });
  }

  // For a head that could not be parsed: whether to answer in JSON, from what arrived of it.
  void note_raw_json_errors() {
    // The parser keeps the request line it got before failing, and leaves the rest in the buffer.
    const auto& partial = parser_->get();
    const auto raw = buffer_.cdata();
    json_errors_ = expects_json(options(), partial.target(), partial[bhttp::field::accept]) ||
                   raw_head_expects_json(options(),
                                         std::string_view(static_cast<const char*>(raw.data()), raw.size()));
  }

  void on_read_error(const beast::error_code& ec) {
    if (!header_seen_) note_raw_json_errors();
    if (ec == bhttp::error::header_limit) return send_error(431);
    if (ec == bhttp::error::body_limit) return send_error(413);
    if (is_parse_error(ec) && ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      log::debug("http", "malformed request from " + remote_ + ": " + ec.message());
      return send_error(400);
    }
    fail(ec, "read", remote_);
    close_now();
  }

  void handle() {
    phase_ = phase::busy;
    ++served_;
    auto msg = parser_->release();
    parser_.reset();
    const unsigned version = msg.version();
    head_ = msg.method() == bhttp::verb::head;
    const bool client_keeps_alive = msg.keep_alive();

    auto req = from_wire(std::move(msg), remote_, secure);
    if (!req) return send_error(400);

    response res;
    try {
      res = state_->routes.route(*req);
    } catch (const std::exception& e) {
      log::error("http", "handler for " + req->method + " " + req->path + " threw: " + e.what());
      return send_error(500, version);
    } catch (...) {
      log::error("http", "handler for " + req->method + " " + req->path + " threw a non-standard exception");
      return send_error(500, version);
    }
    // Decided after the handler: the server may have begun stopping while it ran.
    bool keep_alive =
        client_keeps_alive && !stopping_ && !state_->stopping() &&
        (options().max_requests_per_connection == 0 || served_ < options().max_requests_per_connection);
    if (auto connection = res.headers.get("Connection"); connection && iequals(*connection, "close"))
      keep_alive = false;

    const unsigned status = res.status;
    try {
      response_.emplace(to_wire(std::move(res), {version, head_, keep_alive, &options().response_headers,
                                                 state_->response_headers_checked}));
    } catch (const std::exception& e) {
      log::error("http", "handler for " + req->method + " " + req->path +
                             " gave a response that cannot be sent: " + e.what());
      return send_error(500, version);
    }
    log::debug("http", remote_ + " " + req->method + " " + req->path + " " + std::to_string(status));
    write(!keep_alive);
  }

  void send_error(unsigned status, unsigned version = 11, std::string_view detail = {}) {
    phase_ = phase::busy;
    try {
      response_.emplace(
          to_wire(error_answer(status, options(), json_errors_, detail),
                  {version, head_, false, &options().response_headers, state_->response_headers_checked}));
    } catch (const std::exception& e) {
      // The configured default headers are broken; answer without them rather than not at all.
      log::error("http", std::string("cannot add the configured response headers: ") + e.what());
      response_.emplace(
          to_wire(error_answer(status, options(), json_errors_, detail), {version, head_, false, nullptr}));
    }
    write(true);
  }

  void write(bool close_after) {
    phase_ = phase::busy;
    lowest().expires_after(options().write_timeout);
    const std::array<net::const_buffer, 2> bytes{net::buffer(response_->head), net::buffer(response_->body)};
    net::async_write(stream_, bytes,
                     [self = this->shared_from_this(), close_after](beast::error_code ec, std::size_t) {
                       self->response_.reset();
                       if (ec) {
                         fail(ec, "write", self->remote_);
                         return self->close_now();
                       }
                       if (close_after) return self->graceful_close();
                       self->await_request();
                     });
  }

  // Ends the connection without losing the answer just written: TLS sends close_notify; plain TCP shuts
  // down its sending side and reads what the client still sends for a moment, so that closing with
  // unread data does not reset the connection before the client has read the answer.
  void graceful_close() {
    phase_ = phase::closing;
    lowest().expires_after(std::min<std::chrono::milliseconds>(linger_limit, options().read_timeout));
    if constexpr (secure) {
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->close_now(); });
    } else {
      beast::error_code ec;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      if (ec) return close_now();
      drain();
    }
  }

  void drain() {
    stream_.async_read_some(net::buffer(discard_),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close_now();
                              self->drain();
                            });
  }

  void close_now() {
    if (phase_ == phase::closed) return;
    phase_ = phase::closed;
    lowest().close();
  }

  std::shared_ptr<server_state> state_;
  Stream stream_;
  bool overloaded_;
  std::string remote_;
  std::uint64_t id_ = 0;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<wire_bytes> response_;
  std::optional<bhttp::response<bhttp::empty_body>> continue_;
  std::array<char, 4096> discard_{};
  phase phase_ = phase::awaiting;
  bool stopping_ = false;
  bool head_ = false;         // the request being answered is HEAD: headers only
  bool header_seen_ = false;  // the current request's header was parsed
  bool json_errors_ = false;  // the current request expects the JSON error shape
  unsigned served_ = 0;
};

}  // namespace

void start_session(std::shared_ptr<server_state> state, tcp::socket socket, bool overloaded) {
  if (state->tls)
    std::make_shared<session<tls_stream>>(std::move(state), std::move(socket), overloaded)->run();
  else
    std::make_shared<session<plain_stream>>(std::move(state), std::move(socket), overloaded)->run();
}

}  // namespace kingkung::http::detail
