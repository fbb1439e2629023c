#include <chrono>
#include <mutex>

#include "app/runtime_impl.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/app/version.hpp"

namespace kingkung::app {

namespace {
// A failed ping is never reused: the next call pings again.
constexpr std::chrono::seconds ping_reuse{1};
}  // namespace

health_report runtime::health() {
  health_report r;
  r.version = std::string(product_version());
  {
    std::lock_guard lock(impl_->database_mutex);
    if (auto* db = impl_->database.get()) {
      r.database.backend = std::string(storage::to_string(db->kind()));
      r.database.url = db->describe();
      const auto now = std::chrono::steady_clock::now();
      if (impl_->last_good_ping && now - *impl_->last_good_ping < ping_reuse) {
        r.database.ok = true;
        r.database.status = "ok";
      } else {
        auto ping = db->ping();
        r.database.ok = ping.ok();
        r.database.status = ping ? "ok" : db->redact(ping.err().message);
        if (ping)
          impl_->last_good_ping = now;
        else
          impl_->last_good_ping.reset();
      }
    } else {
      r.database.status = "closed";
    }
  }
  for (const auto& report : impl_->plugin_reports) {
    plugin_health p;
    p.id = report.plugin_id;
    p.status = std::string(plugins::to_string(report.status));
    if (report.descriptor) p.version = report.descriptor->version;
    p.reason = report.reason;
    r.plugins.push_back(std::move(p));
  }
  const auto& config = impl_->config;
  for (const auto& shop : config.shops)
    r.shops.push_back({shop.key, config.transport_for(shop), config.modules_for(shop)});
  return r;
}

}  // namespace kingkung::app
