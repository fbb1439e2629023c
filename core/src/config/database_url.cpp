#include "config/database_url.hpp"

#include <algorithm>
#include <cstdio>

#include "kingkung/common/secret.hpp"
#include "kingkung/config/config.hpp"

namespace kingkung::config {
namespace detail {
namespace {

// A url split at its user info. The user info ends at the last '@', so a password that was written
// without percent-encoding ('@', '/', ':' inside it) is still found and hidden.
struct url_parts {
  std::string_view scheme;    // "mysql" (empty when there is no "://")
  std::string_view userinfo;  // "user:pass" (empty when there is no '@')
  bool has_userinfo = false;
  std::string_view rest;  // "host:port/db"
};

url_parts split(std::string_view url) {
  url_parts p;
  auto sep = url.find("://");
  if (sep == std::string_view::npos) {
    p.rest = url;
    return p;
  }
  p.scheme = url.substr(0, sep);
  std::string_view after = url.substr(sep + 3);
  auto at = after.rfind('@');
  if (at == std::string_view::npos) {
    p.rest = after;
    return p;
  }
  p.has_userinfo = true;
  p.userinfo = after.substr(0, at);
  p.rest = after.substr(at + 1);
  return p;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         c == '-';
}

bool is_host_char(char c) {
  return is_name_char(c) || c == '.' || c == '[' || c == ']' || c == ':';
}

std::string percent_encode(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned>(u));
      out += buf;
    }
  }
  return out;
}

constexpr std::string_view shapes = R"("sqlite3:PATH" or "mysql://user:password@host:port/database")";

std::optional<checked_database_url> check_mysql(std::string_view url, std::string& problem) {
  auto p = split(url);
  auto slash = p.rest.find('/');
  std::string_view host_port = p.rest.substr(0, slash);
  std::string_view database = slash == std::string_view::npos ? std::string_view{} : p.rest.substr(slash + 1);
  std::string_view user = p.userinfo.substr(0, p.userinfo.find(':'));

  if (!p.has_userinfo || user.empty()) {
    problem = "a user name before the host, as in mysql://kingkung@db.example:3306/kingkung";
    return std::nullopt;
  }
  std::string_view host = host_port;
  std::string_view port;
  if (auto colon = host_port.rfind(':'); colon != std::string_view::npos && host_port.back() != ']') {
    host = host_port.substr(0, colon);
    port = host_port.substr(colon + 1);
  }
  if (host.empty() || !std::all_of(host.begin(), host.end(), is_host_char)) {
    problem = "a host name after '@', as in mysql://kingkung@db.example:3306/kingkung";
    return std::nullopt;
  }
  if (!port.empty() || host_port.size() != host.size()) {
    bool digits = !port.empty() && port.size() <= 5 &&
                  std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535) {
      problem = "a port from 1 to 65535 after the host, as in mysql://kingkung@db.example:3306/kingkung";
      return std::nullopt;
    }
  }
  if (database.empty() || !std::all_of(database.begin(), database.end(), is_name_char)) {
    problem =
        "a database name (letters, digits, '_', '$', '-') after the host, as in "
        "mysql://kingkung@db.example:3306/kingkung";
    return std::nullopt;
  }
  checked_database_url out;
  out.url = std::string(url);
  out.is_mysql = true;
  out.has_password = p.userinfo.find(':') != std::string_view::npos;
  return out;
}

}  // namespace

std::optional<checked_database_url> check_database_url(std::string_view url,
                                                       const std::filesystem::path& base,
                                                       std::string& problem) {
  constexpr std::string_view sqlite_prefix = "sqlite3:";
  constexpr std::string_view mysql_prefix = "mysql://";
  if (url.substr(0, sqlite_prefix.size()) == sqlite_prefix) {
    std::string_view path = url.substr(sqlite_prefix.size());
    if (path.empty() || path.substr(0, 2) == "//") {
      problem = R"(a file path after "sqlite3:", as in "sqlite3:../var/kingkung.db")";
      return std::nullopt;
    }
    checked_database_url out;
    if (path == ":memory:") {
      out.url = std::string(url);
    } else {
      std::filesystem::path p(path);
      if (p.is_relative()) p = base / p;
      out.url = std::string(sqlite_prefix) + p.lexically_normal().string();
    }
    return out;
  }
  if (url.substr(0, mysql_prefix.size()) == mysql_prefix) return check_mysql(url, problem);
  problem = std::string(shapes);
  return std::nullopt;
}

std::string with_password(std::string_view url, std::string_view password) {
  auto p = split(url);
  if (p.scheme.empty()) return std::string(url);
  std::string_view user = p.userinfo.substr(0, p.userinfo.find(':'));
  return std::string(p.scheme) + "://" + std::string(user) + ":" + percent_encode(password) + "@" +
         std::string(p.rest);
}

std::string password_of(std::string_view url) {
  auto p = split(url);
  auto colon = p.userinfo.find(':');
  if (!p.has_userinfo || colon == std::string_view::npos) return {};
  return std::string(p.userinfo.substr(colon + 1));
}

std::string redact_url(std::string_view url) {
  auto p = split(url);
  if (p.scheme.empty()) {
    // Not a url at all ("mysql:/user:pw@host"): hide everything that could be a password.
    auto colon = url.find(':');
    auto at = url.rfind('@');
    if (url.substr(0, 8) == "sqlite3:" || colon == std::string_view::npos || at == std::string_view::npos ||
        at < colon)
      return std::string(url);
    return std::string(url.substr(0, colon + 1)) + std::string(secret::redacted) +
           std::string(url.substr(at));
  }
  auto colon = p.userinfo.find(':');
  if (!p.has_userinfo || colon == std::string_view::npos) return std::string(url);
  return std::string(p.scheme) + "://" + std::string(p.userinfo.substr(0, colon)) + ":" +
         std::string(secret::redacted) + "@" + std::string(p.rest);
}

}  // namespace detail

std::string database_config::redacted_url() const {
  return detail::redact_url(url);
}

}  // namespace kingkung::config
