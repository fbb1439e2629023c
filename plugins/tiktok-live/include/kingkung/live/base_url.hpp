// Base URLs of the TikTok Shop hosts and of an HTTPS proxy, parsed and checked once at start-up.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kingkung/plugin/result.hpp"

namespace kingkung::live {

// scheme://host[:port] with nothing after the authority but an optional "/".
struct base_url {
  bool tls = true;   // https (false only for http:// on a loopback host)
  std::string host;  // DNS name or IP literal (IPv6 without brackets), lower case
  std::uint16_t port = 443;
  bool host_is_ip = false;

  // "localhost", 127.0.0.0/8 or ::1.
  bool is_loopback() const;
  // host[:port] as sent in Host and CONNECT lines: brackets around IPv6, the port only when not the
  // scheme's default.
  std::string authority() const;
  // host:port, always with the port (CONNECT target, log lines).
  std::string host_port() const;
  // scheme://authority
  std::string to_string() const;
};

// Parses a host base URL. https:// is required; http:// is accepted only for loopback hosts (tests and
// the local simulator server). No user info, path, query or fragment. The message of an error says what
// was expected and what was found; it never repeats user info.
plugin::result<base_url> parse_base_url(std::string_view text);

// An HTTP proxy reached with CONNECT: http://[user:password@]host:port[/].
struct proxy_url {
  std::string host;
  std::uint16_t port = 0;
  bool host_is_ip = false;
  std::string user;      // percent-decoded; empty when none
  std::string password;  // percent-decoded; a secret: never logged, described or put in a message

  bool has_credentials() const { return !user.empty() || !password.empty(); }
  // http://host:port, without credentials.
  std::string to_string() const;
};

plugin::result<proxy_url> parse_proxy_url(std::string_view text);

}  // namespace kingkung::live
