// The token host: Get Access Token and Refresh Token (docs/tiktok-shop-api.md, section 2).
#include <openssl/rand.h>

#include "handlers.hpp"
#include "kingkung/sim/signer.hpp"
#include "nfe.hpp"

namespace kingkung::sim::detail {
namespace {

constexpr std::int64_t auth_code_lifetime = 30 * 60;
constexpr std::int64_t access_lifetime = 7 * 24 * 3600;
constexpr std::int64_t authorization_lifetime = 365 * 24 * 3600;

std::string random_token() {
  unsigned char bytes[48];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
  std::string b64 = base64_encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
  for (auto& ch : b64) ch = ch == '+' ? '-' : ch == '/' ? '_' : ch;
  return "TTP_" + b64;
}

reply issue(call& c, authorization& a) {
  std::string access = random_token();
  std::string refresh = random_token();
  if (access.empty() || refresh.empty()) return reply::fail(err::internal);
  std::int64_t access_expiry = std::min(c.now + access_lifetime, a.expires_at);
  c.core.state.access_tokens[sha256_hex(access)] = {a.id, access_expiry};
  c.core.state.refresh_tokens[sha256_hex(refresh)] = {a.id, a.expires_at};
  c.changed = true;
  reply r = reply::ok(json::object{{"access_token", access},
                                   {"access_token_expire_in", access_expiry},
                                   {"refresh_token", refresh},
                                   {"refresh_token_expire_in", a.expires_at},
                                   {"open_id", a.open_id},
                                   {"seller_name", a.seller_name},
                                   {"seller_base_region", a.base_region},
                                   {"user_type", 0},
                                   {"granted_scopes", to_json_array(a.scopes)}});
  r.message = "success";
  return r;
}

// The checks both token endpoints share: method, app_key, app_secret, grant_type.
std::optional<api_error> check_app(const call& c, std::string_view grant_type) {
  if (c.req.method() != "GET") return err::invalid_method;
  auto key = c.req.param("app_key");
  if (!key || *key != c.core.cfg.app_key) return err::invalid_app_key;
  auto secret = c.req.param("app_secret");
  if (!secret || !constant_time_equal(*secret, c.core.cfg.app_secret)) return err::invalid_app_secret;
  auto grant = c.req.param("grant_type");
  if (!grant || *grant != grant_type) return err::invalid_grant_type;
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& all_scopes() {
  static const std::vector<std::string> scopes = {"seller.authorization.info",
                                                  "seller.shop.info",
                                                  "seller.order.info",
                                                  "seller.fulfillment.basic",
                                                  "seller.fulfillment.package.write",
                                                  "seller.product.basic",
                                                  "seller.product.write",
                                                  "seller.logistics"};
  return scopes;
}

reply token_get(call& c) {
  if (auto e = check_app(c, "authorized_code")) return reply::fail(*e);
  auto code = c.req.param("auth_code");
  if (!code || code->empty()) return reply::fail(err::invalid_auth_code);
  auto it = c.core.state.auth_codes.find(sha256_hex(*code));
  if (it == c.core.state.auth_codes.end()) return reply::fail(err::invalid_auth_code);
  auth_code_record& record = it->second;
  if (record.used || c.now > record.issued_at + auth_code_lifetime)
    return reply::fail(err::invalid_auth_code);
  shop_state* shop = c.core.shop_by_key(record.shop_key);
  if (!shop) return reply::fail(err::invalid_auth_code);
  record.used = true;
  c.changed = true;

  authorization a;
  a.id = c.core.next_id("9", 19);
  a.seller = shop->cfg.seller;
  a.seller_name = shop->cfg.seller_name;
  a.base_region = shop->cfg.region;
  a.open_id = sha256_hex(c.core.cfg.app_key + "|" + a.seller).substr(0, 32);
  a.scopes = record.scopes.empty() ? all_scopes() : record.scopes;
  a.granted_at = c.now;
  a.expires_at = c.now + authorization_lifetime;
  auto [pos, inserted] = c.core.state.authorizations.emplace(a.id, a);
  return issue(c, pos->second);
}

reply token_refresh(call& c) {
  if (auto e = check_app(c, "refresh_token")) return reply::fail(*e);
  auto token = c.req.param("refresh_token");
  if (!token || token->empty()) return reply::fail(err::invalid_refresh_token);
  auto it = c.core.state.refresh_tokens.find(sha256_hex(*token));
  if (it == c.core.state.refresh_tokens.end()) return reply::fail(err::invalid_refresh_token);
  auto auth = c.core.state.authorizations.find(it->second.authorization_id);
  if (auth == c.core.state.authorizations.end() || auth->second.revoked)
    return reply::fail(err::invalid_refresh_token);
  if (c.now >= it->second.expires_at) return reply::fail(err::expired_refresh_token);
  // A refresh rotates the refresh token: the old one stops working.
  c.core.state.refresh_tokens.erase(it);
  c.changed = true;
  return issue(c, auth->second);
}

}  // namespace kingkung::sim::detail
