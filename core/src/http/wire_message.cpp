#include "http/wire_message.hpp"

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace kingkung::http::detail {
namespace bhttp = boost::beast::http;
namespace {

bool is_token_char(unsigned char c) {
  if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
  return c != 0 && std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

void check_field(std::string_view name, std::string_view value) {
  if (name.empty()) throw std::invalid_argument("response header with an empty name");
  for (unsigned char c : name)
    if (!is_token_char(c))
      throw std::invalid_argument("response header name \"" + std::string(name) + "\" is not a token");
  for (char c : value)
    if (c == '\r' || c == '\n' || c == '\0')
      throw std::invalid_argument("response header \"" + std::string(name) +
                                  "\" has a line break or NUL in its value");
}

// Fields the server itself writes; a handler's value for them is not sent.
bool server_owned(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
         iequals(name, "Connection") || iequals(name, "Date") || iequals(name, "Keep-Alive");
}

bool has_no_body(unsigned status) {
  return status == 204 || status == 304;
}

}  // namespace

std::optional<request> from_wire(wire_request&& msg, std::string remote_address, bool secure) {
  auto req = request::from_target(std::string(msg.method_string()), std::string(msg.target()));
  if (!req) return std::nullopt;
  for (const auto& f : msg) req->headers.add(std::string(f.name_string()), std::string(f.value()));
  req->body = std::move(msg.body());
  req->remote_address = std::move(remote_address);
  req->secure = secure;
  return req;
}

wire_response to_wire(const response& r, const wire_options& opts) {
  if (r.status < 200 || r.status > 599)
    throw std::invalid_argument("response status " + std::to_string(r.status) + " is outside 200-599");
  wire_response out;
  out.version(opts.version);
  out.result(r.status);
  for (const auto& [name, value] : r.headers) {
    check_field(name, value);
    if (!server_owned(name)) out.insert(name, value);
  }
  if (opts.defaults) {
    for (const auto& [name, value] : *opts.defaults) {
      check_field(name, value);
      if (!r.headers.contains(name) && !server_owned(name)) out.insert(name, value);
    }
  }
  bool no_body = has_no_body(r.status);
  if (!no_body && !r.content_type.empty() && !r.headers.contains("Content-Type")) {
    check_field("Content-Type", r.content_type);
    out.set(bhttp::field::content_type, r.content_type);
  }
  out.set(bhttp::field::date, http_date(std::chrono::system_clock::now()));
  out.keep_alive(opts.keep_alive);
  if (no_body) return out;
  if (opts.head) {
    out.content_length(r.body.size());
  } else {
    out.body() = r.body;
    out.prepare_payload();
  }
  return out;
}

std::string http_date(std::chrono::system_clock::time_point t) {
  static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday % 7], tm.tm_mday,
                months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace kingkung::http::detail
