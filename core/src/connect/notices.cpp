#include "kingkung/connect/notices.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "connect/api_errors.hpp"
#include "kingkung/storage/shop_repository.hpp"

namespace kingkung::connect {
namespace {

std::string calendar_date(std::int64_t unix_seconds) {
  const std::chrono::sys_days day =
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}});
  const std::chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

}  // namespace

result<void> notices::raise_expiry_notice(std::string_view shop_id, std::int64_t expires_at) {
  storage::shop_repository shops(db_, vault_);
  auto shop = shops.get(shop_id);
  if (!shop) return detail::with_context("raising the expiry notice of shop " + std::string(shop_id), shop.err());
  if (!*shop)
    return plugin::make_error(plugin::errc::not_found,
                              "raising the expiry notice: shop " + std::string(shop_id) + " is not stored");
  storage::notice_row row;
  row.shop_id = std::string(shop_id);
  row.kind = storage::notice_kind::authorization_expiring;
  row.due_at = expires_at;
  row.detail = expires_at > 0 ? "the authorisation expires on " + calendar_date(expires_at) + " (UTC)"
                              : "the authorisation expires soon";
  storage::notice_repository repo(db_);
  return repo.put(row);
}

result<std::vector<shop_notice>> notices::for_seller(std::int64_t seller_id) {
  storage::shop_repository shops(db_, vault_);
  auto held = shops.list_by_seller(seller_id);
  if (!held) return detail::with_context("listing the notices of seller " + std::to_string(seller_id), held.err());
  storage::notice_repository repo(db_);
  auto rows = repo.list_by_seller(seller_id);
  if (!rows) return detail::with_context("listing the notices of seller " + std::to_string(seller_id), rows.err());

  std::vector<shop_notice> out;
  std::set<std::string> reauthorization_listed;
  for (const auto& row : *rows) {
    auto shop = std::find_if(held->begin(), held->end(), [&](const domain::shop& s) { return s.id == row.shop_id; });
    if (shop == held->end() || shop->state == domain::shop_state::disconnected) continue;
    // A re-authorisation notice outlives nothing: once the shop is connected again it no longer applies.
    if (row.kind == storage::notice_kind::needs_reauthorization &&
        shop->state != domain::shop_state::needs_reauthorization)
      continue;
    if (row.kind == storage::notice_kind::needs_reauthorization) reauthorization_listed.insert(row.shop_id);
    out.push_back(shop_notice{row.shop_id, shop->name, row.kind, row.detail, row.due_at, row.raised_at});
  }
  for (const auto& shop : *held)
    if (shop.state == domain::shop_state::needs_reauthorization && !reauthorization_listed.count(shop.id))
      out.push_back(shop_notice{shop.id, shop.name, storage::notice_kind::needs_reauthorization,
                                "the shop's authorisation is no longer valid", 0, 0});
  // Shops that already need re-authorisation first, then the soonest expiry.
  std::stable_sort(out.begin(), out.end(), [](const shop_notice& a, const shop_notice& b) {
    bool ra = a.kind == storage::notice_kind::needs_reauthorization;
    bool rb = b.kind == storage::notice_kind::needs_reauthorization;
    if (ra != rb) return ra;
    if ((a.due_at == 0) != (b.due_at == 0)) return b.due_at == 0;
    return a.due_at < b.due_at;
  });
  return out;
}

std::string notices::headline(const shop_notice& notice) {
  const std::string& name = notice.shop_name.empty() ? notice.shop_id : notice.shop_name;
  if (notice.kind == storage::notice_kind::needs_reauthorization)
    return name + " needs re-authorisation: " + notice.detail;
  if (notice.due_at > 0) return "Re-authorise " + name + " before " + calendar_date(notice.due_at);
  return "Re-authorise " + name + " soon: its authorisation is about to expire";
}

}  // namespace kingkung::connect
