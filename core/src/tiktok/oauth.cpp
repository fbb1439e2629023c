#include "kingkung/tiktok/oauth.hpp"

#include "tiktok/api_support.hpp"
#include "tiktok/client_access.hpp"
#include "tiktok/decoders.hpp"
#include "tiktok/json_reader.hpp"

namespace kingkung::tiktok {
namespace {

token_grant read_grant(const detail::reader& data) {
  token_grant g;
  g.access_token = secret(data.string_at("access_token"));
  g.access_token_expire_in = data.at("access_token_expire_in").as_int();
  g.refresh_token = secret(data.string_at("refresh_token"));
  g.refresh_token_expire_in = data.at("refresh_token_expire_in").as_int();
  g.open_id = data.string_or("open_id");
  g.seller_name = data.string_or("seller_name");
  g.seller_base_region = data.string_or("seller_base_region");
  g.user_type = static_cast<int>(data.int_or("user_type"));
  g.granted_scopes = data.strings_or("granted_scopes");
  return g;
}

result<token_grant> token_call(client& api, const endpoints::endpoint& ep, std::string_view credential_name,
                               const secret& credential, std::string_view grant_type) {
  const std::string operation = std::string(ep.method) + " " + std::string(ep.path);
  if (credential.empty()) {
    api_error e;
    e.kind = error_class::invalid_request;
    e.operation = operation;
    e.message = std::string(credential_name) + ": expected a value, found an empty string";
    return e;
  }
  std::vector<query_param> query{{std::string(credential_name), credential.reveal()},
                                 {"grant_type", std::string(grant_type)}};
  auto response = detail::client_access::call_token_host(api, ep, std::move(query), {&credential});
  if (!response.ok()) return std::move(response).err();
  try {
    auto grant = read_grant(detail::reader(response->data, "data"));
    grant.request_id = response->request_id;
    return grant;
  } catch (const detail::decode_failure& failure) {
    return detail::invalid_response(failure, response->request_id, response->http_status, operation);
  }
}

}  // namespace

result<token_grant> get_access_token(client& api, const secret& auth_code) {
  return token_call(api, endpoints::token_get, "auth_code", auth_code, "authorized_code");
}

result<token_grant> refresh_access_token(client& api, const secret& refresh_token) {
  return token_call(api, endpoints::token_refresh, "refresh_token", refresh_token, "refresh_token");
}

result<token_grant> decode_token_grant(std::string_view data_json, std::string_view path) {
  return detail::decode_text<token_grant>(data_json, path,
                                          [](const detail::reader& r) { return read_grant(r); });
}

}  // namespace kingkung::tiktok
