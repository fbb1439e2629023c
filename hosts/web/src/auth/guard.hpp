// Who is calling, and the checks every signed-in route goes through.
//
// A session is a server-side row (storage::session_repository) named by a cookie that holds at least 128
// random bits: "kk_session" over plain HTTP, "__Host-kk_session" with Secure under TLS; always HttpOnly,
// SameSite=Lax, Path=/. It ends after the [web.sessions] idle and absolute limits and at sign-out; sign-in
// always issues a new id (no fixation). Ended sessions and old failed sign-ins are deleted by the hourly
// clean-up of the platform services (app::platform_services), not on the request path.
//
// api(): the JSON API. No valid session: 401 {"error":{"code":"unauthenticated",...}}. A role below the
// route's: 403 "forbidden". A state-changing method (POST, PUT, PATCH, DELETE) also needs the session's
// CSRF token in the X-CSRF-Token header and an Origin (else Referer) equal to the host's own origin:
// 403 "csrf_failed" otherwise, and the handler does not run.
// page(): a browser navigation (the OAuth callback): no session is a 303 to /signin?next=<path>.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kingkung/domain/shop.hpp"
#include "kingkung/http/message.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::app {
class runtime;
}
namespace kingkung::config {
struct app_config;
}

namespace kingkung::web {

struct caller {
  std::int64_t user_id = 0;
  std::int64_t seller_id = 0;
  domain::role role = domain::role::staff;
  std::string email;
  std::string locale;      // "en" | "es" | "pt"
  std::string csrf_token;  // the session's; the UI sends it back in X-CSRF-Token
  bool owner() const noexcept { return role == domain::role::owner; }
};

enum class min_role { staff, owner };

using caller_handler = std::function<http::response(const http::request&, const caller&)>;

// Failed sign-ins allowed within the window before further attempts are refused with 429.
struct throttle_policy {
  std::int64_t per_email_and_address = 5;
  std::int64_t per_address = 20;
  std::int64_t window_seconds = 15 * 60;
};

struct session_settings {
  std::int64_t idle_seconds = 30 * 60;
  std::int64_t absolute_seconds = 12 * 60 * 60;
  throttle_policy throttle;
  // Unix seconds; empty: the system clock. Tests pass a manual clock.
  std::function<std::int64_t()> clock;
};

// The limits of [web.sessions] (idle_minutes, absolute_hours), the default throttle and the system clock.
session_settings session_settings_from(const config::app_config& config);

// What a sign-in attempt came to.
struct sign_in_outcome {
  enum class kind { signed_in, invalid_credentials, throttled };
  kind result = kind::invalid_credentials;
  std::optional<domain::user> user;      // when signed_in
  std::int64_t retry_after_seconds = 0;  // when throttled
};

class session_guard {
 public:
  // With session_settings_from(runtime.config()).
  explicit session_guard(app::runtime& runtime);
  session_guard(app::runtime& runtime, session_settings settings);
  ~session_guard();
  session_guard(const session_guard&) = delete;
  session_guard& operator=(const session_guard&) = delete;

  http::handler api(min_role role, caller_handler h) const;
  http::handler page(min_role role, caller_handler h) const;
  // The signed-in user behind the request's session cookie, if any (no CSRF check).
  std::optional<caller> identify(const http::request& req) const;

  // Checks the email and password (throttled per email and client address; an unknown email costs the
  // same as a wrong password). Re-hashes a password stored with weaker parameters. Throws
  // auth::hashing_busy when the password cannot be checked because too many are being hashed at once
  // (the router answers 503 with Retry-After).
  plugin::result<sign_in_outcome> check_credentials(std::string_view email, std::string_view password,
                                                    const http::request& req) const;
  struct started_session {
    caller who;
    std::string set_cookie;  // the Set-Cookie value carrying the new session id
  };
  // Ends the session the request carries (if any) and starts a new one, with a new id, for `user`.
  plugin::result<started_session> start_session(const domain::user& user, const http::request& req) const;
  // Ends the request's session, if any; returns the Set-Cookie value that clears the cookie.
  std::string end_session(const http::request& req) const;
  // Ends every other session of the user (after a password change); the count ended.
  plugin::result<std::int64_t> end_other_sessions(std::int64_t user_id, const http::request& req) const;
  // The Set-Cookie value that clears the session cookie.
  std::string clearing_cookie(const http::request& req) const;
  // Whether the request's Origin (else Referer) is this host's own origin.
  bool same_origin(const http::request& req) const;

  std::int64_t now() const;
  const session_settings& settings() const noexcept;
  app::runtime& runtime() const noexcept;

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace kingkung::web
