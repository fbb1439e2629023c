#include "http/wire_message.hpp"

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace kingkung::http::detail {
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

namespace {

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

// The status line and header block; `body_size` is what Content-Length says.
std::string wire_head(const response& r, const wire_options& opts, std::size_t body_size) {
  if (r.status < 200 || r.status > 599)
    throw std::invalid_argument("response status " + std::to_string(r.status) + " is outside 200-599");
  std::string out;
  out.reserve(512);
  out.append(opts.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ")
      .append(std::to_string(r.status))
      .append(" ")
      .append(reason_phrase(r.status))
      .append("\r\n");
  for (const auto& [name, value] : r.headers) {
    check_field(name, value);
    if (!server_owned(name)) append_field(out, name, value);
  }
  if (opts.defaults) {
    for (const auto& [name, value] : *opts.defaults) {
      if (!opts.defaults_checked) check_field(name, value);
      if (!r.headers.contains(name) && !server_owned(name)) append_field(out, name, value);
    }
  }
  const bool no_body = has_no_body(r.status);
  if (!no_body && !r.content_type.empty() && !r.headers.contains("Content-Type")) {
    check_field("Content-Type", r.content_type);
    append_field(out, "Content-Type", r.content_type);
  }
  append_field(out, "Date", current_http_date());
  if (opts.version >= 11 && !opts.keep_alive) append_field(out, "Connection", "close");
  if (opts.version < 11 && opts.keep_alive) append_field(out, "Connection", "keep-alive");
  if (!no_body) append_field(out, "Content-Length", std::to_string(body_size));
  out.append("\r\n");
  return out;
}

}  // namespace

wire_bytes to_wire(const response& r, const wire_options& opts) {
  wire_bytes out;
  out.head = wire_head(r, opts, r.body.size());
  if (!has_no_body(r.status) && !opts.head) out.body = r.body;
  return out;
}

wire_bytes to_wire(response&& r, const wire_options& opts) {
  wire_bytes out;
  out.head = wire_head(r, opts, r.body.size());
  if (!has_no_body(r.status) && !opts.head) out.body = std::move(r.body);
  return out;
}

void check_response_headers(const header_fields& fields) {
  for (const auto& [name, value] : fields) check_field(name, value);
}

const std::string& current_http_date() {
  thread_local std::time_t formatted_second = -1;
  thread_local std::string text;
  const auto now = std::chrono::system_clock::now();
  const std::time_t second = std::chrono::system_clock::to_time_t(now);
  if (second != formatted_second) {
    text = http_date(now);
    formatted_second = second;
  }
  return text;
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
