#include "request_builder.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/verb.hpp>
#include <string>

namespace kingkung::live::detail {
namespace {

namespace http = boost::beast::http;
using plugin::errc;
using plugin::make_error;

bool is_token_char(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

bool is_field_value(std::string_view s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  }
  return true;
}

bool is_origin_form(std::string_view target) {
  if (target.empty() || target.front() != '/') return false;
  for (unsigned char c : target) {
    if (c <= 0x20 || c == 0x7f || c == '#') return false;
  }
  return true;
}

}  // namespace

plugin::result<wire_request> build_wire_request(const plugin::http_request& request, const base_url& origin) {
  http::verb verb = http::string_to_verb(request.method);
  if (verb == http::verb::unknown || !is_token(request.method)) {
    return make_error(errc::invalid_argument,
                      "the request method \"" + request.method + "\" is not an HTTP method");
  }
  if (verb == http::verb::connect) {
    return make_error(errc::invalid_argument, "the request method CONNECT is not sent to TikTok Shop hosts");
  }
  if (!is_origin_form(request.target)) {
    return make_error(errc::invalid_argument,
                      "the request target is not an origin-form path (it must start with \"/\" and hold no "
                      "spaces, control characters or \"#\")");
  }
  wire_request wire{verb, request.target, 11};
  wire.set(http::field::host, origin.authority());
  bool has_user_agent = false;
  for (const auto& header : request.headers) {
    if (!is_token(header.name)) {
      return make_error(errc::invalid_argument,
                        "the request header name \"" + header.name + "\" is not a valid token");
    }
    if (!is_field_value(header.value)) {
      return make_error(errc::invalid_argument, "the value of request header \"" + header.name +
                                                    "\" holds a line break or control character");
    }
    if (boost::beast::iequals(header.name, "host")) continue;
    if (boost::beast::iequals(header.name, "content-length")) {
      if (header.value != std::to_string(request.body.size())) {
        return make_error(errc::invalid_argument, "the request's Content-Length header (" + header.value +
                                                      ") does not match its body of " +
                                                      std::to_string(request.body.size()) + " bytes");
      }
      continue;
    }
    if (boost::beast::iequals(header.name, "transfer-encoding")) {
      return make_error(
          errc::invalid_argument,
          "the request header Transfer-Encoding is not supported: the transport sends bodies with "
          "Content-Length");
    }
    if (boost::beast::iequals(header.name, "user-agent")) has_user_agent = true;
    wire.insert(header.name, header.value);
  }
  if (!has_user_agent) wire.set(http::field::user_agent, user_agent);
  wire.body() = request.body;
  wire.prepare_payload();
  return wire;
}

}  // namespace kingkung::live::detail
