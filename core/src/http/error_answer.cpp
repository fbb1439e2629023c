#include "http/error_answer.hpp"

#include <string>

namespace kingkung::http::detail {
namespace {

struct error_text {
  std::string_view code;
  std::string message;
};

error_text describe(unsigned status, const server_options& o) {
  switch (status) {
    case 400:
      return {"malformed_request", "The request is not valid HTTP/1.1; it was not processed."};
    case 413:
      return {"body_too_large",
              "The request body is larger than the limit of " + std::to_string(o.max_body_bytes) + " bytes."};
    case 431:
      return {"headers_too_large", "The request line and headers are larger than the limit of " +
                                       std::to_string(o.max_header_bytes) + " bytes."};
    case 501:
      return {"not_implemented", "The request uses an HTTP feature this server does not implement."};
    case 500:
      return {"internal_error", "The request could not be completed because of an error on the server."};
    case 503:
      return {"over_capacity", "The server is at its limit of " + std::to_string(o.max_connections) +
                                   " connections; try again shortly."};
    default:
      return {"error", std::string(reason_phrase(status))};
  }
}

bool contains_ignoring_case(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i)
    if (iequals(text.substr(i, needle.size()), needle)) return true;
  return false;
}

// The path of an origin-form or absolute-form request-target.
std::string_view path_of(std::string_view target) {
  if (target.empty() || target.front() == '/') return target;
  auto scheme = target.find("://");
  if (scheme == std::string_view::npos) return target;
  auto slash = target.find('/', scheme + 3);
  return slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
}

}  // namespace

bool expects_json(const server_options& options, std::string_view target, std::string_view accept) {
  const auto path = path_of(target);
  for (const auto& prefix : options.json_error_prefixes)
    if (!prefix.empty() && path.substr(0, prefix.size()) == prefix) return true;
  return contains_ignoring_case(accept, "application/json");
}

bool raw_head_expects_json(const server_options& options, std::string_view raw) {
  std::string_view target;
  std::string_view accept;
  for (std::size_t pos = 0, line_no = 0; pos < raw.size(); ++line_no) {
    const auto end = raw.find("\r\n", pos);
    const auto line = raw.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (line_no == 0 && line.find(" HTTP/") != std::string_view::npos) {
      auto rest = line.substr(line.find(' ') + 1);
      target = rest.substr(0, rest.find(' '));
    } else if (line.size() >= 7 && iequals(line.substr(0, 7), "accept:")) {
      accept = line.substr(7);
    }
    if (end == std::string_view::npos) break;
    pos = end + 2;
  }
  return expects_json(options, target, accept);
}

response error_answer(unsigned status, const server_options& options, bool json, std::string_view detail) {
  auto [code, message] = describe(status, options);
  if (!detail.empty()) message = std::string(detail);
  if (json) return response::json_error(status, code, message);
  return response::text(status, std::string(reason_phrase(status)) + ": " + message + "\n");
}

}  // namespace kingkung::http::detail
