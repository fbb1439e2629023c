// What the UI shows a seller about their shops' authorisations: "re-authorise shop X before DATE"
// (UPCOMING_AUTHORIZATION_EXPIRATION, raised by the webhook intake) and shops that already need
// re-authorisation (a refresh was refused), with the reason. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/result.hpp"
#include "kingkung/storage/notice_repository.hpp"

namespace kingkung::vault {
class token_vault;
}

namespace kingkung::connect {

template <class T>
using result = plugin::result<T>;

struct shop_notice {
  std::string shop_id;
  std::string shop_name;
  storage::notice_kind kind = storage::notice_kind::authorization_expiring;
  std::string detail;           // the reason, for people
  std::int64_t due_at = 0;      // when the authorisation ends (Unix seconds); 0 when unknown
  std::int64_t raised_at = 0;
};

class notices {
 public:
  notices(storage::database& db, const vault::token_vault& vault) : db_(db), vault_(vault) {}

  // For webhook type 7 (UPCOMING_AUTHORIZATION_EXPIRATION): the shop's authorisation ends at
  // `expires_at` (Unix seconds; 0 when the event did not say). Raising it again updates the date.
  // errc::not_found for a shop that is not stored.
  result<void> raise_expiry_notice(std::string_view shop_id, std::int64_t expires_at);

  // Every notice of the seller's shops, soonest due first; a shop in needs_reauthorization is listed even
  // when no notice row was written for it. Disconnected shops are left out.
  result<std::vector<shop_notice>> for_seller(std::int64_t seller_id);

  // "Re-authorise KingKung Demo MX before 2026-12-24" / "KingKung Demo MX needs re-authorisation: ..."
  static std::string headline(const shop_notice& notice);

 private:
  storage::database& db_;
  const vault::token_vault& vault_;
};

}  // namespace kingkung::connect
