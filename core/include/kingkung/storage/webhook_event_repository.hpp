// Received webhook notifications, kept durably until processed. One row per tts_notification_id (the
// table's unique key), so a notification delivered twice is stored once.
//
// Status: "pending" until processed; "done" after a handler succeeded; "failed" after max attempts or a
// payload no handler can use. Rows are read in arrival order (id).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

inline constexpr std::string_view webhook_pending = "pending";
inline constexpr std::string_view webhook_done = "done";
inline constexpr std::string_view webhook_failed = "failed";

struct webhook_event_row {
  std::int64_t id = 0;               // assigned by insert()
  std::string notification_id;       // tts_notification_id, 1 to 64 characters
  int type = 0;
  std::string shop_id;               // as the notification names it, 0 to 64 characters
  std::string raw_body;              // the body exactly as received (its signature was checked)
  std::int64_t received_at = 0;      // Unix seconds; 0 in insert() means now
  std::int64_t processed_at = 0;
  std::string status{webhook_pending};
  int attempts = 0;
  std::string last_error;
};

enum class webhook_insert { stored, duplicate };

class webhook_event_repository {
 public:
  explicit webhook_event_repository(database& db) : db_(db) {}

  // Stores a new pending event. A notification id already stored gives `duplicate` and changes nothing
  // (also when two deliveries race). errc::invalid_argument for an empty or over-long id or shop id.
  result<webhook_insert> insert(const webhook_event_row& row);
  result<std::optional<webhook_event_row>> find(std::string_view notification_id);
  // Pending events with id > after_id, oldest first; limit 1 to 1000.
  result<std::vector<webhook_event_row>> pending(std::int64_t after_id, std::size_t limit);
  // status done, processed_at = at, attempts + 1.
  result<void> mark_done(std::int64_t id, std::int64_t at);
  // attempts + 1 and last_error = error (cut at 1000 bytes); the status becomes failed when `final` or
  // when attempts reaches max_attempts, else stays pending for the next pass.
  result<void> mark_attempt_failed(std::int64_t id, std::string_view error, bool final, int max_attempts,
                                   std::int64_t at);
  // How many rows hold this status.
  result<std::size_t> count_by_status(std::string_view status);

 private:
  database& db_;
};

}  // namespace kingkung::storage
