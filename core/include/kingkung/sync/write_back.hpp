// The write-back queue: actions the seller asked for, sent to the platform by the sync worker that holds
// the shop's lease, through the shop's client (whose rate limiter paces every call).
//
// Per attempt, by what the platform answered:
//   - success (and no per-item error): succeeded;
//   - 429 / retryable / token problems: pending again, next_attempt_at = now + backoff (doubling from
//     write_back_backoff_seconds up to the cap), until write_back_max_attempts, then failed; a 429 also
//     ends the drain for this shop, so the queue never hammers a throttled shop;
//   - a platform refusal (or a per-item error): failed, with the platform's code and message;
//   - outcome unknown (timeout, connection lost after sending, unreadable answer): the item stays in
//     flight. Before anything is sent again: idempotent kinds (edit, inventory, price: they set absolute
//     values) are re-sent; a ship is checked against the package's state (shipped: succeeded; not: sent
//     again); split, combine and invoice cannot be checked reliably and become `unknown` for the seller.
// An item found in flight at the start of a drain (a worker died mid-send) is treated the same way.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/storage/write_back_repository.hpp"
#include "kingkung/sync/settings.hpp"
#include "kingkung/sync/shop_link.hpp"
#include "kingkung/tiktok/errors.hpp"

namespace kingkung::sync {

enum class write_back_kind { ship, split, combine, edit, inventory, price, invoice };
std::string_view to_string(write_back_kind k) noexcept;
std::optional<write_back_kind> parse_write_back_kind(std::string_view text);
// True for kinds whose re-send after an unknown outcome is harmless (they set absolute values).
bool is_idempotent(write_back_kind k) noexcept;

// Checks a payload for its kind; empty when valid, else what is wrong ("payload.skus[0].id: expected a
// non-empty string"). Payloads, all JSON objects:
//   ship      {"package_id", "handover_method"?, "pickup_slot"?: {"start_time","end_time"},
//              "self_shipment"?: {"tracking_number","shipping_provider_id"}}
//   split     {"order_id", "splittable_groups": [{"id", "order_line_item_ids": [..]}]}
//   combine   {"combinable_packages": [{"id", "order_ids": [..]}]}
//   edit      {"product_id", "title"?, "description"?, "save_mode"?}
//   inventory {"product_id", "skus": [{"id", "inventory": [{"warehouse_id"?, "quantity"}]}]}
//   price     {"product_id", "skus": [{"id", "currency", "amount"? | "sale_price"?, "list_price"?}]}
//              (amounts as decimal strings, "189.00")
//   invoice   {"invoices": [{"package_id", "order_ids": [..], "xml"}]}
std::string payload_problem(write_back_kind kind, std::string_view payload_json);

// What to do after an attempt that failed with `error` (exposed for tests of the policy).
enum class failure_verdict { retry, fail, outcome_unknown };
failure_verdict judge_failure(const tiktok::api_error& error) noexcept;

// The delay before attempt `attempts + 1`, after `attempts` attempts (>= 1).
std::int64_t write_back_delay(const sync_settings& settings, int attempts) noexcept;

struct drain_report {
  std::size_t attempted = 0;
  std::size_t succeeded = 0;
  std::size_t retried = 0;  // pending again (or still in flight, to be checked)
  std::size_t failed = 0;
  std::size_t unknown = 0;
  bool throttled = false;  // a 429 ended the drain early
  std::string error;       // a storage failure that ended the drain; empty otherwise
};

class write_back_queue {
 public:
  write_back_queue(storage::database& db, sync_settings settings,
                   std::shared_ptr<const plugin::clock> clock = nullptr);

  // Validates the kind and payload (errc::invalid_argument naming what is wrong) and stores a pending
  // item; the same (shop, idempotency key) again returns the stored item.
  storage::result<storage::write_back_item> enqueue(std::string_view shop_id, write_back_kind kind,
                                                    std::string_view payload_json,
                                                    std::string_view idempotency_key);

  // Sends the shop's due items, oldest first, at most `max_items`.
  drain_report drain(const shop_link& link, std::size_t max_items = 100);

  // True when the shop has an item due now.
  bool has_due(std::string_view shop_id);

  // The shop's items with their outcome, newest first.
  storage::result<std::vector<storage::write_back_item>> items(std::string_view shop_id,
                                                               std::size_t limit = 100);

 private:
  std::int64_t now() const;

  storage::database& db_;
  sync_settings settings_;
  std::shared_ptr<const plugin::clock> clock_;
};

}  // namespace kingkung::sync
