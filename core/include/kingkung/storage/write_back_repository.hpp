// The durable write-back queue (tables write_back_queue and write_back_details): actions a seller asked
// for (ship, split, combine, edit, inventory, price, invoice) waiting to be sent to the platform, with
// their attempts, when to try next, and the outcome per item. An item is identified for the seller by
// (shop, idempotency key): enqueueing the same key twice gives the existing item.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

enum class write_back_status {
  pending,    // waiting for its next attempt (next_attempt_at)
  in_flight,  // being sent; found so by a later drain (a crash, a timeout) it means "the last attempt
              // may have reached the platform": checked before anything is sent again
  succeeded,  // the platform accepted it
  failed,     // the platform refused it for good (error_code, last_error), or attempts ran out
  unknown,    // it may or may not have reached the platform and the state could not be checked:
              // the seller must check before doing it again
};
std::string_view to_string(write_back_status s) noexcept;
std::optional<write_back_status> parse_write_back_status(std::string_view text);

struct write_back_item {
  std::int64_t id = 0;
  std::string shop_id;
  std::string kind;             // ship, split, combine, edit, inventory, price, invoice
  std::string payload;          // JSON object, as enqueued
  std::string idempotency_key;  // unique per shop
  write_back_status status = write_back_status::pending;
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::string last_error;       // scrubbed
  std::int64_t error_code = 0;  // the platform's code of the last failure; 0 when none
  std::string request_id;       // the platform's request id of the last answer
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t finished_at = 0;  // when it succeeded, failed or became unknown
};

struct write_back_counts {
  std::int64_t pending = 0;  // pending and in flight
  std::int64_t failed = 0;
  std::int64_t unknown = 0;
  std::int64_t succeeded = 0;
};

// What an attempt ended in, written by finish().
struct write_back_result {
  write_back_status status = write_back_status::succeeded;
  std::int64_t next_attempt_at = 0;  // for pending: when to try again
  std::string error;                 // scrubbed message; empty on success
  std::int64_t error_code = 0;
  std::string request_id;
};

class write_back_repository {
 public:
  static constexpr std::size_t max_key_length = 128;
  static constexpr std::size_t max_payload_length = 4 * 1024 * 1024;

  explicit write_back_repository(database& db) : db_(db) {}

  // Adds a pending item due at `now`; when (shop, key) exists already, returns that item unchanged
  // (`created` false), whatever its payload. The shop must exist (errc::not_found).
  struct enqueued {
    write_back_item item;
    bool created = false;
  };
  result<enqueued> enqueue(std::string_view shop_id, std::string_view kind, std::string_view payload,
                           std::string_view idempotency_key, std::int64_t now);

  result<std::optional<write_back_item>> get(std::int64_t id);
  result<std::optional<write_back_item>> find(std::string_view shop_id, std::string_view idempotency_key);
  // A shop's items, newest first, at most `limit` (1 to 500).
  result<std::vector<write_back_item>> list(std::string_view shop_id, std::size_t limit = 100);

  // Items of the shop that are pending or in flight and due (next_attempt_at <= now), oldest first;
  // at most `limit`.
  result<std::vector<write_back_item>> due(std::string_view shop_id, std::int64_t now, std::size_t limit);

  // pending or in_flight -> in_flight with attempts + 1. False when the item is neither (finished).
  result<bool> claim(std::int64_t id, std::int64_t now);
  // Records the outcome of the attempt of an in-flight item.
  result<void> finish(std::int64_t id, const write_back_result& outcome, std::int64_t now);

  result<write_back_counts> counts(std::string_view shop_id);

 private:
  database& db_;
};

}  // namespace kingkung::storage
