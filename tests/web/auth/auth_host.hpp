// The web host's routes over a web_app's runtime, served by a second server whose session guard has
// settings a test chooses (a manual clock, a small throttle) and the security headers kingkung-web sends.
// Its clients are web_test::web_client, whose CSRF token and Origin a test can leave out or change.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "../web_app.hpp"
#include "auth/guard.hpp"
#include "kingkung/auth/password.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/user_repository.hpp"
#include "web_host.hpp"

namespace kingkung::auth_test {

// A clock the test moves by hand (Unix seconds).
struct manual_clock {
  std::shared_ptr<std::atomic<std::int64_t>> now = std::make_shared<std::atomic<std::int64_t>>(1'800'000'000);
  void advance(std::int64_t seconds) { *now += seconds; }
  std::function<std::int64_t()> function() const {
    return [n = now] { return n->load(); };
  }
};

class auth_host {
 public:
  auth_host(web_test::web_app& app, web::session_settings settings) {
    web::web_context context;
    context.runtime = &app.runtime();
    context.services = &app.services();
    context.guard = std::make_shared<web::session_guard>(app.runtime(), std::move(settings));
    web::command_line args;
    args.port = 0;
    args.listen = "127.0.0.1";
    auto options = web::make_server_options(app.runtime().config(), args);
    options.threads = 1;
    server_ = std::make_unique<http::server>(options, web::make_router(std::move(context)));
    port_ = server_->start();
  }
  ~auth_host() { server_->stop(); }
  std::uint16_t port() const { return port_; }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

// Like the UI: keeps the session cookie, sends the CSRF token and the host's Origin, unless told not to
// (send_csrf, origin_override, extra_headers).
using auth_client = web_test::web_client;

inline std::string error_code(const test::http_response& r) {
  return std::string(boost::json::parse(r.body()).at("error").at("code").as_string());
}

inline std::string set_cookie_of(const test::http_response& r) {
  auto it = r.find("Set-Cookie");
  return it == r.end() ? std::string() : std::string(it->value());
}

// A sign-in added straight to the database. The hash uses light parameters so tests stay fast; the
// first sign-in re-hashes it with the current ones.
inline domain::user add_user(app::runtime& runtime, std::int64_t seller_id, std::string email,
                             std::string_view password, domain::role role) {
  domain::user u;
  u.seller_id = seller_id;
  u.email = std::move(email);
  u.user_role = role;
  u.password_hash = auth::hash_password(password, auth::scrypt_params{10, 8, 1});
  auto added = storage::user_repository(runtime.database()).add(u);
  if (!added) throw std::runtime_error(added.err().message);
  return *added;
}

inline std::int64_t demo_seller_id(app::runtime& runtime) {
  auto demo = storage::user_repository(runtime.database()).find_by_email(web_test::demo_email);
  if (!demo || !*demo) throw std::runtime_error("no demo user");
  return (*demo)->seller_id;
}

inline std::int64_t add_seller(app::runtime& runtime, std::string_view name) {
  auto s = storage::seller_repository(runtime.database()).create(name);
  if (!s) throw std::runtime_error(s.err().message);
  return s->id;
}

}  // namespace kingkung::auth_test
