#include "kingkung/privacy/disconnect.hpp"

#include <chrono>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/audit_repository.hpp"
#include "kingkung/storage/shop_lifecycle_repository.hpp"

namespace kingkung::privacy {

result<disconnect_report> disconnect(storage::database& db, std::string_view shop_id, const actor& who,
                                     std::int64_t now) {
  if (now == 0)
    now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
              .count();
  auto outcome = storage::shop_lifecycle_repository(db).disconnect_shop(shop_id, now);
  if (!outcome) return std::move(outcome).err();

  disconnect_report r;
  r.shop_known = outcome->shop_known;
  r.already_disconnected = outcome->already_disconnected;
  r.disconnected_at = outcome->disconnected_at;
  r.tokens_deleted = outcome->tokens_deleted;
  r.write_backs_cancelled = outcome->write_backs_cancelled;

  std::string detail = std::to_string(r.tokens_deleted) + " token(s) deleted, " +
                       std::to_string(r.write_backs_cancelled) + " write-back(s) cancelled";
  if (!r.shop_known) detail += ", shop unknown";
  if (r.already_disconnected) detail += ", already disconnected";
  detail += "; " + describe(who);
  auto audited = storage::audit_repository(db).append(
      {0, outcome->seller_id, who.user_id, "shop.disconnect", std::string(shop_id), detail, now});
  // The tokens are gone already; a missing audit line must not undo or hide that.
  if (!audited) log::error("privacy", "shop " + std::string(shop_id) + " disconnected, but the audit entry failed: " +
                                          audited.err().message);
  log::info("privacy", "shop " + std::string(shop_id) + " disconnected: " + detail);
  return r;
}

}  // namespace kingkung::privacy
