#include "gateway.hpp"

#include <algorithm>

#include "kingkung/sim/signer.hpp"
#include "query_params.hpp"

namespace kingkung::sim::detail {
namespace {

constexpr std::int64_t timestamp_past_window = 300;
constexpr std::int64_t timestamp_future_window = 30;

std::optional<api_error> check_timestamp(const call& c) {
  auto text = c.req.param("timestamp");
  auto ts = text ? parse_int(*text) : std::nullopt;
  if (!ts || *ts < 0) return err::timestamp_negative;
  if (*ts < c.now - timestamp_past_window) return err::timestamp_too_old;
  if (*ts > c.now + timestamp_future_window) return err::timestamp_in_future;
  return std::nullopt;
}

std::optional<api_error> check_token(call& c) {
  auto token = c.req.header("x-tts-access-token");
  if (!token || token->empty()) return err::invalid_access_token;
  auto& tokens = c.core.state.access_tokens;
  auto it = tokens.find(sha256_hex(*token));
  if (it == tokens.end()) return err::invalid_access_token;
  auto auth = c.core.state.authorizations.find(it->second.authorization_id);
  if (auth == c.core.state.authorizations.end() || auth->second.revoked) return err::invalid_access_token;
  if (c.now >= it->second.expires_at) return err::expired_access_token;
  c.auth = &auth->second;
  return std::nullopt;
}

bool seller_has_shop_id(const call& c, const std::string& shop_id) {
  for (const auto& [key, s] : c.core.state.shops)
    if (s.cfg.id == shop_id && s.cfg.seller == c.auth->seller) return true;
  return false;
}

}  // namespace

std::optional<api_error> check_request(call& c, const route& r, rate_limiter& limiter) {
  const request_view& req = c.req;
  if (req.param("version")) return err::legacy_version_param;
  auto app_key = req.param("app_key");
  if (!app_key || *app_key != c.core.cfg.app_key) return err::invalid_app_key;
  auto sign = req.param("sign");
  if (!sign || sign->empty()) return err::missing_sign;
  bool multipart = req.media_type() == "multipart/form-data";
  std::string expected = api_signature(c.core.cfg.app_secret, req.path(), req.query(), req.body(), multipart);
  if (!constant_time_equal(ascii_lower(*sign), expected)) return err::invalid_sign;
  if (auto e = check_timestamp(c)) return e;
  if (auto e = check_token(c)) return e;

  if (auto shop_id = req.param("shop_id"); shop_id && !seller_has_shop_id(c, *shop_id))
    return err::invalid_shop_id;
  auto cipher = req.param("shop_cipher");
  if (r.cipher == cipher_rule::forbidden) {
    if (cipher) return err::unexpected_shop_cipher;
  } else {
    if (!cipher || cipher->empty()) return err::missing_shop_cipher;
    shop_state* shop = c.core.shop_by_cipher(*cipher);
    if (!shop || shop->cfg.seller != c.auth->seller) return err::token_not_for_shop;
    c.shop = shop;
  }
  if (!r.scope.empty() &&
      std::find(c.auth->scopes.begin(), c.auth->scopes.end(), r.scope) == c.auth->scopes.end())
    return err::missing_scope;

  // JSON calls declare application/json; GET included when it sends a content type at all.
  std::string media = req.media_type();
  bool carries_body = req.method() == "POST" || req.method() == "PUT" || !req.body().empty();
  if ((carries_body || !media.empty()) && media != "application/json") return err::bad_content_type;
  if (!req.body().empty()) {
    auto parsed = parse_json(req.body());
    if (!parsed || !parsed->is_object()) return r.bad_param;
    c.body = std::move(*parsed);
  } else {
    c.body = json::object{};
  }

  if (r.page_max > 0) {
    auto text = req.param("page_size");
    auto size = text ? parse_int(*text) : std::nullopt;
    if (!size || *size < r.page_min || *size > r.page_max) return r.bad_param;
  }

  std::string key =
      c.core.cfg.app_key + "|" + (c.shop ? c.shop->cfg.id : std::string("-")) + "|" + std::string(r.name);
  if (!limiter.admit(key, c.now)) return err::too_many_requests;
  return std::nullopt;
}

}  // namespace kingkung::sim::detail
