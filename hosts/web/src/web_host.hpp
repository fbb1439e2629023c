// What kingkung-web serves and how: its routes and its server settings. main() and the tests build the
// host the same way through these.
#pragma once

#include <functional>

#include "command_line.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/http/router.hpp"
#include "kingkung/http/server.hpp"
#include "web_context.hpp"

namespace kingkung::web {

// Every route of the web host over `context` (runtime set; services may be null, see web_context). The
// guard and metrics are made here when the context has none. What the context points to must outlive
// the server.
http::router make_router(web_context context);
// Only /healthz and the webhook intake over the runtime (tests of the server alone).
http::router make_router(app::runtime& runtime, std::function<void()> on_webhook_stored = {});

// [server] settings, with the command line's --port and --listen applied, and the security headers.
http::server_options make_server_options(const config::app_config& config, const command_line& args);

// "http://127.0.0.1:8080/" or "https://[::1]:8443/" for what the server bound.
std::string listen_url(const http::server_options& options, std::uint16_t port);

}  // namespace kingkung::web
