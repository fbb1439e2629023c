// Configuration of the tiktok-live transport: the [plugins.config.tiktok-live] table, checked once at
// factory time. Every error names the key, what was expected and what was found.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/live/base_url.hpp"
#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::live {

inline constexpr std::string_view default_api_base_url = "https://open-api.tiktokglobalshop.com";
inline constexpr std::string_view default_auth_base_url = "https://auth.tiktok-shops.com";

struct live_config {
  base_url api;         // api_base_url
  base_url auth;        // auth_base_url
  std::string ca_file;  // PEM bundle of trusted CAs; empty: the system trust store
  std::size_t pool_max_per_host = 8;
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds tls_timeout{10000};
  // Longest wait for the next bytes of a response (the request's own timeout bounds the whole exchange).
  std::chrono::milliseconds read_timeout{30000};
  // A pooled connection idle longer than this is closed instead of reused.
  std::chrono::milliseconds pool_idle_timeout{30000};
  std::size_t max_response_bytes = 16u * 1024u * 1024u;  // cap on a response body

  std::optional<proxy_url> proxy;
  bool proxy_from_environment = false;  // true when `proxy` came from HTTPS_PROXY / https_proxy
  std::vector<std::string> no_proxy;    // NO_PROXY entries; apply only to a proxy from the environment

  // The proxy to use for `origin`, if any. A proxy from the environment is skipped for loopback hosts
  // and for hosts NO_PROXY lists; a proxy set in config applies to every host.
  const proxy_url* proxy_for(const base_url& origin) const;
};

// Looks up an environment variable. Tests pass their own.
using env_lookup = std::function<std::optional<std::string>(std::string_view name)>;
std::optional<std::string> process_environment(std::string_view name);

// The keys the table may hold, in documentation order.
const std::vector<std::string_view>& live_config_keys();

// Reads and validates the table. Unknown keys are refused (with the closest known key as a suggestion).
// https_proxy: the key when present (an empty string disables the proxy), else HTTPS_PROXY, else
// https_proxy from the environment; NO_PROXY / no_proxy qualify an environment proxy.
plugin::result<live_config> load_live_config(const plugin::config_view& table,
                                             const env_lookup& env = process_environment);

}  // namespace kingkung::live
