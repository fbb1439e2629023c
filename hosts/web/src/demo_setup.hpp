// Start-up step of kingkung-web when [demo] is enabled: the demo seller, its sign-in and the demo shops
// connected through the simulator, so the sign-in printed at start really works (connect/demo_shops.hpp).
#pragma once

#include "kingkung/app/runtime.hpp"
#include "kingkung/connect/shop_links.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::web {

// Nothing to do when [demo] is disabled. Connects through `links` (the host's one set of clients).
plugin::result<void> set_up_demo(app::runtime& runtime, connect::shop_links& links);

}  // namespace kingkung::web
