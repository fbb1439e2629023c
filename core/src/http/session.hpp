// One accepted connection: reads requests one at a time, routes them and writes the answers.
#pragma once

#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "http/server_state.hpp"

namespace kingkung::http::detail {

// Starts serving `socket` (a TLS handshake first when the server has TLS). `overloaded`: answer 503 at
// once and close, because the server is at max_connections.
void start_session(std::shared_ptr<server_state> state, boost::asio::ip::tcp::socket socket, bool overloaded);

}  // namespace kingkung::http::detail
