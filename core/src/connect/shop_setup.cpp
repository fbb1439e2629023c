#include "connect/shop_setup.hpp"

#include <boost/json.hpp>

#include "connect/api_errors.hpp"
#include "kingkung/storage/notice_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/tiktok/shops.hpp"

namespace kingkung::connect::detail {

namespace json = boost::json;

result<secret> simulator_auth_code(plugin::transport& transport, std::string_view shop) {
  const std::string what = "simulator authorisation of shop " + std::string(shop);
  plugin::http_request request;
  request.method = "POST";
  request.host = plugin::host_kind::api;
  request.target = "/__sim/authorize";
  request.headers.push_back({"content-type", "application/json"});
  request.body = json::serialize(json::object{{"shop", shop}});
  auto sent = transport.send(request);
  if (!sent) return with_context(what, sent.err());
  json::error_code ec;
  json::value envelope = json::parse(sent->body, ec);
  const json::object* root = ec ? nullptr : envelope.if_object();
  if (root == nullptr)
    return plugin::make_error(plugin::errc::internal,
                              what + ": the answer is not a JSON object (HTTP " + std::to_string(sent->status) + ")");
  const json::value* code = root->if_contains("code");
  const json::value* message = root->if_contains("message");
  if (code == nullptr || !code->is_int64() || code->as_int64() != 0) {
    std::string text = message && message->is_string() ? std::string(message->as_string()) : "no message";
    return plugin::make_error(plugin::errc::rejected, what + " refused: " + text);
  }
  const json::value* data = root->if_contains("data");
  const json::value* auth_code = data && data->is_object() ? data->as_object().if_contains("code") : nullptr;
  if (auth_code == nullptr || !auth_code->is_string() || auth_code->as_string().empty())
    return plugin::make_error(plugin::errc::internal, what + ": the answer has no data.code");
  return secret(std::string(auth_code->as_string()));
}

result<authorization> exchange_code(tiktok::client& api, const secret& code) {
  auto grant = tiktok::get_access_token(api, code);
  if (!grant) return from_api("exchanging the authorisation code", grant.err());
  auto shops = tiktok::get_authorized_shops(api, grant->access_token);
  if (!shops) return from_api("reading the authorised shops", shops.err());
  return authorization{std::move(*grant), std::move(*shops)};
}

domain::shop configured_shop(const config::app_config& config, std::int64_t seller_id, const domain::shop& platform,
                             const tiktok::token_grant& grant, std::int64_t now) {
  const config::shop_config* entry = nullptr;
  for (const auto& s : config.shops)
    if (s.shop_id == platform.id) entry = &s;
  config::shop_config rule;
  if (entry != nullptr) {
    rule = *entry;
  } else {
    rule.shop_id = platform.id;
    rule.region = platform.region;
    rule.seller_type = platform.seller_type;
  }
  domain::shop shop = platform;
  shop.seller_id = seller_id;
  if (shop.name.empty()) shop.name = rule.name.empty() ? platform.id : rule.name;
  shop.transport = config.transport_for(rule);
  shop.modules = config.modules_for(rule);
  shop.granted_scopes = grant.granted_scopes;
  shop.state = domain::shop_state::connected;
  shop.demo = entry != nullptr && entry->demo;
  shop.connected_at = now;
  shop.disconnected_at = 0;
  return shop;
}

result<void> save_connected(storage::shop_repository& shops, storage::notice_repository& notices,
                            vault_token_source& tokens, const domain::shop& shop, const tiktok::token_grant& grant) {
  // The shop first: an upsert refused (another seller holds the shop) must leave that seller's tokens.
  if (auto stored = shops.upsert(shop); !stored) return with_context("storing shop " + shop.id, stored.err());
  if (auto stored = tokens.store(shop.id, grant); !stored) return stored;
  if (auto cleared = notices.remove_shop(shop.id); !cleared)
    return with_context("clearing the notices of shop " + shop.id, cleared.err());
  return {};
}

}  // namespace kingkung::connect::detail
