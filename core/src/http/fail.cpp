#include "http/fail.hpp"

#include <string>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include "kingkung/log/log.hpp"

namespace kingkung::http::detail {

bool is_routine(const boost::beast::error_code& ec) noexcept {
  namespace net = boost::asio;
  return ec == net::error::eof || ec == net::error::operation_aborted || ec == net::error::connection_reset ||
         ec == net::error::broken_pipe || ec == net::error::not_connected ||
         ec == net::error::bad_descriptor || ec == net::ssl::error::stream_truncated ||
         ec == boost::beast::error::timeout || ec == boost::beast::http::error::end_of_stream ||
         ec == boost::beast::http::error::partial_message;
}

void fail(const boost::beast::error_code& ec, std::string_view what, std::string_view peer) {
  std::string line(what);
  if (!peer.empty()) line.append(" (").append(peer).append(")");
  line.append(": ").append(ec.message());
  if (is_routine(ec))
    log::debug("http", line);
  else
    log::warn("http", line);
}

}  // namespace kingkung::http::detail
