#include "tiktok/api_support.hpp"

#include <boost/json/serialize.hpp>

#include "tiktok/envelope_reader.hpp"

namespace kingkung::tiktok::detail {

api_request make_request(const endpoints::endpoint& endpoint, std::string path) {
  api_request r;
  r.method = std::string(endpoint.method);
  r.path = path.empty() ? std::string(endpoint.path) : std::move(path);
  r.api = r.method + " " + std::string(endpoint.path);
  return r;
}

std::string to_body(const json::object& body) {
  return json::serialize(body);
}

json::array to_array(const std::vector<std::string>& values) {
  json::array out;
  out.reserve(values.size());
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

api_error bad_argument(const endpoints::endpoint& endpoint, std::string_view name, std::string_view expected,
                       std::string_view found) {
  api_error e;
  e.kind = error_class::invalid_request;
  e.operation = std::string(endpoint.method) + " " + std::string(endpoint.path);
  e.message = std::string(name) + ": expected " + std::string(expected) + ", found " + std::string(found);
  return e;
}

bool check_id(const endpoints::endpoint& endpoint, std::string_view name, std::string_view value,
              api_error& error) {
  if (!value.empty()) return true;
  error = bad_argument(endpoint, name, "a non-empty id", "an empty string");
  return false;
}

bool check_page_size(const endpoints::endpoint& endpoint, unsigned page_size, unsigned max,
                     api_error& error) {
  if (page_size >= 1 && page_size <= max) return true;
  error = bad_argument(endpoint, "page_size", "1.." + std::to_string(max), std::to_string(page_size));
  return false;
}

bool merge_object(const endpoints::endpoint& endpoint, std::string_view name, std::string_view json_text,
                  json::object& into, api_error& error) {
  if (json_text.empty()) return true;
  json::value parsed;
  try {
    parsed = parse_json(json_text, name);
  } catch (const decode_failure& failure) {
    error = bad_argument(endpoint, name, "a JSON object", failure.what());
    return false;
  }
  if (!parsed.is_object()) {
    error = bad_argument(endpoint, name, "a JSON object", describe(parsed));
    return false;
  }
  for (auto& member : parsed.get_object()) into[member.key()] = std::move(member.value());
  return true;
}

api_error invalid_response(const decode_failure& failure, const std::string& request_id, int http_status,
                           std::string operation) {
  api_error e;
  e.kind = error_class::invalid_response;
  e.message = failure.what();
  e.request_id = request_id;
  e.http_status = http_status;
  e.operation = std::move(operation);
  return e;
}

result<std::string> data_json_text(const json::value& data, const std::string& request_id, int http_status,
                                   std::string operation) {
  try {
    return to_json_text(reader(data, "data"));
  } catch (const decode_failure& failure) {
    return invalid_response(failure, request_id, http_status, std::move(operation));
  }
}

result<write_outcome> call_write(client& api, const shop_ref& shop, const api_request& request) {
  return call_and_decode<write_outcome>(api, shop, request,
                                        [](const reader& data, const std::string& request_id) {
                                          write_outcome out;
                                          out.request_id = request_id;
                                          out.errors = read_item_errors(data);
                                          return out;
                                        });
}

}  // namespace kingkung::tiktok::detail
