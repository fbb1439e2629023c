#include "kingkung/http/message.hpp"

#include <algorithm>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>

namespace kingkung::http {
namespace {

char lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

query_params decode_params(const boost::urls::params_view& params) {
  query_params out;
  for (auto p : params) out.emplace_back(std::move(p.key), p.has_value ? std::move(p.value) : std::string());
  return out;
}

boost::urls::encoding_opts form_decoding() {
  boost::urls::encoding_opts opt;
  opt.space_as_plus = true;
  return opt;
}

std::optional<std::string_view> find_first(const query_params& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return std::string_view(v);
  return std::nullopt;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::optional<std::string_view> header_fields::get(std::string_view name) const {
  for (const auto& [k, v] : fields_)
    if (iequals(k, name)) return std::string_view(v);
  return std::nullopt;
}

void header_fields::set(std::string name, std::string value) {
  erase(name);
  fields_.emplace_back(std::move(name), std::move(value));
}

void header_fields::add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
}

std::size_t header_fields::erase(std::string_view name) {
  auto before = fields_.size();
  std::erase_if(fields_, [&](const field& f) { return iequals(f.first, name); });
  return before - fields_.size();
}

std::optional<query_params> parse_form(std::string_view body) {
  auto parsed = boost::urls::parse_query(body);
  if (!parsed) return std::nullopt;
  return decode_params(boost::urls::params_view(*parsed, form_decoding()));
}

std::optional<std::string_view> request::query_param(std::string_view name) const {
  return find_first(query, name);
}

std::optional<std::string_view> request::path_param(std::string_view name) const {
  auto it = path_params.find(name);
  if (it == path_params.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<request> request::from_target(std::string method, std::string target) {
  if (target.empty()) return std::nullopt;
  auto parsed = target.front() == '/' ? boost::urls::parse_origin_form(target)
                                      : boost::urls::parse_absolute_uri(target);
  if (!parsed) return std::nullopt;
  const auto& url = *parsed;
  request req;
  req.path = url.path();
  if (req.path.empty()) req.path = "/";
  req.query = decode_params(url.params(form_decoding()));
  req.method = std::move(method);
  req.target = std::move(target);
  return req;
}

response response::text(unsigned status, std::string body) {
  response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

response response::json(unsigned status, std::string body) {
  response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

response response::json_error(unsigned status, std::string_view code, std::string_view message,
                              std::string_view field) {
  boost::json::object error;
  error["code"] = code;
  error["message"] = message;
  if (field.empty())
    error["field"] = nullptr;
  else
    error["field"] = field;
  return json(status, boost::json::serialize(boost::json::object{{"error", std::move(error)}}));
}

response response::html(unsigned status, std::string body) {
  response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}

response response::empty(unsigned status) {
  response r;
  r.status = status;
  r.content_type.clear();
  return r;
}

std::string_view reason_phrase(unsigned status) noexcept {
  switch (status) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 417:
      return "Expectation Failed";
    case 422:
      return "Unprocessable Entity";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "";
  }
}

}  // namespace kingkung::http
