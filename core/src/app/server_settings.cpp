#include "kingkung/app/server_settings.hpp"

namespace kingkung::app {

http::server_options http_server_options(const config::server_config& server) {
  http::server_options o;
  o.listen_address = server.listen_address;
  o.port = server.port;
  o.threads = server.threads;
  if (server.tls.enabled) o.tls = http::tls_options{server.tls.cert_file, server.tls.key_file};
  o.max_header_bytes = server.max_header_bytes;
  o.max_body_bytes = server.max_body_bytes;
  o.read_timeout = std::chrono::seconds(server.read_timeout_seconds);
  o.idle_timeout = std::chrono::seconds(server.idle_timeout_seconds);
  o.write_timeout = std::chrono::seconds(server.write_timeout_seconds);
  o.max_connections = server.max_connections;
  o.max_requests_per_connection = server.max_requests_per_connection;
  o.stop_grace = std::chrono::seconds(server.stop_grace_seconds);
  return o;
}

}  // namespace kingkung::app
