// A parsed view of one incoming request: path, decoded query, headers, body.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/transport.hpp"
#include "kingkung/sim/signer.hpp"

namespace kingkung::sim::detail {

// Decodes %XX escapes and, as form decoding does, '+' as a space. Returns nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view in);

// Lower-cases ASCII.
std::string ascii_lower(std::string_view s);

class request_view {
 public:
  // Fails (nullopt) only when the query has a malformed escape.
  static std::optional<request_view> parse(const plugin::http_request& request);

  const std::string& method() const noexcept { return method_; }
  plugin::host_kind host() const noexcept { return host_; }
  const std::string& path() const noexcept { return path_; }
  const std::string& body() const noexcept { return body_; }
  // Every parameter once, first value wins (as the platform reads them), in arrival order.
  const std::vector<query_pair>& query() const noexcept { return query_; }
  std::optional<std::string> param(std::string_view name) const;
  std::optional<std::string> header(std::string_view name) const;  // case-insensitive
  // The header's media type, lower-cased, without parameters ("application/json").
  std::string media_type() const;

 private:
  std::string method_;
  plugin::host_kind host_ = plugin::host_kind::api;
  std::string path_;
  std::vector<query_pair> query_;
  std::vector<plugin::http_header> headers_;
  std::string body_;
};

}  // namespace kingkung::sim::detail
