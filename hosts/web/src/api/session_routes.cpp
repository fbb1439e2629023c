// /api/v1/session (sign in, who am I, sign out), /api/v1/account (locale, password) and /api/v1/users
// (the owner manages the seller's sign-ins).
#include <boost/json/array.hpp>

#include <charconv>

#include "api/api_io.hpp"
#include "api/routes.hpp"
#include "auth/guard.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/auth/password.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/account_repository.hpp"
#include "kingkung/storage/audit_repository.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/user_repository.hpp"

namespace kingkung::web {
namespace {

namespace json = boost::json;

constexpr std::size_t min_password = 8;
constexpr std::size_t max_password = 256;

bool known_locale(std::string_view l) {
  return l == "en" || l == "es" || l == "pt";
}

std::string password_problem(std::string_view password) {
  if (password.size() < min_password || password.size() > max_password)
    return "the password must be " + std::to_string(min_password) + " to " + std::to_string(max_password) +
           " characters long";
  return {};
}

json::object user_json(const domain::user& u) {
  return json::object{{"id", std::to_string(u.id)},
                      {"email", u.email},
                      {"role", storage::to_string(u.user_role)},
                      {"locale", u.locale},
                      {"created_at", u.created_at}};
}

void audit(web_context& ctx, std::int64_t seller_id, std::int64_t user_id, std::string action,
           std::string target, std::string detail = {}) {
  storage::audit_entry e;
  e.seller_id = seller_id;
  e.user_id = user_id;
  e.action = std::move(action);
  e.target = std::move(target);
  e.detail = std::move(detail);
  if (auto r = storage::audit_repository(ctx.runtime->database()).append(e); !r)
    log::error("auth", "writing the audit log failed: " + r.err().message);
}

// {"user":{...,"seller_id","seller_name"},"csrf_token"} for the signed-in caller.
http::response session_answer(web_context& ctx, const caller& who, std::string_view set_cookie = {}) {
  auto seller = storage::seller_repository(ctx.runtime->database()).get(who.seller_id);
  if (!seller) return error_answer(seller.err());
  json::object user{{"id", std::to_string(who.user_id)},
                    {"email", who.email},
                    {"role", storage::to_string(who.role)},
                    {"locale", who.locale},
                    {"seller_id", std::to_string(who.seller_id)},
                    {"seller_name", *seller ? (*seller)->name : std::string()}};
  auto r = json_answer(json::object{{"user", std::move(user)}, {"csrf_token", who.csrf_token}});
  if (!set_cookie.empty()) r.headers.add("Set-Cookie", std::string(set_cookie));
  return r;
}

std::optional<http::response> require(const std::optional<std::string>& value, std::string_view name) {
  if (value && !value->empty()) return std::nullopt;
  return bad_request("missing_field", std::string(name) + " is required", name);
}

http::response sign_in(web_context& ctx, const http::request& req) {
  const auto& guard = *ctx.guard;
  if (!guard.same_origin(req))
    return api_error(403, "csrf_failed",
                     "the request must come from this site (Origin or Referer of this host)");
  auto body = read_json_object(req);
  if (auto* refused = std::get_if<http::response>(&body)) return std::move(*refused);
  const auto& o = std::get<json::object>(body);
  std::optional<http::response> error;
  auto email = string_field(o, "email", error);
  auto password = string_field(o, "password", error);
  if (error) return std::move(*error);
  if (auto missing = require(email, "email")) return std::move(*missing);
  if (auto missing = require(password, "password")) return std::move(*missing);
  if (email->size() > 254 || password->size() > max_password)
    return api_error(401, "invalid_credentials", "the email or password is not correct");

  auto outcome = guard.check_credentials(*email, *password, req);
  if (!outcome) {
    log::error("auth", "sign-in failed: " + outcome.err().message);
    return unavailable("signing in is not possible right now; try again in a moment");
  }
  switch (outcome->result) {
    case sign_in_outcome::kind::throttled: {
      auto r = api_error(429, "too_many_attempts",
                         "too many failed sign-ins; try again in " +
                             std::to_string(outcome->retry_after_seconds) + " seconds");
      r.headers.set("Retry-After", std::to_string(outcome->retry_after_seconds));
      return r;
    }
    case sign_in_outcome::kind::invalid_credentials:
      return api_error(401, "invalid_credentials", "the email or password is not correct");
    case sign_in_outcome::kind::signed_in:
      break;
  }
  auto started = guard.start_session(*outcome->user, req);
  if (!started) {
    log::error("auth", "starting a session failed: " + started.err().message);
    return unavailable("signing in is not possible right now; try again in a moment");
  }
  audit(ctx, started->who.seller_id, started->who.user_id, "session.sign_in", started->who.email,
        "from " + req.remote_address);
  return session_answer(ctx, started->who, started->set_cookie);
}

http::response update_account(web_context& ctx, const http::request& req, const caller& who) {
  auto body = read_json_object(req);
  if (auto* refused = std::get_if<http::response>(&body)) return std::move(*refused);
  const auto& o = std::get<json::object>(body);
  std::optional<http::response> error;
  auto locale = string_field(o, "locale", error);
  auto current = string_field(o, "current_password", error);
  auto fresh = string_field(o, "new_password", error);
  if (error) return std::move(*error);
  if (locale && !known_locale(*locale))
    return bad_request("invalid_field", "locale must be en, es or pt", "locale");

  auto& db = ctx.runtime->database();
  auto user = storage::user_repository(db).get(who.user_id);
  if (!user) return error_answer(user.err());
  if (!*user) return api_error(401, "unauthenticated", "sign in first");
  if (fresh) {
    if (auto p = password_problem(*fresh); !p.empty()) return bad_request("invalid_field", p, "new_password");
    if (!current || current->empty())
      return bad_request("missing_field", "current_password is required to set a new password",
                         "current_password");
    if (current->size() > max_password || !auth::verify_password(*current, (*user)->password_hash))
      return bad_request("wrong_password", "the current password is not correct", "current_password");
  }

  storage::account_repository accounts(db);
  if (fresh) {
    auto hash = auth::hash_password(*fresh);
    if (auto saved = accounts.set_password_hash(who.user_id, hash); !saved) return error_answer(saved.err());
    (*user)->password_hash = std::move(hash);
    if (auto ended = ctx.guard->end_other_sessions(who.user_id, req); !ended)
      log::error("auth", "ending the other sessions after a password change failed: " + ended.err().message);
    audit(ctx, who.seller_id, who.user_id, "user.password_change", who.email);
  }
  if (locale && *locale != (*user)->locale) {
    if (auto saved = accounts.set_locale(who.user_id, *locale); !saved) return error_answer(saved.err());
    (*user)->locale = *locale;
  }
  caller updated = who;
  updated.locale = (*user)->locale;
  return session_answer(ctx, updated);
}

http::response list_users(web_context& ctx, const caller& who) {
  auto users = storage::user_repository(ctx.runtime->database()).list_by_seller(who.seller_id);
  if (!users) return error_answer(users.err());
  json::array out;
  for (const auto& u : *users) out.push_back(user_json(u));
  return json_answer(json::object{{"users", std::move(out)}});
}

http::response add_user(web_context& ctx, const http::request& req, const caller& who) {
  auto body = read_json_object(req);
  if (auto* refused = std::get_if<http::response>(&body)) return std::move(*refused);
  const auto& o = std::get<json::object>(body);
  std::optional<http::response> error;
  auto email = string_field(o, "email", error);
  auto password = string_field(o, "password", error);
  auto role = string_field(o, "role", error);
  auto locale = string_field(o, "locale", error);
  if (error) return std::move(*error);
  if (auto missing = require(email, "email")) return std::move(*missing);
  if (auto missing = require(password, "password")) return std::move(*missing);
  if (auto missing = require(role, "role")) return std::move(*missing);
  auto parsed_role = storage::parse_role(*role);
  if (!parsed_role) return bad_request("invalid_field", "role must be owner or staff", "role");
  if (auto p = password_problem(*password); !p.empty()) return bad_request("invalid_field", p, "password");
  if (locale && !known_locale(*locale))
    return bad_request("invalid_field", "locale must be en, es or pt", "locale");

  // Checked before hashing, which is deliberately slow.
  if (email->find('@') == std::string::npos || email->find_first_of(" \t\r\n") != std::string::npos)
    return bad_request("invalid_field", "email must be an address such as name@example.com", "email");
  auto& db = ctx.runtime->database();
  auto taken = storage::user_repository(db).find_by_email(*email);
  if (!taken) return error_answer(taken.err());
  if (*taken) return api_error(409, "email_taken", "a user with this email already exists", "email");

  domain::user u;
  u.seller_id = who.seller_id;
  u.email = *email;
  u.user_role = *parsed_role;
  u.locale = locale ? *locale : std::string("en");
  u.password_hash = auth::hash_password(*password);
  auto added = storage::user_repository(db).add(std::move(u));
  if (!added) {
    if (added.err().code == plugin::errc::failed_precondition)
      return api_error(409, "email_taken", "a user with this email already exists", "email");
    if (added.err().code == plugin::errc::invalid_argument)
      return bad_request("invalid_field", "email must be an address such as name@example.com", "email");
    return error_answer(added.err());
  }
  audit(ctx, who.seller_id, who.user_id, "user.add", added->email,
        "role " + std::string(storage::to_string(added->user_role)));
  return json_answer(json::object{{"user", user_json(*added)}}, 201);
}

http::response remove_user(web_context& ctx, const http::request& req, const caller& who) {
  auto text = req.path_param("id").value_or("");
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return not_found("the user");
  if (id == who.user_id) return api_error(409, "cannot_remove_self", "you cannot remove your own sign-in");
  auto& db = ctx.runtime->database();
  auto user = storage::user_repository(db).get(id);
  if (!user) return error_answer(user.err());
  if (!*user || (*user)->seller_id != who.seller_id) return not_found("the user");
  auto removed = storage::account_repository(db).remove(who.seller_id, id);
  if (!removed) return error_answer(removed.err());
  if (!*removed) return not_found("the user");
  audit(ctx, who.seller_id, who.user_id, "user.remove", (*user)->email);
  auto r = http::response::empty(204);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_session_routes(http::router& r, const std::shared_ptr<web_context>& ctx) {
  const auto& guard = *ctx->guard;
  r.post("/api/v1/session", [ctx](const http::request& req) {
    auto answer = sign_in(*ctx, req);
    if (!answer.headers.contains("Cache-Control")) answer.headers.set("Cache-Control", "no-store");
    return answer;
  });
  r.get("/api/v1/session", guard.api(min_role::staff, [ctx](const http::request&, const caller& who) {
    return session_answer(*ctx, who);
  }));
  r.del("/api/v1/session", guard.api(min_role::staff, [ctx](const http::request& req, const caller& who) {
    auto clear = ctx->guard->end_session(req);
    audit(*ctx, who.seller_id, who.user_id, "session.sign_out", who.email);
    auto answer = http::response::empty(204);
    answer.headers.add("Set-Cookie", clear);
    return answer;
  }));
  r.patch("/api/v1/account", guard.api(min_role::staff, [ctx](const http::request& req, const caller& who) {
    return update_account(*ctx, req, who);
  }));
  r.get("/api/v1/users", guard.api(min_role::owner, [ctx](const http::request&, const caller& who) {
    return list_users(*ctx, who);
  }));
  r.post("/api/v1/users", guard.api(min_role::owner, [ctx](const http::request& req, const caller& who) {
    return add_user(*ctx, req, who);
  }));
  r.del("/api/v1/users/{id}", guard.api(min_role::owner, [ctx](const http::request& req, const caller& who) {
    return remove_user(*ctx, req, who);
  }));
}

}  // namespace kingkung::web
