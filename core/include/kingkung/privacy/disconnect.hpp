// Disconnecting a shop (seller action in Settings, or SELLER_DEAUTHORIZATION from the platform).
// At once, in one transaction: every token row of the shop is deleted (so the token source finds none and
// no platform call can be made for it), unfinished write-backs are cancelled, and the shop is marked
// disconnected with disconnected_at = now (the purge runs privacy.retention_days after that). An audit
// entry records who did it and from where. Idempotent: a second disconnect keeps the first time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kingkung/plugin/result.hpp"
#include "kingkung/privacy/actor.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::privacy {

template <class T>
using result = plugin::result<T>;

struct disconnect_report {
  bool shop_known = false;        // false: the shop id is not in the database (stray tokens still deleted)
  bool already_disconnected = false;
  std::int64_t disconnected_at = 0;
  std::size_t tokens_deleted = 0;
  std::size_t write_backs_cancelled = 0;
};

// `now` in Unix seconds (0: the system clock).
result<disconnect_report> disconnect(storage::database& db, std::string_view shop_id, const actor& who,
                                     std::int64_t now = 0);

}  // namespace kingkung::privacy
