// Notices a seller must act on, per shop (the `shop_notices` table, schema migration 4): an authorisation
// about to expire (UPCOMING_AUTHORIZATION_EXPIRATION) or a shop that needs re-authorisation because a
// token refresh was refused. One notice per (shop, kind); raising it again replaces it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

enum class notice_kind { authorization_expiring, needs_reauthorization };

std::string_view to_string(notice_kind kind) noexcept;  // "authorization_expiring" | "needs_reauthorization"
std::optional<notice_kind> parse_notice_kind(std::string_view text);

struct notice_row {
  std::string shop_id;
  notice_kind kind = notice_kind::authorization_expiring;
  std::string detail;        // for people; never holds a secret (cut at 1000 characters)
  std::int64_t due_at = 0;   // when the authorisation ends (Unix seconds); 0 when unknown
  std::int64_t raised_at = 0;  // 0 in put() means now
};

class notice_repository {
 public:
  explicit notice_repository(database& db) : db_(db) {}

  // Upsert by (shop_id, kind). The shop must exist (errc::not_found).
  result<void> put(const notice_row& row);
  result<void> remove(std::string_view shop_id, notice_kind kind);
  result<void> remove_shop(std::string_view shop_id);  // every notice of the shop
  result<std::vector<notice_row>> list_by_shop(std::string_view shop_id);  // by kind
  // Notices of every shop the seller holds, soonest due first (0 last), then by shop id and kind.
  result<std::vector<notice_row>> list_by_seller(std::int64_t seller_id);

 private:
  database& db_;
};

}  // namespace kingkung::storage
