#include "http/listener.hpp"

#include <future>
#include <stdexcept>
#include <string>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>

#include "http/fail.hpp"
#include "http/session.hpp"
#include "kingkung/log/log.hpp"

namespace kingkung::http::detail {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::string describe(const tcp::endpoint& ep) {
  auto address = ep.address().to_string();
  if (ep.address().is_v6()) address = "[" + address + "]";
  return address + ":" + std::to_string(ep.port());
}

// After an accept error such as "too many open files", wait before trying again instead of spinning.
constexpr std::chrono::milliseconds accept_retry_delay{100};

}  // namespace

listener::listener(net::io_context& ioc, std::shared_ptr<server_state> state, tcp::endpoint endpoint)
    : ioc_(ioc),
      state_(std::move(state)),
      acceptor_(net::make_strand(ioc)),
      retry_(acceptor_.get_executor()) {
  boost::system::error_code ec;
  auto check = [&](std::string_view step) {
    if (ec)
      throw std::runtime_error("cannot listen on " + describe(endpoint) + " (" + std::string(step) +
                               "): " + ec.message());
  };
  acceptor_.open(endpoint.protocol(), ec);
  check("open");
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  check("reuse address");
  acceptor_.bind(endpoint, ec);
  check("bind");
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  check("listen");
}

std::uint16_t listener::port() const {
  return acceptor_.local_endpoint().port();
}

void listener::run() {
  net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->accept(); });
}

void listener::stop() {
  std::promise<void> closed;
  net::dispatch(acceptor_.get_executor(), [self = shared_from_this(), &closed] {
    boost::system::error_code ignored;
    self->retry_.cancel();
    self->acceptor_.close(ignored);
    closed.set_value();
  });
  closed.get_future().wait();
}

void listener::accept() {
  if (!acceptor_.is_open()) return;
  acceptor_.async_accept(
      net::make_strand(ioc_),
      [self = shared_from_this()](const boost::system::error_code& ec, tcp::socket socket) {
        self->on_accept(ec, std::move(socket));
      });
}

void listener::on_accept(const boost::system::error_code& ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (state_->stopping()) {
    boost::system::error_code ignored;
    socket.close(ignored);
    return;
  }
  if (ec) {
    fail(ec, "accept");
    retry_.expires_after(accept_retry_delay);
    retry_.async_wait([self = shared_from_this()](const boost::system::error_code& wait_ec) {
      if (!wait_ec) self->accept();
    });
    return;
  }
  start_session(state_, std::move(socket), state_->over_capacity());
  accept();
}

}  // namespace kingkung::http::detail
