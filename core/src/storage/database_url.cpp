#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {
namespace {

constexpr std::string_view sqlite_prefix = "sqlite3:";
constexpr std::string_view mysql_prefix = "mysql://";
constexpr std::string_view expected_forms =
    "expected \"sqlite3:PATH\" or \"mysql://user:password@host:port/database\"";

plugin::error bad_url(std::string message) {
  return plugin::make_error(plugin::errc::invalid_argument, "database url: " + std::move(message));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes; false when an escape is malformed.
bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    if (i + 2 >= in.size()) return false;
    int hi = hex_value(in[i + 1]);
    int lo = hex_value(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

std::string percent_encode_userinfo(std::string_view in) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

bool valid_database_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '_' && c != '$' && c != '-') return false;
  return true;
}

bool valid_host(std::string_view host) {
  for (unsigned char c : host)
    if (std::isspace(c) || c == '/' || c == '@' || c == '?' || c == '#' || c == '\'' || c == '\\' ||
        c == '[' || c == ']' || c < 0x20)
      return false;
  return !host.empty();
}

result<database_url> parse_sqlite(std::string_view rest, std::string_view base_dir) {
  if (rest.empty())
    return bad_url("\"sqlite3:\" must be followed by a file path, e.g. \"sqlite3:var/kingkung.db\"");
  if (rest.find('\0') != std::string_view::npos) return bad_url("the SQLite path contains a NUL character");
  if (rest.find('=') != std::string_view::npos && rest.find('"') != std::string_view::npos)
    return bad_url("the SQLite path \"" + std::string(rest) + "\" may not contain both '=' and '\"'");
  database_url url;
  url.kind = backend::sqlite;
  if (rest == ":memory:") {
    url.sqlite_path = ":memory:";
    return url;
  }
  std::filesystem::path path{std::string(rest)};
  if (path.is_relative() && !base_dir.empty()) path = std::filesystem::path(std::string(base_dir)) / path;
  url.sqlite_path = path.lexically_normal().string();
  return url;
}

result<database_url> parse_mysql(std::string_view rest) {
  constexpr std::string_view example = "e.g. \"mysql://kingkung:secret@127.0.0.1:3306/kingkung\"";
  // The password may itself hold '@' or '/', so the host starts after the last '@'.
  auto at = rest.rfind('@');
  if (at == std::string_view::npos)
    return bad_url("a mysql url needs \"user:password@\" before the host, " + std::string(example));
  std::string_view userinfo = rest.substr(0, at);
  std::string_view location = rest.substr(at + 1);

  database_url url;
  url.kind = backend::mysql;
  auto colon = userinfo.find(':');
  std::string_view raw_user = userinfo.substr(0, colon);
  if (!percent_decode(raw_user, url.user))
    return bad_url("the user name \"" + std::string(raw_user) + "\" has a malformed %XX escape");
  if (url.user.empty()) return bad_url("the user name before \"@\" is empty, " + std::string(example));
  if (colon != std::string_view::npos) {
    std::string password;
    if (!percent_decode(userinfo.substr(colon + 1), password))
      return bad_url("the password has a malformed %XX escape (write '%' itself as %25)");
    url.password = secret(std::move(password));
  }

  if (auto q = location.find_first_of("?#"); q != std::string_view::npos)
    return bad_url("query parameters are not supported after the database name");
  auto slash = location.find('/');
  if (slash == std::string_view::npos)
    return bad_url("the database name is missing after the host, " + std::string(example));
  std::string_view hostport = location.substr(0, slash);
  std::string_view name = location.substr(slash + 1);
  if (name.empty()) return bad_url("the database name is missing after the host, " + std::string(example));
  if (!valid_database_name(name))
    return bad_url("the database name \"" + std::string(name) +
                   "\" must be 1 to 64 letters, digits, '_', '$' or '-'");
  url.name = std::string(name);

  std::string_view host;
  std::string_view port;
  if (!hostport.empty() && hostport.front() == '[') {
    auto close = hostport.find(']');
    if (close == std::string_view::npos)
      return bad_url("the IPv6 host \"" + std::string(hostport) + "\" is missing its closing ']'");
    host = hostport.substr(1, close - 1);
    std::string_view after = hostport.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':')
        return bad_url("unexpected \"" + std::string(after) + "\" after the IPv6 host; expected \":port\"");
      port = after.substr(1);
      if (port.empty())
        return bad_url("the port after \"" + std::string(hostport.substr(0, close + 1)) + ":\" is empty");
    }
    if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos)
      return bad_url("\"" + std::string(host) + "\" is not an IPv6 address");
  } else {
    auto c = hostport.rfind(':');
    host = hostport.substr(0, c);
    if (c != std::string_view::npos) {
      port = hostport.substr(c + 1);
      if (port.empty()) return bad_url("the port after \"" + std::string(host) + ":\" is empty");
    }
    if (host.empty()) return bad_url("the host is missing between \"@\" and \"/\", " + std::string(example));
    if (!valid_host(host))
      return bad_url("the host \"" + std::string(host) + "\" is not a host name or address");
  }
  url.host = std::string(host);
  if (!port.empty()) {
    unsigned long value = 0;
    bool digits = port.size() <= 5;
    for (char c : port) {
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
      value = value * 10 + static_cast<unsigned long>(c - '0');
    }
    if (!digits || value == 0 || value > 65535)
      return bad_url("the port \"" + std::string(port) + "\" is not a number from 1 to 65535");
    url.port = static_cast<unsigned>(value);
  }
  return url;
}

// A value for SOCI's MySQL connect string: quoted, with quotes and backslashes escaped.
std::string connect_value(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string_view to_string(backend kind) noexcept {
  return kind == backend::sqlite ? "sqlite" : "mysql";
}

result<database_url> database_url::parse(std::string_view url, std::string_view base_dir) {
  if (url.empty()) return bad_url("it is empty; " + std::string(expected_forms));
  if (url.substr(0, sqlite_prefix.size()) == sqlite_prefix)
    return parse_sqlite(url.substr(sqlite_prefix.size()), base_dir);
  if (url.substr(0, mysql_prefix.size()) == mysql_prefix) return parse_mysql(url.substr(mysql_prefix.size()));
  // Echo the scheme only: the rest may hold a password.
  auto colon = url.find(':');
  if (colon == std::string_view::npos || colon > 20)
    return bad_url("it has no scheme; " + std::string(expected_forms));
  return bad_url("the scheme \"" + std::string(url.substr(0, colon)) + "\" is not supported; " +
                 std::string(expected_forms));
}

std::string database_url::redacted() const {
  if (kind == backend::sqlite) return "sqlite3:" + sqlite_path;
  std::string out = "mysql://" + percent_encode_userinfo(user);
  if (!password.empty()) out += ":" + std::string(secret::redacted);
  out += "@";
  out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  out += ":" + std::to_string(port) + "/" + name;
  return out;
}

std::string database_url::soci_connect_string() const {
  if (kind == backend::sqlite) {
    // SOCI's SQLite backend treats a string without '=' as the file name, and reads db="..." otherwise.
    if (sqlite_path.find('=') == std::string::npos) return sqlite_path;
    return "db=\"" + sqlite_path + "\"";
  }
  std::string out =
      "host=" + connect_value(host) + " port=" + std::to_string(port) + " user=" + connect_value(user);
  if (!password.empty()) out += " password=" + connect_value(password.reveal());
  out +=
      " db=" + connect_value(name) + " charset=utf8mb4 connect_timeout=10 read_timeout=300 write_timeout=300";
  return out;
}

}  // namespace kingkung::storage
