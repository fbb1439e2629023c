#include "kingkung/connect/vault_token_source.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <optional>

#include "connect/api_errors.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/notice_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/storage/token_repository.hpp"
#include "kingkung/vault/token_vault.hpp"

namespace kingkung::connect {
namespace {

using tiktok::error_class;
using detail::api_failure;

constexpr std::string_view component = "connect";
constexpr std::string_view access_kind = "access";
constexpr std::string_view refresh_kind = "refresh";

// A refresh that another caller finished this recently answers a 105002 seen meanwhile: the request
// that got it was sent with the token just replaced.
constexpr std::int64_t reuse_window_seconds = 30;

struct shop_lock {
  std::mutex mu;
  std::int64_t last_refresh_at = 0;  // 0: none by this process
};

}  // namespace

bool refresh_refused(const tiktok::api_error& error) noexcept {
  switch (error.kind) {
    case error_class::unauthenticated:
    case error_class::token_expired:
      return true;
    case error_class::bad_request:  // a token host that names the refresh token as what it refuses
      return error.message.find("refresh_token") != std::string::npos;
    default:
      return false;  // passing trouble, or a fault of this deployment (signature, permission, ...)
  }
}

struct vault_token_source::impl {
  storage::database& db;
  const vault::token_vault& vault;
  refresh_function refresh_fn;
  std::shared_ptr<const plugin::clock> clock;
  token_source_options options;
  storage::token_repository tokens{db};
  storage::shop_repository shops{db, vault};
  storage::notice_repository notices{db};
  std::mutex locks_mu;
  std::map<std::string, std::shared_ptr<shop_lock>, std::less<>> locks;
  std::atomic<std::uint64_t> refreshes{0};

  impl(storage::database& d, const vault::token_vault& v, refresh_function f,
       std::shared_ptr<const plugin::clock> c, token_source_options o)
      : db(d), vault(v), refresh_fn(std::move(f)), clock(std::move(c)), options(o) {}

  std::int64_t now() const { return detail::unix_seconds(clock); }

  std::shared_ptr<shop_lock> lock_for(std::string_view shop_id) {
    std::lock_guard g(locks_mu);
    auto it = locks.find(shop_id);
    if (it == locks.end()) it = locks.emplace(std::string(shop_id), std::make_shared<shop_lock>()).first;
    return it->second;
  }

  // The shop, when calls may be made for it; otherwise the fail-fast error.
  tiktok::result<domain::shop> usable_shop(std::string_view shop_id) {
    auto shop = shops.get(shop_id);
    if (!shop)
      return api_failure(error_class::invalid_request,
                         "reading shop " + std::string(shop_id) + " failed: " + shop.err().message);
    if (!*shop)
      return api_failure(error_class::unauthenticated,
                         "shop " + std::string(shop_id) + " is not connected: no such shop is stored");
    switch ((*shop)->state) {
      case domain::shop_state::connected:
        break;
      case domain::shop_state::needs_reauthorization:
        return api_failure(error_class::unauthenticated,
                           "shop " + std::string(shop_id) +
                               " needs re-authorisation: the platform refused to refresh its token; the seller "
                               "must connect it again");
      case domain::shop_state::disconnected:
        return api_failure(error_class::unauthenticated,
                           "shop " + std::string(shop_id) + " is disconnected: no call is made for it");
    }
    return std::move(**shop);
  }

  tiktok::result<storage::sealed_token_row> stored(std::string_view shop_id, std::string_view kind) {
    auto row = tokens.get(shop_id, kind);
    if (!row)
      return api_failure(error_class::invalid_request, "reading the " + std::string(kind) + " token of shop " +
                                                           std::string(shop_id) + " failed: " + row.err().message);
    if (!*row)
      return api_failure(error_class::unauthenticated,
                         "shop " + std::string(shop_id) + " has no " + std::string(kind) +
                             " token in the vault; the seller must connect it again");
    return std::move(**row);
  }

  tiktok::result<secret> open(const storage::sealed_token_row& row) {
    auto plain = vault.open(row.shop_id, row.sealed);
    if (!plain)
      return api_failure(error_class::invalid_request, "opening the " + row.kind + " token of shop " + row.shop_id +
                                                           " failed: " + plain.err().message);
    return std::move(*plain);
  }

  void mark_needs_reauthorization(const domain::shop& shop, const std::string& reason) {
    auto set = shops.set_state(shop.id, domain::shop_state::needs_reauthorization);
    if (!set) log::error(component, "marking shop " + shop.id + " as needing re-authorisation failed: " + set.err().message);
    storage::notice_row notice;
    notice.shop_id = shop.id;
    notice.kind = storage::notice_kind::needs_reauthorization;
    notice.detail = reason;
    notice.raised_at = now();
    auto put = notices.put(notice);
    if (!put) log::error(component, "recording why shop " + shop.id + " needs re-authorisation failed: " + put.err().message);
    log::warn(component, "shop " + shop.id + " needs re-authorisation: " + reason);
  }

  result<void> store(std::string_view shop_id, const tiktok::token_grant& grant) {
    if (grant.access_token.empty() || grant.refresh_token.empty())
      return plugin::make_error(plugin::errc::invalid_argument,
                                "storing the tokens of shop " + std::string(shop_id) + ": the grant lacks a token");
    const std::int64_t at = now();
    // The refresh token first: with it stored, a crash before the access token is written still
    // leaves a shop that can refresh.
    storage::sealed_token_row refresh_row{std::string(shop_id), std::string(refresh_kind),
                                          vault.seal(shop_id, grant.refresh_token), grant.refresh_token_expire_in, at};
    if (auto put = tokens.put(refresh_row); !put) return put;
    storage::sealed_token_row access_row{std::string(shop_id), std::string(access_kind),
                                         vault.seal(shop_id, grant.access_token), grant.access_token_expire_in, at};
    return tokens.put(access_row);
  }

  // Other shops of the seller authorised by the same grant share its refresh token, which a refresh
  // retires: they get the new tokens too.
  void share_with_siblings(const domain::shop& shop, const secret& old_refresh, const tiktok::token_grant& grant) {
    auto siblings = shops.list_by_seller(shop.seller_id);
    if (!siblings) return;
    for (const auto& other : *siblings) {
      if (other.id == shop.id || other.transport != shop.transport ||
          other.state == domain::shop_state::disconnected)
        continue;
      auto row = tokens.get(other.id, refresh_kind);
      if (!row || !*row) continue;
      auto plain = vault.open(other.id, (*row)->sealed);
      if (!plain || plain->reveal() != old_refresh.reveal()) continue;
      // Not under the sibling's lock (two siblings refreshing at once would wait on each other); a
      // sibling refresh that raced this one sees its refresh token replaced and takes the stored tokens.
      if (auto put = store(other.id, grant); !put)
        log::error(component, "storing the refreshed tokens of shop " + other.id + " failed: " + put.err().message);
    }
  }

  // Refreshes with the shop's lock held.
  tiktok::result<secret> refresh_locked(const domain::shop& shop, shop_lock& lock) {
    auto refresh_row = stored(shop.id, refresh_kind);
    if (!refresh_row) {
      if (refresh_row.err().kind == error_class::unauthenticated)
        mark_needs_reauthorization(shop, "no refresh token is stored");
      return std::move(refresh_row).err();
    }
    auto refresh_token = open(*refresh_row);
    if (!refresh_token) return std::move(refresh_token).err();
    if (refresh_row->expires_at != 0 && refresh_row->expires_at <= now()) {
      mark_needs_reauthorization(shop, "the authorisation expired");
      return api_failure(error_class::unauthenticated,
                         "shop " + shop.id + " needs re-authorisation: its authorisation expired");
    }

    ++refreshes;
    auto grant = refresh_fn(shop.transport, *refresh_token);
    if (!grant) {
      const tiktok::api_error& e = grant.err();
      if (!refresh_refused(e)) {
        log::warn(component, "refreshing the access token of shop " + shop.id + " failed for now: " + e.to_string());
        return std::move(grant).err();
      }
      // A refresh for another shop of the same authorisation replaced the tokens meanwhile.
      if (auto now_stored = tokens.get(shop.id, refresh_kind);
          now_stored && *now_stored && (*now_stored)->sealed != refresh_row->sealed) {
        auto access = stored(shop.id, access_kind);
        if (!access) return std::move(access).err();
        return open(*access);
      }
      std::string reason = "the platform refused to refresh the token (" + std::string(tiktok::to_string(e.kind)) +
                           (e.code != 0 ? ", code " + std::to_string(e.code) : std::string()) +
                           (e.message.empty() ? std::string() : ": " + e.message) + ")";
      mark_needs_reauthorization(shop, reason);
      tiktok::api_error out = api_failure(error_class::unauthenticated,
                                          "shop " + shop.id + " needs re-authorisation: " + reason);
      out.code = e.code;
      out.request_id = e.request_id;
      out.http_status = e.http_status;
      out.operation = e.operation;
      return out;
    }
    if (auto put = store(shop.id, *grant); !put)
      return api_failure(error_class::invalid_request,
                         "storing the refreshed tokens of shop " + shop.id + " failed: " + put.err().message);
    lock.last_refresh_at = now();
    log::info(component, "refreshed the access token of shop " + shop.id + "; it expires at " +
                             std::to_string(grant->access_token_expire_in));
    share_with_siblings(shop, *refresh_token, *grant);
    return std::move(grant->access_token);
  }
};

vault_token_source::vault_token_source(storage::database& db, const vault::token_vault& vault,
                                       refresh_function refresh, std::shared_ptr<const plugin::clock> clock,
                                       token_source_options options)
    : impl_(std::make_unique<impl>(db, vault, std::move(refresh), std::move(clock), options)) {}

vault_token_source::~vault_token_source() = default;

tiktok::result<secret> vault_token_source::current(std::string_view shop_id) {
  auto lock = impl_->lock_for(shop_id);
  std::lock_guard g(lock->mu);
  // Read with the lock held: a caller that waited sees what the refresh before it stored or marked.
  auto shop = impl_->usable_shop(shop_id);
  if (!shop) return std::move(shop).err();
  auto access = impl_->stored(shop_id, access_kind);
  if (!access) return std::move(access).err();
  const std::int64_t now = impl_->now();
  if (access->expires_at - impl_->options.refresh_margin.count() > now) return impl_->open(*access);

  auto fresh = impl_->refresh_locked(*shop, *lock);
  if (fresh) return fresh;
  // A passing failure while the token still works: use it and try again on a later call.
  if (!refresh_refused(fresh.err()) && access->expires_at > now) return impl_->open(*access);
  return fresh;
}

tiktok::result<secret> vault_token_source::refresh(std::string_view shop_id) {
  auto lock = impl_->lock_for(shop_id);
  std::lock_guard g(lock->mu);
  auto shop = impl_->usable_shop(shop_id);
  if (!shop) return std::move(shop).err();
  if (lock->last_refresh_at != 0 && impl_->now() - lock->last_refresh_at < reuse_window_seconds) {
    auto access = impl_->stored(shop_id, access_kind);
    if (!access) return std::move(access).err();
    return impl_->open(*access);
  }
  return impl_->refresh_locked(*shop, *lock);
}

result<void> vault_token_source::store(std::string_view shop_id, const tiktok::token_grant& grant) {
  auto lock = impl_->lock_for(shop_id);
  std::lock_guard g(lock->mu);
  return impl_->store(shop_id, grant);
}

std::uint64_t vault_token_source::refreshes_sent() const noexcept { return impl_->refreshes.load(); }

}  // namespace kingkung::connect
