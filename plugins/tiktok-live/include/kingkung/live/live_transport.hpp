// The tiktok-live transport: HTTP/1.1 over verified TLS 1.2+ to the TikTok Shop hosts, with a pool of
// keep-alive connections per host. It moves bytes only: signing, retries and rate limits stay in core.
//
// Behaviour (see docs/transport-live.md):
//   - certificate chain, hostname (SAN) and validity are verified; SNI is sent for DNS names;
//   - at most pool_max_per_host connections per host; a request waits for a free one up to its deadline;
//   - a pooled connection the server closed while idle is replaced before the request is written; a
//     request is re-sent on a fresh connection only when none of its bytes were written;
//   - send() is thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "kingkung/live/live_config.hpp"
#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/result.hpp"
#include "kingkung/plugin/transport.hpp"

namespace kingkung::live {

// Counters of one host's pool, for health output and tests.
struct pool_stats {
  std::size_t opened = 0;  // connections opened (TCP, proxy tunnel and TLS all succeeded)
  std::size_t reused = 0;  // requests served on a pooled connection
  std::size_t stale = 0;   // pooled connections found closed or expired and replaced
  std::size_t idle = 0;    // connections waiting in the pool now
  std::size_t in_use = 0;  // connections leased or being opened now
};

class live_transport final : public plugin::transport {
 public:
  // Builds the TLS context (trust store or ca_file) and the pools. `log` may be null; when set it must
  // outlive the transport. Fails with invalid_argument naming ca_file when the CA file cannot be loaded.
  static plugin::result<std::unique_ptr<live_transport>> create(live_config config,
                                                                plugin::logger* log = nullptr);
  ~live_transport() override;
  live_transport(const live_transport&) = delete;
  live_transport& operator=(const live_transport&) = delete;

  plugin::result<plugin::http_response> send(const plugin::http_request& request) noexcept override;
  std::string describe() const override;

  pool_stats stats(plugin::host_kind host) const;

 private:
  struct impl;
  explicit live_transport(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::live
