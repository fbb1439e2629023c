#include "demo_setup.hpp"

#include <memory>
#include <string>

#include "kingkung/connect/demo_shops.hpp"
#include "kingkung/connect/shop_links.hpp"
#include "kingkung/log/log.hpp"

namespace kingkung::web {

plugin::result<void> set_up_demo(app::runtime& runtime, connect::shop_links& links) {
  if (!runtime.config().demo.enabled) return {};
  auto report = connect::connect_demo_shops(runtime.config(), runtime.database(), runtime.vault(), links);
  if (!report) return plugin::make_error(report.err().code, "demo set-up: " + report.err().message);
  log::info("demo", "demo shops: " + std::to_string(report->connected.size()) + " connected now, " +
                        std::to_string(report->unchanged.size()) + " already connected");
  return {};
}

}  // namespace kingkung::web
