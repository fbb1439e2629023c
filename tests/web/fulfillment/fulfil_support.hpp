// What the fulfilment web tests share: simulator control calls through the host's own tiktok-sim
// transport, fresh orders stored in the host, reading orders back from the platform, Ship Package calls
// seen by the simulator, a second seller, and waiting for a bulk job.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "../web_app.hpp"
#include "kingkung/auth/password.hpp"
#include "kingkung/markets/order_view.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/user_repository.hpp"
#include "kingkung/tiktok/orders.hpp"

namespace kingkung::fulfil_test {

namespace json = boost::json;
using web_test::web_app;
using web_test::web_client;

// A /__sim/ control call that must succeed; returns its `data`.
inline json::value sim(web_app& app, const std::string& method, const std::string& target,
                       const json::value& body = nullptr) {
  auto transport = app.services().links().transport("tiktok-sim");
  if (!transport) throw std::runtime_error("no tiktok-sim transport: " + transport.err().message);
  plugin::http_request r;
  r.method = method;
  r.host = plugin::host_kind::api;
  r.target = target;
  if (!body.is_null()) {
    r.body = json::serialize(body);
    r.headers.push_back({"content-type", "application/json"});
  }
  auto answer = (*transport)->send(r);
  if (!answer) throw std::runtime_error("sim " + target + ": " + answer.err().message);
  auto envelope = json::parse(answer->body).as_object();
  if (envelope.at("code").to_number<std::int64_t>() != 0)
    throw std::runtime_error("sim " + target + ": " + json::serialize(envelope));
  return envelope.at("data");
}

inline sync::shop_link link_of(web_app& app, std::string_view shop_id) {
  auto link = app.services().links().link_for(shop_id);
  if (!link) throw std::runtime_error("no link for shop " + std::string(shop_id));
  return *link;
}

// New orders placed on the simulator now, then read into the host's storage with their packages, and
// the shop's market modules told, as the order webhook does.
inline std::vector<std::string> new_orders(web_app& app, std::string_view shop_id, int count,
                                           const std::string& scenario = "single") {
  auto data = sim(app, "POST", "/__sim/orders",
                  json::object{{"shop", shop_id}, {"count", count}, {"scenario", scenario}});
  std::vector<std::string> ids;
  for (const auto& id : data.at("order_ids").as_array()) ids.emplace_back(id.as_string());
  auto link = link_of(app, shop_id);
  auto refreshed = app.services().sync().refresh_orders(link, ids);
  if (!refreshed.ok) throw std::runtime_error("refresh: " + refreshed.error);
  app.services().sync().sync_packages(link);
  auto shop = storage::shop_repository(app.runtime().database(), app.runtime().vault()).get(shop_id);
  if (!shop || !*shop) throw std::runtime_error("no shop " + std::string(shop_id));
  for (const auto& id : ids) {
    auto stored = storage::order_repository(app.runtime().database()).get(shop_id, id);
    if (!stored || !*stored) throw std::runtime_error("order " + id + " was not stored");
    app.services().markets().order_changed(**shop, markets::to_order_view(**stored, **shop),
                                           markets::platform_link{*link.api, link.shop});
  }
  return ids;
}

// The order as the platform has it now.
inline domain::order platform_order(web_app& app, std::string_view shop_id, const std::string& order_id) {
  auto link = link_of(app, shop_id);
  auto orders = tiktok::get_order_detail(*link.api, link.shop, {order_id});
  if (!orders || orders->empty())
    throw std::runtime_error("order " + order_id + " not read from the platform");
  return orders->front();
}

// Ship Package calls (one or batch) the simulator answered for the shop.
inline std::size_t ship_calls(web_app& app, std::string_view shop_id) {
  auto data = sim(
      app, "GET",
      "/__sim/calls?shop=" + std::string(shop_id) + "&path_prefix=/fulfillment/202309/packages/&limit=10000");
  std::size_t n = 0;
  for (const auto& c : data.at("calls").as_array()) {
    std::string path(c.at("path").as_string());
    if (c.at("method").as_string() == "POST" && path.size() > 5 && path.substr(path.size() - 5) == "/ship")
      ++n;
  }
  return n;
}

// A signed-in client of a second seller that holds no shop.
inline web_client other_seller(web_app& app, const std::string& email) {
  auto& db = app.runtime().database();
  auto seller = storage::seller_repository(db).create("Seller " + email);
  if (!seller) throw std::runtime_error(seller.err().message);
  domain::user u;
  u.seller_id = seller->id;
  u.email = email;
  u.password_hash = auth::hash_password("another-sellers-password");
  u.user_role = domain::role::owner;
  if (auto added = storage::user_repository(db).add(u); !added) throw std::runtime_error(added.err().message);
  web_client c(app);
  auto r = c.sign_in(email, "another-sellers-password");
  if (r.result_int() != 200) throw std::runtime_error("other seller sign-in: " + r.body());
  return c;
}

inline web_client signed_in(web_app& app) {
  web_client c(app);
  auto r = c.sign_in();
  if (r.result_int() != 200)
    throw std::runtime_error("demo sign-in answered " + std::to_string(r.result_int()));
  return c;
}

// Polls GET /api/v1/jobs/{id} until the job leaves "running" (at most `polls` times).
inline json::object wait_for_job(web_client& c, const std::string& id, int polls = 600) {
  json::object job;
  for (int i = 0; i < polls; ++i) {
    auto r = c.get("/api/v1/jobs/" + id);
    if (r.result_int() != 200) throw std::runtime_error("GET job answered " + std::to_string(r.result_int()));
    job = web_client::json(r).at("job").as_object();
    if (job.at("state") != "running") return job;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return job;
}

inline std::string order_path(std::string_view shop_id, const std::string& order_id) {
  return "/api/v1/orders/" + std::string(shop_id) + "/" + order_id;
}

}  // namespace kingkung::fulfil_test
