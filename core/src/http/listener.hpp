// Accepts connections and hands each to a session; over max_connections a session answers 503.
#pragma once

#include <cstdint>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "http/server_state.hpp"

namespace kingkung::http::detail {

class listener : public std::enable_shared_from_this<listener> {
 public:
  // Opens, binds and listens; throws std::runtime_error naming the endpoint when that fails.
  listener(boost::asio::io_context& ioc, std::shared_ptr<server_state> state,
           boost::asio::ip::tcp::endpoint endpoint);

  std::uint16_t port() const;
  void run();
  // Stops accepting; returns once the port is closed. Call from outside the server's threads while
  // they run.
  void stop();

 private:
  void accept();
  void on_accept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  std::shared_ptr<server_state> state_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_;
};

}  // namespace kingkung::http::detail
