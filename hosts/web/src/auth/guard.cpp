#include "auth/guard.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <vector>

#include "auth/request_checks.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/auth/hashing_gate.hpp"
#include "kingkung/auth/password.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/account_repository.hpp"
#include "kingkung/storage/session_repository.hpp"
#include "kingkung/storage/sign_in_attempt_repository.hpp"
#include "kingkung/storage/user_repository.hpp"

namespace kingkung::web {
namespace {

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Checked against when the email is unknown, so an unknown email takes as long as a wrong password.
const std::string& dummy_hash() {
  static const std::string hash = auth::hash_password("no account has this password");
  return hash;
}

std::string encode_next(std::string_view target) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : target) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0x0f];
    }
  }
  return out;
}

http::response no_store(http::response r) {
  if (!r.headers.contains("Cache-Control")) r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace

session_settings session_settings_from(const config::app_config& config) {
  session_settings s;
  s.idle_seconds = std::int64_t{config.web.sessions.idle_minutes} * 60;
  s.absolute_seconds = std::int64_t{config.web.sessions.absolute_hours} * 60 * 60;
  return s;
}

struct session_guard::impl {
  app::runtime& runtime;
  session_settings settings;

  std::int64_t now() const { return settings.clock ? settings.clock() : system_now(); }

  struct lookup_result {
    std::optional<caller> who;
    bool failed = false;      // the database could not be asked
    bool had_cookie = false;  // a cookie was sent but names no live session
  };

  lookup_result lookup(const http::request& req) const {
    lookup_result out;
    auto values = request_checks::cookie_values(req, request_checks::session_cookie_name(req.secure));
    out.had_cookie = !values.empty();
    storage::session_repository sessions(runtime.database());
    for (const auto& value : values) {
      auto found = sessions.find_with_user(value, now(), settings.idle_seconds);
      if (!found) {
        log::error("auth", "reading a session failed: " + found.err().message);
        out.failed = true;
        return out;
      }
      if (!*found) continue;
      const auto& user = (*found)->user;
      caller who;
      who.user_id = user.id;
      who.seller_id = user.seller_id;
      who.role = user.user_role;
      who.email = user.email;
      who.locale = user.locale;
      who.csrf_token = (*found)->session.csrf_token;
      out.who = std::move(who);
      return out;
    }
    return out;
  }

  // The CSRF token and Origin checks of a state-changing request; the refusal, if any.
  std::optional<http::response> csrf_refusal(const http::request& req, const caller& who) const {
    if (!request_checks::is_state_changing(req.method)) return std::nullopt;
    auto token = req.header("X-CSRF-Token");
    if (!token || !request_checks::constant_time_equals(*token, who.csrf_token)) {
      log::warn("auth", "refused " + req.method + " " + req.path + ": missing or wrong CSRF token");
      return no_store(http::response::json_error(
          403, "csrf_failed",
          "the X-CSRF-Token header must carry the token of this session (GET /api/v1/session)"));
    }
    if (!request_checks::same_origin(req, runtime.config().server.public_url)) {
      log::warn("auth", "refused " + req.method + " " + req.path + ": Origin or Referer is not this host");
      return no_store(http::response::json_error(
          403, "csrf_failed", "the request must come from this site (Origin or Referer of this host)"));
    }
    return std::nullopt;
  }
};

session_guard::session_guard(app::runtime& runtime)
    : session_guard(runtime, session_settings_from(runtime.config())) {}

session_guard::session_guard(app::runtime& runtime, session_settings settings)
    : impl_(std::make_shared<impl>(impl{runtime, std::move(settings)})) {}

session_guard::~session_guard() = default;

http::handler session_guard::api(min_role role, caller_handler h) const {
  return [i = impl_, role, h = std::move(h)](const http::request& req) -> http::response {
    auto found = i->lookup(req);
    if (found.failed)
      return no_store(
          http::response::json_error(503, "unavailable", "sessions cannot be read right now; try again"));
    if (!found.who) {
      auto r = no_store(http::response::json_error(401, "unauthenticated", "sign in first"));
      if (found.had_cookie) r.headers.add("Set-Cookie", request_checks::clearing_session_cookie(req.secure));
      return r;
    }
    if (auto refused = i->csrf_refusal(req, *found.who)) return std::move(*refused);
    if (role == min_role::owner && !found.who->owner())
      return no_store(http::response::json_error(403, "forbidden", "only the seller's owner can do this"));
    return no_store(h(req, *found.who));
  };
}

http::handler session_guard::page(min_role role, caller_handler h) const {
  return [i = impl_, role, h = std::move(h)](const http::request& req) -> http::response {
    auto found = i->lookup(req);
    if (found.failed) return http::response::text(503, "Sessions cannot be read right now; try again.\n");
    if (!found.who) {
      auto r = http::response::empty(303);
      r.headers.set("Location", "/signin?next=" + encode_next(req.target));
      if (found.had_cookie) r.headers.add("Set-Cookie", request_checks::clearing_session_cookie(req.secure));
      return r;
    }
    if (auto refused = i->csrf_refusal(req, *found.who)) return std::move(*refused);
    if (role == min_role::owner && !found.who->owner())
      return http::response::text(403, "Only the seller's owner can do this.\n");
    return h(req, *found.who);
  };
}

std::optional<caller> session_guard::identify(const http::request& req) const {
  return impl_->lookup(req).who;
}

plugin::result<sign_in_outcome> session_guard::check_credentials(std::string_view email,
                                                                 std::string_view password,
                                                                 const http::request& req) const {
  auto& db = impl_->runtime.database();
  const auto& policy = impl_->settings.throttle;
  const std::int64_t now = impl_->now();
  const std::int64_t since = now - policy.window_seconds + 1;
  storage::sign_in_attempt_repository attempts(db);

  auto by_email = attempts.count_for_email(email, req.remote_address, since);
  if (!by_email) return std::move(by_email).err();
  auto by_address = attempts.count_for_address(req.remote_address, since);
  if (!by_address) return std::move(by_address).err();
  sign_in_outcome out;
  auto wait_for = [&](const storage::attempt_count& c) {
    return std::max<std::int64_t>(1, c.oldest_at + policy.window_seconds - now);
  };
  if (by_email->failures >= policy.per_email_and_address) out.retry_after_seconds = wait_for(*by_email);
  if (by_address->failures >= policy.per_address)
    out.retry_after_seconds = std::max(out.retry_after_seconds, wait_for(*by_address));
  if (out.retry_after_seconds > 0) {
    out.result = sign_in_outcome::kind::throttled;
    log::warn("auth", "sign-in throttled for a client at " + req.remote_address);
    return out;
  }

  auto user = storage::user_repository(db).find_by_email(email);
  if (!user) return std::move(user).err();
  bool valid = false;
  if (*user) {
    valid = auth::verify_password(password, (*user)->password_hash);
  } else {
    (void)auth::verify_password(password, dummy_hash());
  }
  if (!valid) {
    if (auto recorded = attempts.record_failure(email, req.remote_address, now); !recorded)
      return std::move(recorded).err();
    out.result = sign_in_outcome::kind::invalid_credentials;
    return out;
  }
  if (auto cleared = attempts.clear_email(email); !cleared) return std::move(cleared).err();
  if (auth::needs_rehash((*user)->password_hash)) {
    try {
      auto fresh = auth::hash_password(password);
      if (auto saved = storage::account_repository(db).set_password_hash((*user)->id, fresh); saved)
        (*user)->password_hash = std::move(fresh);
      else
        log::warn("auth", "re-hashing a password with current parameters failed: " + saved.err().message);
    } catch (const auth::hashing_busy&) {
      // The sign-in itself succeeded; the stronger hash waits for a quieter sign-in.
      log::info("auth", "re-hashing a password with current parameters postponed: hashing is busy");
    }
  }
  out.result = sign_in_outcome::kind::signed_in;
  out.user = std::move(**user);
  return out;
}

plugin::result<session_guard::started_session> session_guard::start_session(const domain::user& user,
                                                                            const http::request& req) const {
  storage::session_repository sessions(impl_->runtime.database());
  // Whatever session the browser had ends here; the new one never reuses a presented id.
  for (const auto& old : request_checks::cookie_values(req, request_checks::session_cookie_name(req.secure)))
    if (auto removed = sessions.remove(old); !removed) return std::move(removed).err();
  const std::int64_t now = impl_->now();
  auto created = sessions.create(user.id, now, impl_->settings.absolute_seconds);
  if (!created) return std::move(created).err();
  started_session s;
  s.who.user_id = user.id;
  s.who.seller_id = user.seller_id;
  s.who.role = user.user_role;
  s.who.email = user.email;
  s.who.locale = user.locale;
  s.who.csrf_token = created->row.csrf_token;
  s.set_cookie =
      request_checks::session_cookie(req.secure, created->id.reveal(), impl_->settings.absolute_seconds);
  return s;
}

std::string session_guard::end_session(const http::request& req) const {
  storage::session_repository sessions(impl_->runtime.database());
  for (const auto& value :
       request_checks::cookie_values(req, request_checks::session_cookie_name(req.secure)))
    if (auto removed = sessions.remove(value); !removed)
      log::error("auth", "ending a session failed: " + removed.err().message);
  return request_checks::clearing_session_cookie(req.secure);
}

plugin::result<std::int64_t> session_guard::end_other_sessions(std::int64_t user_id,
                                                               const http::request& req) const {
  auto values = request_checks::cookie_values(req, request_checks::session_cookie_name(req.secure));
  storage::session_repository sessions(impl_->runtime.database());
  // Keep the session this request was authorised by (the first live one among its cookies).
  std::string keep;
  for (const auto& value : values) {
    auto row = sessions.find(value, impl_->now(), impl_->settings.idle_seconds);
    if (row && *row && (*row)->user_id == user_id) {
      keep = value;
      break;
    }
  }
  return sessions.remove_for_user(user_id, keep);
}

std::string session_guard::clearing_cookie(const http::request& req) const {
  return request_checks::clearing_session_cookie(req.secure);
}

bool session_guard::same_origin(const http::request& req) const {
  return request_checks::same_origin(req, impl_->runtime.config().server.public_url);
}

std::int64_t session_guard::now() const {
  return impl_->now();
}

const session_settings& session_guard::settings() const noexcept {
  return impl_->settings;
}

app::runtime& session_guard::runtime() const noexcept {
  return impl_->runtime;
}

}  // namespace kingkung::web
