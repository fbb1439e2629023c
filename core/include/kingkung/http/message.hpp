// Plain HTTP messages shared by the server, the router and the handlers. No Beast or Asio here:
// handlers see only these structs and never know the transport.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kingkung::http {

// ASCII case-insensitive equality, as HTTP compares field names and tokens.
bool iequals(std::string_view a, std::string_view b) noexcept;

// Header fields in arrival order. Names compare case-insensitively; a name may repeat (Set-Cookie).
class header_fields {
 public:
  using field = std::pair<std::string, std::string>;
  using const_iterator = std::vector<field>::const_iterator;

  // The first value under `name`, if any.
  std::optional<std::string_view> get(std::string_view name) const;
  bool contains(std::string_view name) const { return get(name).has_value(); }
  // Replaces every field named `name` with one field.
  void set(std::string name, std::string value);
  // Appends a field, keeping earlier ones with the same name.
  void add(std::string name, std::string value);
  // Removes every field named `name`; returns how many were removed.
  std::size_t erase(std::string_view name);

  const_iterator begin() const noexcept { return fields_.begin(); }
  const_iterator end() const noexcept { return fields_.end(); }
  std::size_t size() const noexcept { return fields_.size(); }
  bool empty() const noexcept { return fields_.empty(); }

 private:
  std::vector<field> fields_;
};

// Decoded name/value pairs in order; a name may repeat ("?tag=a&tag=b").
using query_params = std::vector<std::pair<std::string, std::string>>;

// Decodes an application/x-www-form-urlencoded body ('+' is a space). nullopt when it is malformed
// (a bad percent escape).
std::optional<query_params> parse_form(std::string_view body);

struct request {
  std::string method;  // "GET", as received (methods are case-sensitive)
  std::string target;  // the raw request-target, e.g. "/orders/57?status=AWAITING%20SHIPMENT"
  std::string path;    // percent-decoded path, e.g. "/orders/57"
  query_params query;  // percent-decoded query parameters, '+' as space
  header_fields headers;
  std::string body;
  std::string remote_address;  // peer IP address, e.g. "127.0.0.1" or "::1"
  bool secure = false;         // true when the request arrived over TLS
  // Values of the route's {name} segments, percent-decoded; filled by the router.
  std::map<std::string, std::string, std::less<>> path_params;

  std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
  // The first value of a query parameter.
  std::optional<std::string_view> query_param(std::string_view name) const;
  std::optional<std::string_view> path_param(std::string_view name) const;

  // A request for `target` (origin-form "/a/b?x=1" or absolute-form "http://host/a/b?x=1") with `path`
  // and `query` decoded. nullopt when the target is not a valid request-target.
  static std::optional<request> from_target(std::string method, std::string target);
};

struct response {
  unsigned status = 200;
  header_fields headers;
  // Sent as Content-Type unless empty or `headers` already has one.
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;

  static response text(unsigned status, std::string body);
  static response json(unsigned status, std::string body);
  static response html(unsigned status, std::string body);
  // The one error shape of the JSON API: {"error":{"code":CODE,"message":MESSAGE,"field":FIELD}}, with
  // "field" null when `field` is empty (the error is not about one input field).
  static response json_error(unsigned status, std::string_view code, std::string_view message,
                             std::string_view field = {});
  // No body and no content type (204, or a redirect with `headers` set).
  static response empty(unsigned status);
};

// "Not Found" for 404; "" for a code HTTP does not name.
std::string_view reason_phrase(unsigned status) noexcept;

// Handlers run on the server's threads, possibly several at once: they must be thread-safe.
using handler = std::function<response(const request&)>;

}  // namespace kingkung::http
