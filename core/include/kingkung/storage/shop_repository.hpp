// Connected shops. The shop cipher identifies a shop, so it is sealed by the token vault before it is
// stored (context "shop_cipher:<shop id>") and opened when read; the database never holds it in plain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/domain/shop.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::vault {
class token_vault;
}

namespace kingkung::storage {

std::string_view to_string(
    domain::shop_state s) noexcept;  // "connected" | "needs_reauthorization" | "disconnected"
std::optional<domain::shop_state> parse_shop_state(std::string_view text);

// A shop's identity and state with the change mark of its orders (order_change_marks, schema migration 7):
// any write of the shop's orders or order lines, from any process, raises it; 0 until the first such
// write. What the orders page checks on every request; no cipher, transport, modules or scopes.
struct marked_shop {
  std::string id;
  std::int64_t seller_id = 0;
  std::string name;
  std::string region;
  domain::shop_state state = domain::shop_state::connected;
  std::int64_t connected_at = 0;
  std::int64_t disconnected_at = 0;
  std::int64_t orders_mark = 0;
};

class shop_repository {
 public:
  shop_repository(database& db, const vault::token_vault& vault) : db_(db), vault_(vault) {}

  // Inserts the shop or updates every field of the stored one (keyed by platform shop id). A shop stays
  // with the seller that first connected it: an upsert naming another seller fails with
  // errc::failed_precondition (the shop must be purged first), so one seller never sees another's data.
  // The seller must exist (errc::not_found). connected_at 0 means now.
  result<void> upsert(const domain::shop& shop);
  result<std::optional<domain::shop>> get(std::string_view shop_id);
  result<std::vector<domain::shop>> list_by_seller(std::int64_t seller_id);  // by name, then id
  // As list_by_seller, with every shop's cipher left sealed (domain::shop::cipher empty): for listings
  // that never call the platform (the orders list, export and dashboard), which then decrypt nothing.
  result<std::vector<domain::shop>> list_by_seller_sealed(std::int64_t seller_id);
  // The seller's shops as marked_shop records, by name, then id, in one query.
  result<std::vector<marked_shop>> list_by_seller_marked(std::int64_t seller_id);
  result<std::vector<domain::shop>> list_demo();                             // every seller's demo shops
  // connected and needs_reauthorization clear disconnected_at; disconnected sets it to now unless it is
  // set already. errc::not_found for an unknown shop.
  result<void> set_state(std::string_view shop_id, domain::shop_state state);
  // state disconnected and disconnected_at = `at` (Unix seconds): the purge runs retention_days after it.
  result<void> mark_disconnected(std::string_view shop_id, std::int64_t at);

 private:
  database& db_;
  const vault::token_vault& vault_;
};

}  // namespace kingkung::storage
