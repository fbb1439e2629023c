// The TikTok Shop simulator engine: a stateful emulator of the platform for the shops in its settings.
// It answers on the official paths with the official envelope, codes and messages, checks every
// request the way the platform does (path, method, version, app_key, signature, timestamp, token,
// shop_cipher, content type, page size, rate limit), keeps orders, packages, products, invoices and
// tokens in memory, persists them as a JSON snapshot in the data folder (written behind, at most once
// per persist_interval_ms, and when the engine stops), and sends signed webhooks to loopback addresses
// from a background thread, retrying failed ones on the simulated clock. It can inject faults and
// records every platform call it answers. Paths under /__sim/ are a simulator-only control API
// (docs/simulator.md).
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
  // An injected timeout fault shows here as HTTP 504 with 36009007, a lost_answer fault as the answer
  // that was lost; send() reports both as the transport would.
  plugin::http_response handle(const plugin::http_request& request) noexcept;

  // Answers one request as a transport: like handle(), but a timeout or lost_answer fault gives
  // errc::timeout (after fault_timeout_stall_ms, at most request.timeout; at once when 0).
  plugin::result<plugin::http_response> send(const plugin::http_request& request) noexcept;

  // The simulated time (host clock plus the offset moved by /__sim/clock/advance), Unix seconds.
  std::int64_t now() const;

  // Runs asynchronous work that is due (invoice decisions, product audits). Also runs on every
  // request and from a background thread.
  void settle();

  // Blocks until every webhook queued so far was delivered or failed (tests and shutdown).
  void drain_webhooks();

  // Writes the state file now if anything changed since the last write (the destructor does too).
  void flush();

  // One line for logs and /healthz: shops, data folder, webhook target. Never contains secrets.
  std::string describe() const;

  const settings& config() const noexcept;

 private:
  struct impl;
  explicit engine(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::sim
