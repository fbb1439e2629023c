// Named leases in the database (table `leases`): a lease has one holder until it expires, so several
// processes on one database share work without doing the same thing twice. Acquire is one conditional
// UPDATE (free, expired, or already ours) or one INSERT of a new row; the primary key decides a race.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct lease_info {
  std::string name;
  std::string holder;
  std::int64_t acquired_at = 0;  // Unix seconds
  std::int64_t expires_at = 0;
};

class lease_repository {
 public:
  static constexpr std::size_t max_name_length = 128;

  explicit lease_repository(database& db) : db_(db) {}

  // Takes the lease for `holder` until `now + ttl_seconds` when it is free, expired (expires_at <= now)
  // or already held by `holder` (which renews it). True when `holder` holds it afterwards.
  result<bool> try_acquire(std::string_view name, std::string_view holder, std::int64_t now,
                           std::int64_t ttl_seconds);
  // Extends a lease `holder` still holds; false when it expired and someone else took it, or when it
  // expired at `now` (a holder that let it lapse must acquire again).
  result<bool> renew(std::string_view name, std::string_view holder, std::int64_t now,
                     std::int64_t ttl_seconds);
  // Gives the lease up at once when `holder` holds it; nothing otherwise.
  result<void> release(std::string_view name, std::string_view holder);
  result<std::optional<lease_info>> get(std::string_view name);

 private:
  database& db_;
};

}  // namespace kingkung::storage
