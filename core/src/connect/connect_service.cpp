#include "kingkung/connect/connect_service.hpp"

#include "connect/api_errors.hpp"
#include "connect/shop_setup.hpp"
#include "kingkung/connect/shop_links.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/audit_repository.hpp"
#include "kingkung/storage/notice_repository.hpp"
#include "kingkung/storage/oauth_state_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/storage/user_repository.hpp"

namespace kingkung::connect {
namespace {

using plugin::errc;
using plugin::make_error;

constexpr std::string_view component = "connect";
constexpr std::size_t max_state = 256;
constexpr std::size_t max_code = 1024;

std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0x0f];
    }
  }
  return out;
}

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// A local path only, so the callback cannot be turned into a redirect to another site.
std::string return_to_problem(std::string_view to) {
  if (to.empty()) return {};
  if (to.size() > 2000) return "return_to must be at most 2000 characters";
  if (to.front() != '/' || (to.size() > 1 && (to[1] == '/' || to[1] == '\\')))
    return "return_to must be a path on this site starting with a single '/'";
  for (unsigned char c : to)
    if (c < 0x20 || c == 0x7f || c == '\\') return "return_to must not contain control characters or '\\'";
  return {};
}

const char* state_gone =
    "this authorisation request is unknown, was already used or has expired; start connecting the shop again";

}  // namespace

struct connect_service::impl {
  const config::app_config& config;
  storage::database& db;
  const vault::token_vault& vault;
  shop_links& links;
  connect_options options;
  storage::oauth_state_repository states{db};
  storage::user_repository users{db};
  storage::shop_repository shops{db, vault};
  storage::notice_repository notices{db};
  storage::audit_repository audit{db};

  std::int64_t now() const { return detail::unix_seconds(options.clock); }
  bool simulated() const { return config.default_transport == simulator_transport; }
  std::string public_url() const { return without_trailing_slash(config.server.public_url); }
};

connect_service::connect_service(const config::app_config& config, storage::database& db,
                                 const vault::token_vault& vault, shop_links& links, connect_options options)
    : impl_(std::make_unique<impl>(impl{config, db, vault, links, std::move(options)})) {}

connect_service::~connect_service() = default;

result<authorization_start> connect_service::begin(std::int64_t seller_id, std::int64_t user_id,
                                                   std::string_view return_to) {
  constexpr std::string_view op = "connect.begin";
  if (auto p = return_to_problem(return_to); !p.empty()) return make_error(errc::invalid_argument, std::string(op) + ": " + p);
  auto user = impl_->users.get(user_id);
  if (!user) return detail::with_context(op, user.err());
  if (!*user || (*user)->seller_id != seller_id)
    return make_error(errc::permission_denied, std::string(op) + ": user " + std::to_string(user_id) +
                                                   " is not an account of seller " + std::to_string(seller_id));
  const bool simulator = impl_->simulated();
  if (!simulator && impl_->config.tiktok.service_id.empty())
    return make_error(errc::failed_precondition,
                      std::string(op) + ": tiktok.service_id is not set, so there is no authorisation page to send "
                                        "the seller to (set it from the app page in Partner Center)");

  authorization_start start;
  start.state = random_state();
  start.simulator = simulator;
  const std::int64_t now = impl_->now();
  start.expires_at = now + impl_->options.state_lifetime.count();
  storage::oauth_state_row row{hash_state(start.state), seller_id, user_id, std::string(return_to), now,
                               start.expires_at};
  if (auto added = impl_->states.add(row); !added) return detail::with_context(op, added.err());
  if (auto removed = impl_->states.remove_expired(now); !removed)
    log::warn(component, "removing expired authorisation requests failed: " + removed.err().message);

  if (simulator) {
    start.url = impl_->public_url() + "/sim/authorize?state=" + start.state;
  } else {
    const std::string& page = impl_->config.tiktok.authorize_url;
    start.url = page + (page.find('?') == std::string::npos ? "?" : "&") +
                "service_id=" + percent_encode(impl_->config.tiktok.service_id) + "&state=" + start.state;
  }
  return start;
}

result<std::string> connect_service::simulator_consent(std::string_view state, std::string_view shop) {
  constexpr std::string_view op = "connect.simulator_consent";
  if (!impl_->simulated())
    return make_error(errc::failed_precondition,
                      std::string(op) + ": this deployment's default transport is not the simulator");
  if (state.empty() || state.size() > max_state) return make_error(errc::unauthenticated, std::string(op) + ": " + state_gone);
  if (shop.empty() || shop.size() > 64)
    return make_error(errc::invalid_argument, std::string(op) + ": the shop must be a simulator shop key or id");
  auto pending = impl_->states.find(hash_state(state));
  if (!pending) return detail::with_context(op, pending.err());
  if (!*pending || (*pending)->expires_at < impl_->now())
    return make_error(errc::unauthenticated, std::string(op) + ": " + state_gone);
  auto transport = impl_->links.transport(simulator_transport);
  if (!transport) return detail::with_context(op, transport.err());
  auto code = detail::simulator_auth_code(**transport, shop);
  if (!code) return detail::with_context(op, code.err());
  return impl_->public_url() + "/oauth/tiktok/callback?code=" + percent_encode(code->reveal()) +
         "&state=" + percent_encode(state);
}

result<connect_outcome> connect_service::complete(std::int64_t seller_id, std::int64_t user_id,
                                                  std::string_view state, std::string_view code, std::string_view ip) {
  constexpr std::string_view op = "connect.complete";
  if (state.empty() || state.size() > max_state) return make_error(errc::unauthenticated, std::string(op) + ": " + state_gone);
  if (code.empty() || code.size() > max_code)
    return make_error(errc::invalid_argument,
                      std::string(op) + ": the callback has no usable authorisation code (the seller may have "
                                        "declined); start connecting the shop again");
  // Whose the state is comes first: a callback in another account's session must not use up the owner's.
  const std::string hashed = hash_state(state);
  auto pending = impl_->states.find(hashed);
  if (!pending) return detail::with_context(op, pending.err());
  if (!*pending) return make_error(errc::unauthenticated, std::string(op) + ": " + state_gone);
  const std::int64_t now = impl_->now();
  if ((*pending)->expires_at < now) return make_error(errc::unauthenticated, std::string(op) + ": " + state_gone);
  if ((*pending)->seller_id != seller_id || (*pending)->user_id != user_id)
    return make_error(errc::permission_denied,
                      std::string(op) + ": this authorisation request was started by another account; sign in as "
                                        "the account that started it, or start again");
  auto taken = impl_->states.take(hashed);
  if (!taken) return detail::with_context(op, taken.err());
  if (!*taken) return make_error(errc::unauthenticated, std::string(op) + ": " + state_gone);
  const storage::oauth_state_row& row = **taken;

  const std::string& transport = impl_->config.default_transport;
  auto api = impl_->links.client_for(transport);
  if (!api) return detail::with_context(op, api.err());
  auto authorized = detail::exchange_code(api->get(), secret(std::string(code)));
  if (!authorized) return detail::with_context(op, authorized.err());
  if (authorized->shops.empty())
    return make_error(errc::failed_precondition, std::string(op) + ": the authorisation covers no shop");

  connect_outcome outcome;
  outcome.return_to = row.return_to;
  for (const auto& platform : authorized->shops) {
    domain::shop shop = detail::configured_shop(impl_->config, seller_id, platform, authorized->grant, now);
    if (auto saved = detail::save_connected(impl_->shops, impl_->notices, impl_->links.tokens(), shop,
                                            authorized->grant);
        !saved)
      return detail::with_context(op, saved.err());
    storage::audit_entry entry;
    entry.seller_id = seller_id;
    entry.user_id = user_id;
    entry.action = "shop.connect";
    entry.target = shop.id;
    entry.detail = "connected " + shop.name + " (" + shop.region + ", " + shop.seller_type + ") through " +
                   shop.transport + " from " + (ip.empty() ? std::string("an unknown address") : std::string(ip));
    entry.at = now;
    if (auto appended = impl_->audit.append(entry); !appended)
      log::error(component, "the audit entry for connecting shop " + shop.id + " failed: " + appended.err().message);
    log::info(component, "seller " + std::to_string(seller_id) + " connected shop " + shop.id + " (" + shop.name + ")");
    outcome.shops.push_back(std::move(shop));
  }
  return outcome;
}

}  // namespace kingkung::connect
