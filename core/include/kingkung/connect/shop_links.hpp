// The way from a stored shop to the platform: one tiktok::client per transport name (transports made
// by the plugin host, options from [tiktok], tokens from the vault_token_source), and for each
// connected shop the client plus its shop_ref (id and cipher). It is the sync engine's
// shop_link_provider.
//
// Clients are made on first use and live as long as the shop_links; a reference from link_for() stays
// valid until then. Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/config/config.hpp"
#include "kingkung/connect/vault_token_source.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/plugin/result.hpp"
#include "kingkung/plugin/transport.hpp"
#include "kingkung/sync/shop_link.hpp"
#include "kingkung/tiktok/client.hpp"

namespace kingkung::plugins {
class plugin_host;
}

namespace kingkung::connect {

// Makes a transport by registered name (plugin_host::make_transport, or a fake in tests).
using transport_factory =
    std::function<plugin::result<std::shared_ptr<plugin::transport>>(std::string_view name)>;

transport_factory transports_of(plugins::plugin_host& host);  // `host` must outlive the factory

// The client (owned by the shop_links) and the shop_ref (id and cipher) to call a shop with.
using link = sync::shop_link;

struct shop_links_services {
  std::shared_ptr<const plugin::clock> clock;      // null: system clock
  std::shared_ptr<tiktok::pacing_clock> pacing;    // null: steady clock, real sleeps
  tiktok::jitter_source jitter;                    // null: random
  std::shared_ptr<tiktok::call_observer> observer;  // every attempt of every client; may be null
  token_source_options tokens;
};

class shop_links final : public sync::shop_link_provider {
 public:
  // `db` and `vault` must outlive this. Client options come from config.tiktok.
  shop_links(const config::app_config& config, storage::database& db, const vault::token_vault& vault,
             transport_factory transports, shop_links_services services = {});
  ~shop_links() override;
  shop_links(const shop_links&) = delete;
  shop_links& operator=(const shop_links&) = delete;

  // The client and shop_ref for a connected shop; nullopt when the shop is not connected (needs
  // re-authorisation, disconnected) or its transport cannot be made (logged).
  std::optional<link> link_for(const domain::shop& shop);
  // The same, by shop id, reading the shop from storage (sync::shop_link_provider).
  std::optional<link> link_for(std::string_view shop_id) override;

  // The client for a transport name, made on first use. Errors: the transport's own (not_found for an
  // unknown name).
  result<std::reference_wrapper<tiktok::client>> client_for(std::string_view transport);
  // The transport the clients of that name use (e.g. for the simulator's control API).
  result<std::shared_ptr<plugin::transport>> transport(std::string_view name);

  // The token source every client uses (store() after OAuth).
  vault_token_source& tokens() noexcept;
  const std::shared_ptr<vault_token_source>& token_source_ptr() const noexcept;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::connect
