// The tiktok-live plugin: registers the "tiktok-live" transport. All the work is in the engine.
#include <exception>
#include <memory>
#include <string>

#include "kingkung/live/live_config.hpp"
#include "kingkung/live/live_transport.hpp"
#include "kingkung/plugin/plugin.hpp"

namespace {

namespace plugin = kingkung::plugin;

plugin::result<std::unique_ptr<plugin::transport>> make_live_transport(const plugin::host_context& ctx) {
  try {
    auto config = kingkung::live::load_live_config(ctx.config());
    if (!config) return std::move(config).err();
    auto transport = kingkung::live::live_transport::create(std::move(*config), &ctx.log());
    if (!transport) {
      plugin::error e = std::move(transport).err();
      e.message = ctx.config().origin() + ": " + e.message;
      return e;
    }
    return std::unique_ptr<plugin::transport>(std::move(*transport));
  } catch (const std::exception& e) {
    return plugin::make_error(plugin::errc::internal, std::string("tiktok-live: ") + e.what());
  } catch (...) {
    return plugin::make_error(plugin::errc::internal,
                              "tiktok-live: unexpected failure while creating the transport");
  }
}

plugin::result<void> register_live(plugin::registrar& r) {
  return r.add_transport("tiktok-live", &make_live_transport);
}

}  // namespace

KINGKUNG_PLUGIN(
    "tiktok-live", "1.0.0", kingkung::plugin::kind_transport,
    "HTTPS to the TikTok Shop hosts: verified TLS 1.2+, keep-alive connection pool, CONNECT proxy",
    &register_live)
