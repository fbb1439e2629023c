#include "kingkung/live/base_url.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

namespace kingkung::live {
namespace {

using plugin::errc;
using plugin::make_error;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_ipv4(const std::string& host) {
  std::array<unsigned char, 4> buf{};
  return ::inet_pton(AF_INET, host.c_str(), buf.data()) == 1;
}

bool is_ipv6(const std::string& host) {
  std::array<unsigned char, 16> buf{};
  return ::inet_pton(AF_INET6, host.c_str(), buf.data()) == 1;
}

bool is_dns_name(std::string_view host) {
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-') return false;
  std::size_t label = 0;
  for (char c : host) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    if (++label > 63) return false;
  }
  return true;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  out.append(s);
  out += '"';
  return out;
}

// The parts of scheme://[userinfo@]host[:port][rest].
struct url_parts {
  std::string scheme;
  bool has_scheme = false;
  std::optional<std::string_view> userinfo;
  std::string host;
  bool host_is_ip = false;
  std::optional<std::uint16_t> port;
  std::string_view rest;
};

// `shown` is what messages may repeat of the input (never user info).
plugin::result<url_parts> split_url(std::string_view text, std::string_view shown,
                                    std::string_view expected) {
  url_parts p;
  auto found = [&] { return "expected " + std::string(expected) + ", found " + quoted(shown); };
  if (text.empty())
    return make_error(errc::invalid_argument,
                      "expected " + std::string(expected) + ", found an empty string");
  std::string_view rest = text;
  if (auto sep = rest.find("://"); sep != std::string_view::npos) {
    p.scheme = lower(rest.substr(0, sep));
    p.has_scheme = true;
    rest.remove_prefix(sep + 3);
  }
  std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  p.rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    p.userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
  }
  std::string_view port_text;
  bool has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos)
      return make_error(errc::invalid_argument, found() + " (unclosed \"[\" in the host)");
    p.host = lower(authority.substr(1, close - 1));
    if (!is_ipv6(p.host))
      return make_error(errc::invalid_argument, found() + " (\"[...]\" must hold an IPv6 address)");
    p.host_is_ip = true;
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':')
        return make_error(errc::invalid_argument, found() + " (unexpected text after \"]\")");
      port_text = after.substr(1);
      has_port = true;
    }
  } else {
    auto colon = authority.find(':');
    p.host = lower(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      has_port = true;
    }
    if (p.host.empty()) return make_error(errc::invalid_argument, found() + " (no host)");
    if (is_ipv4(p.host)) {
      p.host_is_ip = true;
    } else if (!is_dns_name(p.host)) {
      return make_error(errc::invalid_argument,
                        found() + " (the host is neither a DNS name nor an IP address)");
    }
  }
  if (has_port) {
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (port_text.empty() || ec != std::errc{} || ptr != port_text.data() + port_text.size() || value == 0 ||
        value > 65535) {
      return make_error(errc::invalid_argument, found() + " (the port must be a number from 1 to 65535)");
    }
    p.port = static_cast<std::uint16_t>(value);
  }
  return p;
}

// Where the authority (userinfo@host:port) sits in a URL.
std::string_view authority_of(std::string_view text, std::size_t& start) {
  auto scheme_end = text.find("://");
  start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  std::size_t end = text.find_first_of("/?#", start);
  return text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
}

std::string bracketed(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16);
    if (ec != std::errc{} || ptr != s.data() + i + 3) return std::nullopt;
    out += static_cast<char>(value);
    i += 2;
  }
  return out;
}

}  // namespace

bool base_url::is_loopback() const {
  if (host == "localhost") return true;
  if (!host_is_ip) return false;
  if (host == "::1") return true;
  std::array<unsigned char, 4> v4{};
  return ::inet_pton(AF_INET, host.c_str(), v4.data()) == 1 && v4[0] == 127;
}

std::string base_url::authority() const {
  std::string out = bracketed(host);
  if (port != (tls ? 443 : 80)) out += ":" + std::to_string(port);
  return out;
}

std::string base_url::host_port() const {
  return bracketed(host) + ":" + std::to_string(port);
}

std::string base_url::to_string() const {
  return (tls ? "https://" : "http://") + authority();
}

std::string proxy_url::to_string() const {
  return "http://" + bracketed(host) + ":" + std::to_string(port);
}

plugin::result<base_url> parse_base_url(std::string_view text) {
  constexpr std::string_view expected = "https://host[:port]";
  // User info is refused before anything is repeated in a message: it could hold a credential.
  std::size_t start = 0;
  if (authority_of(text, start).find('@') != std::string_view::npos) {
    return make_error(
        errc::invalid_argument,
        "expected https://host[:port], found a URL with user info (credentials do not belong in a "
        "base URL)");
  }
  auto parts = split_url(text, text, expected);
  if (!parts) return std::move(parts).err();
  if (!parts->has_scheme) {
    return make_error(errc::invalid_argument,
                      "expected https://host[:port], found " + quoted(text) + " (no scheme)");
  }
  if (parts->scheme != "https" && parts->scheme != "http") {
    return make_error(errc::invalid_argument, "expected https://host[:port], found scheme " +
                                                  quoted(parts->scheme) + " in " + quoted(text));
  }
  if (!parts->rest.empty() && parts->rest != "/") {
    return make_error(errc::invalid_argument,
                      "expected https://host[:port] without a path, query or fragment, found " +
                          quoted(text) + " (requests carry their own path)");
  }
  base_url url;
  url.tls = parts->scheme == "https";
  url.host = std::move(parts->host);
  url.host_is_ip = parts->host_is_ip;
  url.port = parts->port.value_or(url.tls ? 443 : 80);
  if (!url.tls && !url.is_loopback()) {
    return make_error(errc::invalid_argument, "expected https://host[:port], found " + quoted(text) +
                                                  " (plain http:// is allowed only for loopback hosts)");
  }
  return url;
}

plugin::result<proxy_url> parse_proxy_url(std::string_view text) {
  constexpr std::string_view expected = "http://[user:password@]host:port";
  // Messages show the URL without its user info.
  std::string shown(text);
  std::size_t start = 0;
  if (auto at = authority_of(text, start).rfind('@'); at != std::string_view::npos) {
    shown = std::string(text.substr(0, start)) + "***@" + std::string(text.substr(start + at + 1));
  }
  auto parts = split_url(text, shown, expected);
  if (!parts) return std::move(parts).err();
  if (parts->has_scheme && parts->scheme != "http") {
    std::string why = parts->scheme == "https"
                          ? " (TLS to the proxy itself is not supported; the tunnel to the "
                            "TikTok host is always TLS)"
                          : "";
    return make_error(errc::invalid_argument, "expected " + std::string(expected) + ", found scheme " +
                                                  quoted(parts->scheme) + " in " + quoted(shown) + why);
  }
  if (!parts->rest.empty() && parts->rest != "/") {
    return make_error(errc::invalid_argument,
                      "expected " + std::string(expected) + " without a path, found " + quoted(shown));
  }
  proxy_url proxy;
  proxy.host = std::move(parts->host);
  proxy.host_is_ip = parts->host_is_ip;
  proxy.port = parts->port.value_or(80);
  if (parts->userinfo) {
    std::string_view info = *parts->userinfo;
    auto colon = info.find(':');
    auto user = percent_decode(info.substr(0, colon));
    auto password = colon == std::string_view::npos ? std::optional<std::string>(std::string{})
                                                    : percent_decode(info.substr(colon + 1));
    if (!user || !password) {
      return make_error(errc::invalid_argument, "expected " + std::string(expected) + ", found " +
                                                    quoted(shown) +
                                                    " (the user info has a malformed percent escape)");
    }
    proxy.user = std::move(*user);
    proxy.password = std::move(*password);
  }
  return proxy;
}

}  // namespace kingkung::live
