// Drains stored webhook events (storage::webhook_event_repository) in order of arrival, dispatching each
// by type to event_handlers. Durable and restart-safe: an event stays pending until its handler
// succeeded, so a crash in between means it is handled again (at least once; handlers are idempotent).
//
// Per shop, order of arrival is kept: when an event of a shop fails and stays pending, the shop's later
// events wait for the next pass. A failed attempt counts; after max_attempts the event is marked failed
// with its last error, and the shop's later events proceed. Events of other shops are not held up.
//
// Run one processor per database at a time (e.g. on the web host's worker thread); two at once are safe
// (idempotent handlers) but may handle an event twice.
#pragma once

#include <cstddef>
#include <memory>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/webhooks/event_handlers.hpp"

namespace kingkung::webhooks {

struct processor_options {
  std::size_t batch_size = 100;  // events read per query, 1 to 1000
  int max_attempts = 5;
  std::shared_ptr<const plugin::clock> clock;  // processed_at; null: the system clock
};

struct drain_report {
  std::size_t done = 0;      // handled successfully
  std::size_t retrying = 0;  // failed this time; pending for the next pass
  std::size_t failed = 0;    // given up (max attempts, or a payload no handler can use)
  std::size_t waiting = 0;   // left pending behind an earlier failed event of the same shop
};

class processor {
 public:
  processor(storage::database& db, event_handlers& handlers, processor_options options = {});

  // One pass over every pending event, oldest first. An error only when the database failed; what was
  // handled before that stays handled.
  result<drain_report> drain();

 private:
  storage::database& db_;
  event_handlers& handlers_;
  processor_options options_;
};

// Parses the stored body and calls the matching handler (exposed for tests and tools).
result<void> dispatch(event_handlers& handlers, int type, std::string_view shop_id, std::string_view raw_body);

}  // namespace kingkung::webhooks
