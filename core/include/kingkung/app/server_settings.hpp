// The HTTP server settings a host takes from [server].
#pragma once

#include "kingkung/config/config.hpp"
#include "kingkung/http/server.hpp"

namespace kingkung::app {

// Listen address, port, threads, TLS files, size limits, timeouts, the connection and per-connection
// request caps and the stop grace period from the config; the rest stays at the server's defaults.
// Response headers are the caller's to add.
http::server_options http_server_options(const config::server_config& server);

}  // namespace kingkung::app
