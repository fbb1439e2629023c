#include "api/shops/shop_handlers.hpp"

#include <ctime>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "api/api_io.hpp"
#include "api/shops/shop_json.hpp"
#include "api/shops/sync_now.hpp"
#include "kingkung/app/platform_services.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/connect/connect_service.hpp"
#include "kingkung/connect/notices.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/privacy/disconnect.hpp"
#include "kingkung/storage/oauth_state_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"

namespace kingkung::web::shops {
namespace {

namespace json = boost::json;

constexpr std::string_view app_name = "KingKung Seller Center";

std::string param(const http::request& req, std::string_view name) {
  auto v = req.path_param(name);
  return v ? std::string(*v) : std::string();
}

// "https://host/sim/authorize?state=x" -> "/sim/authorize?state=x" when it is this host's own URL.
std::string local_path(const std::string& url, std::string_view public_url) {
  while (!public_url.empty() && public_url.back() == '/') public_url.remove_suffix(1);
  if (!public_url.empty() && url.size() > public_url.size() && url.compare(0, public_url.size(), public_url) == 0 &&
      url[public_url.size()] == '/')
    return url.substr(public_url.size());
  return url;
}

std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

http::response redirect(std::string location) {
  auto r = http::response::empty(303);
  r.headers.set("Location", std::move(location));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

http::response no_services() {
  return unavailable("connecting and syncing shops needs the platform services, which this process does not run");
}

// The pending state of this seller's connect, or the 400 that says it is gone.
std::variant<storage::oauth_state_row, http::response> pending_state(web_context& ctx, const caller& who,
                                                                     std::string_view state) {
  auto gone = bad_request("invalid_state",
                          "this authorisation request is unknown, used or expired; start connecting the shop again",
                          "state");
  if (state.empty() || state.size() > 128) return gone;
  auto row = storage::oauth_state_repository(ctx.runtime->database()).find(connect::hash_state(state));
  if (!row) return error_answer(row.err());
  if (!*row || (*row)->seller_id != who.seller_id || (*row)->expires_at < static_cast<std::int64_t>(std::time(nullptr)))
    return gone;
  return std::move(**row);
}

std::optional<sync::shop_health> health_of(web_context& ctx, const domain::shop& shop) {
  if (ctx.services == nullptr) return std::nullopt;
  auto h = ctx.services->sync().health(shop.id);
  if (!h) return std::nullopt;
  return std::move(*h);
}

std::vector<connect::shop_notice> notices_of(web_context& ctx, std::int64_t seller_id) {
  auto list = connect::notices(ctx.runtime->database(), ctx.runtime->vault()).for_seller(seller_id);
  if (!list) {
    log::warn("shops", "reading notices: " + list.err().message);
    return {};
  }
  return std::move(*list);
}

unsigned retention(web_context& ctx) {
  return ctx.runtime->config().privacy.retention_days;
}

// The simulator's shops as its control API lists them: [{id, name, region}].
std::variant<json::array, http::response> simulator_shops(web_context& ctx) {
  auto transport = ctx.services->links().transport(connect::simulator_transport);
  if (!transport) return error_answer(transport.err());
  plugin::http_request request;
  request.method = "GET";
  request.target = "/__sim/summary";
  auto sent = (*transport)->send(request);
  if (!sent) return error_answer(sent.err());
  boost::system::error_code ec;
  auto envelope = json::parse(sent->body, ec);
  const json::object* data = nullptr;
  if (!ec && envelope.is_object())
    if (const auto* d = envelope.as_object().if_contains("data"); d && d->is_object()) data = &d->as_object();
  const json::value* shops = data ? data->if_contains("shops") : nullptr;
  if (shops == nullptr || !shops->is_array())
    return error_answer(plugin::make_error(plugin::errc::internal, "the simulator's shop list could not be read"));
  json::array out;
  for (const auto& s : shops->as_array()) {
    if (!s.is_object()) continue;
    const auto& o = s.as_object();
    auto text = [&](std::string_view key) {
      const auto* v = o.if_contains(key);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    out.push_back(json::object{{"id", text("id")}, {"name", text("name")}, {"region", text("region")}});
  }
  return out;
}

std::string callback_error_code(plugin::errc code) {
  switch (code) {
    case plugin::errc::unauthenticated: return "state_invalid";
    case plugin::errc::permission_denied: return "other_account";
    case plugin::errc::invalid_argument: return "declined";
    default: return "platform_error";
  }
}

}  // namespace

std::shared_ptr<shop_services> make_shop_services(web_context& ctx) {
  auto s = std::make_shared<shop_services>();
  if (ctx.services == nullptr) return s;
  s->connect = std::make_shared<connect::connect_service>(ctx.runtime->config(), ctx.runtime->database(),
                                                          ctx.runtime->vault(), ctx.services->links());
  s->syncer = std::make_shared<sync_now>(ctx.runtime->database(), *ctx.services);
  std::weak_ptr<sync_now> weak = s->syncer;
  ctx.runtime->on_stop("web sync now", [weak] {
    if (auto syncer = weak.lock()) syncer->stop();
  });
  return s;
}

http::response list_shops(web_context& ctx, shop_services&, const http::request&, const caller& who) {
  auto shops = storage::shop_repository(ctx.runtime->database(), ctx.runtime->vault()).list_by_seller(who.seller_id);
  if (!shops) return error_answer(shops.err());
  const auto notices = notices_of(ctx, who.seller_id);
  json::array out;
  for (const auto& shop : *shops) out.push_back(shop_json(shop, health_of(ctx, shop), notices, retention(ctx)));
  return json_answer(json::object{{"shops", std::move(out)}});
}

http::response start_connect(web_context& ctx, shop_services& s, const http::request& req, const caller& who) {
  if (!s.connect) return no_services();
  std::string return_to = "/shops";
  if (!req.body.empty()) {
    auto body = read_json_object(req);
    if (auto* answer = std::get_if<http::response>(&body)) return std::move(*answer);
    std::optional<http::response> error;
    if (auto given = string_field(std::get<json::object>(body), "return_to", error)) return_to = *given;
    if (error) return std::move(*error);
  }
  if (return_to.empty() || return_to.front() != '/' || (return_to.size() > 1 && return_to[1] == '/') ||
      return_to.find('\\') != std::string::npos)
    return bad_request("invalid_field", "return_to must be a path of this site, like /shops", "return_to");
  auto started = s.connect->begin(who.seller_id, who.user_id, return_to);
  if (!started) return error_answer(started.err(), "return_to");
  std::string url = started->simulator ? local_path(started->url, ctx.runtime->config().server.public_url)
                                       : started->url;
  return json_answer(json::object{{"authorize_url", url}, {"simulator", started->simulator}});
}

http::response sim_shops(web_context& ctx, shop_services& s, const http::request& req, const caller& who) {
  if (!s.connect) return no_services();
  auto state = pending_state(ctx, who, req.query_param("state").value_or(""));
  if (auto* answer = std::get_if<http::response>(&state)) return std::move(*answer);
  auto listed = simulator_shops(ctx);
  if (auto* answer = std::get_if<http::response>(&listed)) return std::move(*answer);
  storage::shop_repository repo(ctx.runtime->database(), ctx.runtime->vault());
  json::array shops;
  for (auto& v : std::get<json::array>(listed)) {
    auto& o = v.as_object();
    auto stored = repo.get(o["id"].as_string());
    bool connected = stored && *stored && (*stored)->seller_id == who.seller_id &&
                     (*stored)->state == domain::shop_state::connected;
    o["connected"] = connected;
    shops.push_back(std::move(o));
  }
  return json_answer(json::object{{"shops", std::move(shops)}, {"app_name", app_name}});
}

http::response sim_consent(web_context& ctx, shop_services& s, const http::request& req, const caller& who) {
  if (!s.connect) return no_services();
  auto body = read_json_object(req);
  if (auto* answer = std::get_if<http::response>(&body)) return std::move(*answer);
  std::optional<http::response> error;
  auto state_text = string_field(std::get<json::object>(body), "state", error);
  auto shop_id = string_field(std::get<json::object>(body), "shop_id", error);
  if (error) return std::move(*error);
  if (!shop_id || shop_id->empty()) return bad_request("invalid_field", "choose a shop to authorise", "shop_id");
  auto state = pending_state(ctx, who, state_text.value_or(""));
  if (auto* answer = std::get_if<http::response>(&state)) return std::move(*answer);
  auto url = s.connect->simulator_consent(*state_text, *shop_id);
  if (!url) return error_answer(url.err(), "shop_id");
  return json_answer(json::object{{"redirect", local_path(*url, ctx.runtime->config().server.public_url)}});
}

http::response oauth_callback(web_context&, shop_services& s, const http::request& req, const caller& who) {
  if (!s.connect) return redirect("/shops?connect_error=unavailable");
  auto code = req.query_param("code").value_or("");
  auto state = req.query_param("state").value_or("");
  auto done = s.connect->complete(who.seller_id, who.user_id, state, code, req.remote_address);
  if (!done) {
    log::info("shops", "connect callback refused: " + done.err().message);
    return redirect("/shops?connect_error=" + callback_error_code(done.err().code));
  }
  std::string ids;
  for (const auto& shop : done->shops) {
    ids += (ids.empty() ? "" : ",") + shop.id;
    if (s.syncer) s.syncer->request(shop.id);  // the first backfill starts at once
  }
  std::string to = done->return_to.empty() ? "/shops" : done->return_to;
  to += (to.find('?') == std::string::npos ? "?" : "&") + std::string("connected=") + percent_encode(ids);
  return redirect(std::move(to));
}

http::response disconnect_preview(web_context& ctx, shop_services&, const http::request& req, const caller& who) {
  auto shop = owned_shop(ctx, who, param(req, "shop_id"));
  if (!shop) return not_found("the shop");
  const bool already = shop->state == domain::shop_state::disconnected;
  const std::int64_t from = already ? shop->disconnected_at : static_cast<std::int64_t>(std::time(nullptr));
  json::array deletes{"tokens",   "orders",   "buyer_details",  "products",  "packages",
                      "invoices", "webhook_events", "sync_state", "module_state"};
  return json_answer(json::object{{"shop_id", shop->id},
                                  {"shop_name", shop->name},
                                  {"state", storage::to_string(shop->state)},
                                  {"deletes", std::move(deletes)},
                                  {"kept", json::array{"audit_log", "api_call_log"}},
                                  {"tokens_deleted", "now"},
                                  {"data_deleted_at", data_deletion_time(from, retention(ctx))},
                                  {"retention_days", retention(ctx)}});
}

http::response disconnect_shop(web_context& ctx, shop_services&, const http::request& req, const caller& who) {
  auto shop = owned_shop(ctx, who, param(req, "shop_id"));
  if (!shop) return not_found("the shop");
  auto body = read_json_object(req);
  if (auto* answer = std::get_if<http::response>(&body)) return std::move(*answer);
  std::optional<http::response> error;
  auto confirm = string_field(std::get<json::object>(body), "confirm", error);
  if (error) return std::move(*error);
  if (!confirm || *confirm != shop->name)
    return bad_request("confirmation_mismatch", "type the shop's name, " + shop->name + ", to confirm", "confirm");
  privacy::actor actor{who.user_id, who.email, req.remote_address};
  auto done = privacy::disconnect(ctx.runtime->database(), shop->id, actor);
  if (!done) return error_answer(done.err());
  auto stored = owned_shop(ctx, who, shop->id);
  if (!stored) return not_found("the shop");
  return json_answer(
      json::object{{"shop", shop_json(*stored, health_of(ctx, *stored), notices_of(ctx, who.seller_id), retention(ctx))}});
}

http::response sync_shop(web_context& ctx, shop_services& s, const http::request& req, const caller& who) {
  auto shop = owned_shop(ctx, who, param(req, "shop_id"));
  if (!shop) return not_found("the shop");
  if (!s.syncer) return no_services();
  if (shop->state != domain::shop_state::connected)
    return http::response::json_error(409, "shop_not_connected",
                                      "shop " + shop->name + " is " + std::string(storage::to_string(shop->state)) +
                                          "; connect it again before syncing");
  if (!s.syncer->request(shop->id)) return unavailable("the server is stopping");
  return json_answer(json::object{{"shop_id", shop->id}, {"queued", true}}, 202);
}

}  // namespace kingkung::web::shops
