// The TikTok Shop simulator engine: a stateful emulator of the platform for the shops in its settings.
// It answers on the official paths with the official envelope, codes and messages, checks every
// request the way the platform does (path, method, version, app_key, signature, timestamp, token,
// shop_cipher, content type, page size, rate limit), keeps orders, packages, products, invoices and
// tokens in memory, persists them as a JSON snapshot in the data folder after each change, and sends
// signed webhooks to loopback addresses from a background thread. Paths under /__sim/ are a
// simulator-only control API (docs/simulator.md).
//
// Thread-safety: handle() may be called concurrently from any thread.
// Lifetime: the clock and logger passed to open() must outlive the engine.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/result.hpp"
#include "kingkung/plugin/transport.hpp"
#include "kingkung/sim/settings.hpp"

namespace kingkung::sim {

class engine {
 public:
  // Loads the snapshot from settings.data_dir when present (it must belong to the same app and seed),
  // otherwise generates the demo data from the seed. Shops added to the settings later are generated
  // and added to a loaded snapshot.
  static plugin::result<std::unique_ptr<engine>> open(settings s, const plugin::clock& clock,
                                                      plugin::logger& log);
  ~engine();
  engine(const engine&) = delete;
  engine& operator=(const engine&) = delete;

  // Answers one request; never throws. `request.host` tells the token host from the Open API host.
  plugin::http_response handle(const plugin::http_request& request) noexcept;

  // The simulated time (host clock plus the offset moved by /__sim/clock/advance), Unix seconds.
  std::int64_t now() const;

  // Runs asynchronous work that is due (invoice decisions, product audits). Also runs on every
  // request and from a background thread.
  void settle();

  // Blocks until every webhook queued so far was delivered or failed (tests and shutdown).
  void drain_webhooks();

  // One line for logs and /healthz: shops, data folder, webhook target. Never contains secrets.
  std::string describe() const;

  const settings& config() const noexcept;

 private:
  struct impl;
  explicit engine(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::sim
