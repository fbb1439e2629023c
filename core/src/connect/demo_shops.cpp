#include "kingkung/connect/demo_shops.hpp"

#include "connect/api_errors.hpp"
#include "connect/shop_setup.hpp"
#include "kingkung/auth/password.hpp"
#include "kingkung/connect/connect_service.hpp"
#include "kingkung/connect/shop_links.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/audit_repository.hpp"
#include "kingkung/storage/notice_repository.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/storage/token_repository.hpp"
#include "kingkung/storage/user_repository.hpp"

namespace kingkung::connect {
namespace {

using plugin::errc;
using plugin::make_error;

constexpr std::string_view component = "demo";

plugin::result<domain::seller> ensure_seller(storage::database& db, const config::demo_config& demo, demo_report& report) {
  storage::seller_repository sellers(db);
  auto found = sellers.find_by_name(demo.seller_name);
  if (!found) return detail::with_context("demo seller", found.err());
  if (*found) return **found;
  auto made = sellers.create(demo.seller_name);
  if (!made) {
    // Another process setting up the same demo may have created it just now.
    if (auto again = sellers.find_by_name(demo.seller_name); again && *again) return **again;
    return detail::with_context("demo seller", made.err());
  }
  report.seller_created = true;
  return std::move(*made);
}

plugin::result<void> ensure_user(storage::database& db, const config::demo_config& demo, const domain::seller& seller,
                                 demo_report& report) {
  if (demo.email.empty()) return {};
  storage::user_repository users(db);
  auto found = users.find_by_email(demo.email);
  if (!found) return detail::with_context("demo sign-in", found.err());
  if (*found) {
    if ((*found)->seller_id != seller.id)
      return make_error(errc::failed_precondition, "demo sign-in: " + demo.email +
                                                       " is an account of another seller, not of \"" + seller.name + "\"");
    return {};
  }
  domain::user user;
  user.seller_id = seller.id;
  user.email = demo.email;
  user.password_hash = auth::hash_password(demo.password);
  user.user_role = domain::role::owner;
  auto added = users.add(user);
  if (!added) {
    if (auto again = users.find_by_email(demo.email); again && *again && (*again)->seller_id == seller.id) return {};
    return detail::with_context("demo sign-in", added.err());
  }
  report.user_created = true;
  return {};
}

bool has_tokens(storage::database& db, const std::string& shop_id) {
  storage::token_repository tokens(db);
  auto access = tokens.get(shop_id, "access");
  auto refresh = tokens.get(shop_id, "refresh");
  return access && *access && refresh && *refresh;
}

}  // namespace

plugin::result<demo_report> connect_demo_shops(const config::app_config& config, storage::database& db,
                                               const vault::token_vault& vault, shop_links& links) {
  demo_report report;
  if (!config.demo.enabled) return report;
  auto seller = ensure_seller(db, config.demo, report);
  if (!seller) return std::move(seller).err();
  if (auto user = ensure_user(db, config.demo, *seller, report); !user) return std::move(user).err();

  storage::shop_repository shops(db, vault);
  storage::notice_repository notices(db);
  storage::audit_repository audit(db);
  for (const auto& entry : config.shops) {
    if (!entry.demo) continue;
    const std::string what = "demo shop " + entry.key;
    const std::string transport = config.transport_for(entry);
    if (transport != simulator_transport)
      return make_error(errc::failed_precondition, what + ": its transport is \"" + transport +
                                                       "\"; demo shops must use the simulator (" +
                                                       std::string(simulator_transport) + ")");
    auto stored = shops.get(entry.shop_id);
    if (!stored) return detail::with_context(what, stored.err());
    if (*stored && (*stored)->seller_id == seller->id && (*stored)->state == domain::shop_state::connected &&
        has_tokens(db, entry.shop_id)) {
      domain::shop shop = **stored;
      auto modules = config.modules_for(entry);
      if (shop.transport != transport || shop.modules != modules || !shop.demo) {
        shop.transport = transport;
        shop.modules = modules;
        shop.demo = true;
        if (auto updated = shops.upsert(shop); !updated) return detail::with_context(what, updated.err());
      }
      report.unchanged.push_back(entry.shop_id);
      continue;
    }

    auto channel = links.transport(transport);
    if (!channel) return detail::with_context(what, channel.err());
    auto code = detail::simulator_auth_code(**channel, entry.shop_id);
    if (!code) return detail::with_context(what, code.err());
    auto api = links.client_for(transport);
    if (!api) return detail::with_context(what, api.err());
    auto authorized = detail::exchange_code(api->get(), *code);
    if (!authorized) return detail::with_context(what, authorized.err());
    const domain::shop* platform = nullptr;
    for (const auto& s : authorized->shops)
      if (s.id == entry.shop_id) platform = &s;
    if (platform == nullptr)
      return make_error(errc::not_found, what + ": the simulator's authorisation does not cover shop " + entry.shop_id);
    const std::int64_t now = api->get().now_unix();
    domain::shop shop = detail::configured_shop(config, seller->id, *platform, authorized->grant, now);
    shop.demo = true;
    if (auto saved = detail::save_connected(shops, notices, links.tokens(), shop, authorized->grant); !saved)
      return detail::with_context(what, saved.err());
    storage::audit_entry audit_entry;
    audit_entry.seller_id = seller->id;
    audit_entry.action = "shop.connect";
    audit_entry.target = shop.id;
    audit_entry.detail = "demo set-up connected " + shop.name + " through " + shop.transport;
    audit_entry.at = now;
    if (auto appended = audit.append(audit_entry); !appended)
      log::error(component, "the audit entry for demo shop " + shop.id + " failed: " + appended.err().message);
    log::info(component, "connected " + what + " (" + shop.id + ") for \"" + seller->name + "\"");
    report.connected.push_back(shop.id);
  }
  return report;
}

}  // namespace kingkung::connect
