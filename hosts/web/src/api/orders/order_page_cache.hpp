// First pages of the orders list, kept per web host so that a seller opening the orders page again gets
// the stored body while nothing it shows has changed.
//
// An entry is found by (seller, canonical query) and is served only when the caller's current fingerprint
// equals the one it was stored under. The fingerprint is made of every shop of the seller: id, name,
// region, state, connect and disconnect times and the orders' change mark (schema migration 7), which
// every write of the shop's orders or order lines raises in its own transaction, whichever process writes
// (kingkung serve-sync, the admin CLI's purge). So an order written, a shop renamed, disconnected, removed
// or moved to another seller changes the fingerprint, and the entry is recomputed, never served stale.
// Pages after the first (a cursor) are not kept.
//
// Bounded: at most max_entries entries and max_bytes of keys and bodies; the least recently used go first.
// The defaults (1024 entries, 16 MiB) hold about 650 pages of 50 orders (24 KB each), every status tab
// and sort of dozens of busy sellers, while adding at most 16 MiB to a process that peaks near 144 MiB.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "kingkung/storage/order_search.hpp"
#include "kingkung/storage/shop_repository.hpp"

namespace kingkung::web::orders {

class order_page_cache {
 public:
  struct limits {
    std::size_t max_entries = 1024;
    std::size_t max_bytes = std::size_t{16} << 20;
  };

  order_page_cache() : order_page_cache(limits{}) {}
  explicit order_page_cache(limits l) : limits_(l) {}

  // The body stored for this seller and query under this fingerprint.
  std::optional<std::string> find(std::int64_t seller_id, const std::string& query, const std::string& fingerprint);
  // Keeps the body (a body larger than max_bytes is not kept).
  void store(std::int64_t seller_id, const std::string& query, const std::string& fingerprint, std::string body);

  std::size_t entries() const;
  std::size_t bytes() const;

 private:
  struct entry {
    std::string key;
    std::string fingerprint;
    std::string body;
  };
  void evict_to_fit();

  limits limits_;
  mutable std::mutex mutex_;
  std::list<entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<entry>::iterator> by_key_;
  std::size_t bytes_ = 0;
};

// The canonical query of a first page: shops, status, text, sort, dates and page size. Empty when the
// request has a cursor (not kept).
std::string first_page_query(const storage::order_search_request& request);

// The fingerprint of the seller's shops, in shop id order.
std::string shops_fingerprint(const std::vector<storage::marked_shop>& shops);

}  // namespace kingkung::web::orders
