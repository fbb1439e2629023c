// Internal helpers shared by the typed calls: building a request for an endpoint, serialising the body
// once, calling, and decoding `data` with JSON paths in errors.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kingkung/tiktok/client.hpp"
#include "kingkung/tiktok/endpoints.hpp"
#include "tiktok/client_access.hpp"
#include "tiktok/json_reader.hpp"

namespace kingkung::tiktok::detail {

// A request for `endpoint` at `path` (the expanded template; empty: the template itself). The rate-limit
// key is the template, so calls on different products share one rate limit per API.
api_request make_request(const endpoints::endpoint& endpoint, std::string path = {});

// The body, serialised once: these bytes are signed and sent.
std::string to_body(const json::object& body);

json::array to_array(const std::vector<std::string>& values);

// An invalid_request error for `endpoint`: "<name>: expected <expected>, found <found>".
api_error bad_argument(const endpoints::endpoint& endpoint, std::string_view name, std::string_view expected,
                       std::string_view found);

// Checks an id argument is non-empty.
bool check_id(const endpoints::endpoint& endpoint, std::string_view name, std::string_view value,
              api_error& error);

// Checks 1 <= page_size <= max.
bool check_page_size(const endpoints::endpoint& endpoint, unsigned page_size, unsigned max, api_error& error);

// Parses a JSON object given as text by the caller (extra fields); throws nothing.
bool merge_object(const endpoints::endpoint& endpoint, std::string_view name, std::string_view json_text,
                  json::object& into, api_error& error);

// An answer that could not be decoded, as the invalid_response error the caller gets: the failure's
// "path: problem" text with the answer's request id and HTTP status.
api_error invalid_response(const decode_failure& failure, const std::string& request_id, int http_status,
                           std::string operation = {});

// `data` as JSON text to keep (api_response::data_json, envelope::data_json). A value JSON text cannot
// hold (a number beyond a double's range) becomes invalid_response naming its path.
result<std::string> data_json_text(const json::value& data, const std::string& request_id, int http_status,
                                   std::string operation = {});

// Calls and hands `data` to decode(reader, request_id). A decode_failure becomes invalid_response.
template <class T, class Decode>
result<T> call_and_decode(client& api, const shop_ref& shop, const api_request& request, Decode&& decode) {
  auto response = client_access::call_json(api, shop, request);
  if (!response.ok()) return std::move(response).err();
  try {
    return decode(reader(response->data, "data"), response->request_id);
  } catch (const decode_failure& failure) {
    return invalid_response(failure, response->request_id, response->http_status,
                            request.method + " " + request.path);
  }
}

// A write call whose answer is `{}` or `{errors: [...]}`.
result<write_outcome> call_write(client& api, const shop_ref& shop, const api_request& request);

}  // namespace kingkung::tiktok::detail
