#include "kingkung/connect/shop_links.hpp"

#include <map>
#include <mutex>
#include <stdexcept>

#include "connect/api_errors.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/plugins/plugin_host.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/tiktok/oauth.hpp"

namespace kingkung::connect {
namespace {

constexpr std::string_view component = "connect";

}  // namespace

transport_factory transports_of(plugins::plugin_host& host) {
  return [&host](std::string_view name) { return host.make_transport(name); };
}

struct shop_links::impl {
  tiktok::client_options client_options;
  storage::database& db;
  const vault::token_vault& vault;
  transport_factory make_transport;
  shop_links_services services;
  std::shared_ptr<vault_token_source> tokens;

  std::mutex mu;
  std::map<std::string, std::shared_ptr<plugin::transport>, std::less<>> transports;
  std::map<std::string, std::unique_ptr<tiktok::client>, std::less<>> clients;

  impl(const config::app_config& config, storage::database& d, const vault::token_vault& v, transport_factory f,
       shop_links_services s)
      : client_options(tiktok::client_options::from_config(config.tiktok)),
        db(d),
        vault(v),
        make_transport(std::move(f)),
        services(std::move(s)) {}

  result<std::shared_ptr<plugin::transport>> transport_locked(std::string_view name) {
    if (auto it = transports.find(name); it != transports.end()) return it->second;
    if (!make_transport)
      return plugin::make_error(plugin::errc::internal, "no transport factory was given to shop_links");
    auto made = make_transport(name);
    if (!made) return detail::with_context("transport \"" + std::string(name) + "\"", made.err());
    if (!*made)
      return plugin::make_error(plugin::errc::internal, "transport \"" + std::string(name) + "\" was not made");
    transports.emplace(std::string(name), *made);
    return std::move(*made);
  }

  result<std::reference_wrapper<tiktok::client>> client_for(std::string_view name) {
    std::lock_guard g(mu);
    if (auto it = clients.find(name); it != clients.end()) return std::ref(*it->second);
    auto transport = transport_locked(name);
    if (!transport) return std::move(transport).err();
    tiktok::client_services s;
    s.transport = *transport;
    s.tokens = tokens;
    s.clock = services.clock;
    s.pacing = services.pacing;
    s.jitter = services.jitter;
    s.observer = services.observer;
    try {
      auto made = std::make_unique<tiktok::client>(client_options, std::move(s));
      auto& ref = *made;
      clients.emplace(std::string(name), std::move(made));
      return std::ref(ref);
    } catch (const std::invalid_argument& e) {
      return plugin::make_error(plugin::errc::failed_precondition,
                                "the TikTok client for transport \"" + std::string(name) + "\": " + e.what());
    }
  }
};

shop_links::shop_links(const config::app_config& config, storage::database& db, const vault::token_vault& vault,
                       transport_factory transports, shop_links_services services)
    : impl_(std::make_unique<impl>(config, db, vault, std::move(transports), std::move(services))) {
  impl* self = impl_.get();
  // The source refreshes through the client of the shop's own transport; that client never asks the
  // source for a token on the token host, so no lock is taken twice.
  impl_->tokens = std::make_shared<vault_token_source>(
      db, vault,
      [self](std::string_view transport, const secret& refresh_token) -> tiktok::result<tiktok::token_grant> {
        auto api = self->client_for(transport);
        if (!api) {
          tiktok::api_error e;
          e.kind = tiktok::error_class::invalid_request;
          e.message = api.err().message;
          return e;
        }
        return tiktok::refresh_access_token(api->get(), refresh_token);
      },
      impl_->services.clock, impl_->services.tokens);
}

shop_links::~shop_links() {
  // Clients first: they hold the token source and the transports.
  impl_->clients.clear();
  impl_->transports.clear();
}

std::optional<link> shop_links::link_for(const domain::shop& shop) {
  if (shop.state != domain::shop_state::connected) return std::nullopt;
  auto api = impl_->client_for(shop.transport);
  if (!api) {
    log::warn(component, "shop " + shop.id + " has no client: " + api.err().message);
    return std::nullopt;
  }
  return link{&api->get(), tiktok::shop_ref{shop.id, shop.cipher}};
}

std::optional<link> shop_links::link_for(std::string_view shop_id) {
  storage::shop_repository shops(impl_->db, impl_->vault);
  auto shop = shops.get(shop_id);
  if (!shop) {
    log::warn(component, "reading shop " + std::string(shop_id) + " failed: " + shop.err().message);
    return std::nullopt;
  }
  if (!*shop) return std::nullopt;
  return link_for(**shop);
}

result<std::reference_wrapper<tiktok::client>> shop_links::client_for(std::string_view transport) {
  return impl_->client_for(transport);
}

result<std::shared_ptr<plugin::transport>> shop_links::transport(std::string_view name) {
  std::lock_guard g(impl_->mu);
  return impl_->transport_locked(name);
}

vault_token_source& shop_links::tokens() noexcept { return *impl_->tokens; }

const std::shared_ptr<vault_token_source>& shop_links::token_source_ptr() const noexcept { return impl_->tokens; }

}  // namespace kingkung::connect
