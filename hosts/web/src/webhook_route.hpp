// POST /webhooks/tiktok: the platform's webhook deliveries, checked and stored by webhooks::intake.
#pragma once

#include <functional>

#include "kingkung/app/runtime.hpp"
#include "kingkung/http/message.hpp"

namespace kingkung::web {

// The intake over the runtime's database with [tiktok] app_key and app_secret. `on_stored` runs after
// each newly stored event (e.g. to wake the webhook processor). Without an app key or secret every
// delivery gets 503, since no signature could be checked.
http::handler make_webhook_handler(app::runtime& runtime, std::function<void()> on_stored = {});

}  // namespace kingkung::web
