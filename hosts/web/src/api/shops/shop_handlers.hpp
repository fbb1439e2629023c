// The shops group's handlers (routes in shop_routes.cpp), callable with a caller directly so they can be
// tested apart from sign-in. A shop of another seller answers 404.
//
// Connecting (connect/connect_service.hpp): POST /api/v1/shops/connect starts it and gives the URL to
// send the browser to; on the simulator that is this host's own consent page (/sim/authorize), which
// lists the simulator's shops through GET /api/v1/sim/authorize and asks for a code through
// POST /api/v1/sim/authorize; the platform (or that page) then sends the browser to
// GET /oauth/tiktok/callback, which completes the connect and redirects to the page the seller started
// from. URLs of this host are given as local paths ("/sim/authorize?state=..."), so they work on
// whichever address the browser uses.
#pragma once

#include <memory>

#include "auth/guard.hpp"
#include "kingkung/http/message.hpp"
#include "web_context.hpp"

namespace kingkung::connect {
class connect_service;
}

namespace kingkung::web::shops {

class sync_now;

// What the shop routes share, made once per web host.
struct shop_services {
  std::shared_ptr<connect::connect_service> connect;  // null without platform services
  std::shared_ptr<sync_now> syncer;                   // null without platform services
};

// Builds the connect service and the sync-now thread over ctx (when ctx.services is set) and registers
// the thread's stop with the runtime.
std::shared_ptr<shop_services> make_shop_services(web_context& ctx);

// GET /api/v1/shops
http::response list_shops(web_context& ctx, shop_services& s, const http::request& req, const caller& who);
// POST /api/v1/shops/connect {"return_to"?}
http::response start_connect(web_context& ctx, shop_services& s, const http::request& req, const caller& who);
// GET /api/v1/sim/authorize?state=
http::response sim_shops(web_context& ctx, shop_services& s, const http::request& req, const caller& who);
// POST /api/v1/sim/authorize {"state","shop_id"}
http::response sim_consent(web_context& ctx, shop_services& s, const http::request& req, const caller& who);
// GET /oauth/tiktok/callback?code=&state= : a 303 to return_to with ?connected=<ids>, or to
// /shops?connect_error=<code> (state_invalid, other_account, declined, platform_error).
http::response oauth_callback(web_context& ctx, shop_services& s, const http::request& req, const caller& who);
// GET /api/v1/shops/{shop_id}/disconnect-preview
http::response disconnect_preview(web_context& ctx, shop_services& s, const http::request& req, const caller& who);
// POST /api/v1/shops/{shop_id}/disconnect {"confirm":"<shop name>"} (owner)
http::response disconnect_shop(web_context& ctx, shop_services& s, const http::request& req, const caller& who);
// POST /api/v1/shops/{shop_id}/sync: 202, synced in the background.
http::response sync_shop(web_context& ctx, shop_services& s, const http::request& req, const caller& who);

}  // namespace kingkung::web::shops
