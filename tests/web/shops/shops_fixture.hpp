// Helpers of the shops, catalog, settings and metrics tests: callers of the demo seller and of a second
// seller, requests shaped as the router hands them to a handler, and direct reads of the simulator.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "../web_app.hpp"
#include "auth/guard.hpp"
#include "kingkung/auth/password.hpp"
#include "kingkung/http/message.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/user_repository.hpp"
#include "kingkung/tiktok/products.hpp"
#include "web_context.hpp"

namespace kingkung::web_shops_test {

namespace json = boost::json;

inline web::caller caller_of(const domain::user& u) {
  web::caller c;
  c.user_id = u.id;
  c.seller_id = u.seller_id;
  c.role = u.user_role;
  c.email = u.email;
  c.locale = u.locale;
  return c;
}

// The demo account (an owner of the demo seller).
inline web::caller demo_owner(web_test::web_app& app) {
  auto u = storage::user_repository(app.runtime().database()).find_by_email(web_test::demo_email);
  if (!u || !*u) throw std::runtime_error("no demo user");
  return caller_of(**u);
}

// A user of a new seller that holds no shop.
inline web::caller other_seller(web_test::web_app& app, std::string_view name = "Other Seller") {
  auto& db = app.runtime().database();
  auto seller = storage::seller_repository(db).create(name);
  if (!seller) throw std::runtime_error(seller.err().message);
  domain::user u;
  u.seller_id = seller->id;
  u.email = "owner@" + std::string(name.substr(0, 5)) + ".example";
  for (auto& ch : u.email)
    if (ch == ' ') ch = '-';
  u.password_hash = auth::hash_password("other-seller-password");
  u.user_role = domain::role::owner;
  auto added = storage::user_repository(db).add(u);
  if (!added) throw std::runtime_error(added.err().message);
  return caller_of(*added);
}

// A staff user of the demo seller, with this password.
inline domain::user add_demo_staff(web_test::web_app& app, std::string_view email, std::string_view password) {
  auto owner = demo_owner(app);
  domain::user u;
  u.seller_id = owner.seller_id;
  u.email = std::string(email);
  u.password_hash = auth::hash_password(password);
  u.user_role = domain::role::staff;
  auto added = storage::user_repository(app.runtime().database()).add(u);
  if (!added) throw std::runtime_error(added.err().message);
  return *added;
}

// A request as the router passes it to a handler: query decoded, path parameters filled.
inline http::request make_request(std::string method, std::string target, std::string body = {},
                                  std::map<std::string, std::string, std::less<>> params = {},
                                  std::string remote_address = "127.0.0.1") {
  auto req = http::request::from_target(std::move(method), std::move(target));
  if (!req) throw std::runtime_error("bad target");
  req->path_params = std::move(params);
  if (!body.empty()) req->headers.set("Content-Type", "application/json");
  req->body = std::move(body);
  req->remote_address = std::move(remote_address);
  return std::move(*req);
}

// A JSON value as text: strings as they are, anything else serialised ("null", "3").
inline std::string text(const json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : json::serialize(v);
}

inline json::value body_of(const http::response& r) {
  return json::parse(r.body);
}

// The context the web host's handlers get over the test app.
inline web::web_context context_of(web_test::web_app& app) {
  web::web_context ctx;
  ctx.runtime = &app.runtime();
  ctx.services = &app.services();
  return ctx;
}

// The product as the platform (the simulator) holds it now.
inline domain::product platform_product(web_test::web_app& app, std::string_view shop_id, std::string_view id) {
  auto link = app.services().links().link_for(shop_id);
  if (!link) throw std::runtime_error("no link");
  auto p = tiktok::get_product(*link->api, link->shop, id);
  if (!p) throw std::runtime_error(p.err().to_string());
  return std::move(*p);
}

}  // namespace kingkung::web_shops_test
