#include "kingkung/live/live_transport.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include "connection_pool.hpp"
#include "request_builder.hpp"
#include "tls_policy.hpp"

namespace kingkung::live {

using plugin::errc;
using plugin::make_error;

struct live_transport::impl {
  live_config config;
  plugin::logger* log = nullptr;
  std::unique_ptr<boost::asio::ssl::context> tls;  // null when no host uses https://
  std::unique_ptr<detail::connection_pool> api;
  std::unique_ptr<detail::connection_pool> auth;

  detail::connection_pool* pool_for(plugin::host_kind host) const {
    switch (host) {
      case plugin::host_kind::api:
        return api.get();
      case plugin::host_kind::auth:
        return auth.get();
    }
    return nullptr;
  }

  std::unique_ptr<detail::connection_pool> make_pool(const base_url& origin) {
    detail::connection_settings settings;
    settings.origin = origin;
    settings.proxy = config.proxy_for(origin);
    settings.tls = origin.tls ? tls.get() : nullptr;
    settings.connect_timeout = config.connect_timeout;
    settings.tls_timeout = config.tls_timeout;
    settings.read_timeout = config.read_timeout;
    settings.max_response_bytes = config.max_response_bytes;
    return std::make_unique<detail::connection_pool>(std::move(settings), config.pool_max_per_host,
                                                     config.pool_idle_timeout, log);
  }
};

live_transport::live_transport(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

live_transport::~live_transport() = default;

plugin::result<std::unique_ptr<live_transport>> live_transport::create(live_config config,
                                                                       plugin::logger* log) {
  try {
    auto p = std::make_unique<impl>();
    p->config = std::move(config);
    p->log = log;
    if (p->config.api.tls || p->config.auth.tls) {
      auto tls = detail::make_client_tls_context(p->config.ca_file);
      if (!tls) return std::move(tls).err();
      p->tls = std::move(*tls);
    }
    // The pools point into p->config (the proxy), so they are made after it has its final place.
    p->api = p->make_pool(p->config.api);
    p->auth = p->make_pool(p->config.auth);
    return std::unique_ptr<live_transport>(new live_transport(std::move(p)));
  } catch (const std::exception& e) {
    return make_error(errc::internal, std::string("tiktok-live: cannot create the transport: ") + e.what());
  }
}

plugin::result<plugin::http_response> live_transport::send(const plugin::http_request& request) noexcept {
  try {
    detail::connection_pool* pool = impl_->pool_for(request.host);
    if (pool == nullptr) {
      return make_error(
          errc::invalid_argument,
          "unknown host kind " + std::to_string(static_cast<int>(request.host)) + " (expected api or auth)");
    }
    if (request.timeout <= std::chrono::milliseconds::zero()) {
      return make_error(errc::invalid_argument, "the request timeout must be positive, found " +
                                                    std::to_string(request.timeout.count()) + " ms");
    }
    auto wire = detail::build_wire_request(request, pool->settings().origin);
    if (!wire) return std::move(wire).err();

    const auto timeout = std::min<std::chrono::milliseconds>(request.timeout, std::chrono::hours(24));
    const auto deadline = detail::steady::now() + timeout;
    // A request goes out again only when none of its bytes were written and the connection came from
    // the pool (it went stale in a way the idle check could not see). Each retry drops one pooled
    // connection, so the loop ends.
    for (std::size_t attempt = 0;; ++attempt) {
      auto lease = pool->acquire(deadline);
      if (!lease) return std::move(lease).err();
      const bool reused = lease->reused;
      std::unique_ptr<detail::connection> conn = std::move(lease->conn);
      bool nothing_sent = false;
      plugin::result<plugin::http_response> response = make_error(errc::internal, "no exchange");
      try {
        response = conn->exchange(*wire, deadline, nothing_sent);
      } catch (...) {
        pool->release(std::move(conn));  // not fit for reuse after a failed exchange: closed, slot freed
        throw;
      }
      pool->release(std::move(conn));
      if (response) return response;
      if (nothing_sent && reused && attempt <= pool->cap() && detail::steady::now() < deadline) {
        if (impl_->log != nullptr) {
          impl_->log->log(plugin::log_level::debug,
                          "tiktok-live: a pooled connection to " + pool->settings().origin.host_port() +
                              " was closed before use; sending on a new connection");
        }
        continue;
      }
      return response;
    }
  } catch (const std::exception& e) {
    return make_error(errc::internal, std::string("tiktok-live: unexpected failure: ") + e.what());
  } catch (...) {
    return make_error(errc::internal, "tiktok-live: unexpected failure");
  }
}

std::string live_transport::describe() const {
  const live_config& c = impl_->config;
  std::string out = "tiktok-live: api " + c.api.to_string() + ", auth " + c.auth.to_string();
  if (c.api.tls || c.auth.tls) {
    out += ", HTTP/1.1 over TLS 1.2+ with certificate and hostname verification (trust: ";
    out += c.ca_file.empty() ? "system store" : "CA file " + c.ca_file;
    out += ")";
  }
  if (!c.api.tls || !c.auth.tls) out += ", plain HTTP on loopback";
  out += ", up to " + std::to_string(c.pool_max_per_host) + " keep-alive connections per host";
  if (c.proxy) {
    out += ", proxy " + c.proxy->to_string();
    if (c.proxy_from_environment) out += " (from HTTPS_PROXY)";
  }
  return out;
}

pool_stats live_transport::stats(plugin::host_kind host) const {
  detail::connection_pool* pool = impl_->pool_for(host);
  return pool != nullptr ? pool->stats() : pool_stats{};
}

}  // namespace kingkung::live
