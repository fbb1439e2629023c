// Internal: what the typed calls and OAuth need from the client beyond its public interface: a call
// whose `data` stays parsed JSON, and unsigned token-host calls whose query holds secrets.
#pragma once

#include <string>
#include <vector>

#include "kingkung/common/secret.hpp"
#include "kingkung/tiktok/client.hpp"
#include "kingkung/tiktok/endpoints.hpp"
#include "tiktok/json_reader.hpp"

namespace kingkung::tiktok::detail {

struct json_response {
  int http_status = 0;
  std::string request_id;
  json::value data;  // null when absent
};

struct client_access {
  static result<json_response> call_json(client& api, const shop_ref& shop, const api_request& request);
  // GET on the token host. `query` is sent as is (it carries the app secret: added here) and never
  // leaves this call in a log line, a record or an error; `secrets` are scrubbed from every message.
  static result<json_response> call_token_host(client& api, const endpoints::endpoint& endpoint,
                                               std::vector<query_param> query,
                                               const std::vector<const secret*>& secrets);
};

}  // namespace kingkung::tiktok::detail
