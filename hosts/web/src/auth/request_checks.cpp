#include "auth/request_checks.hpp"

#include <algorithm>
#include <cctype>

namespace kingkung::web::request_checks {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::string_view session_cookie_name(bool tls) noexcept {
  return tls ? "__Host-kk_session" : "kk_session";
}

std::vector<std::string> cookie_values(const http::request& req, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [field, value] : req.headers) {
    if (!http::iequals(field, "Cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      auto pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      auto eq = pair.find('=');
      if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
      auto v = trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      if (!v.empty()) out.emplace_back(v);
    }
  }
  return out;
}

std::string session_cookie(bool tls, std::string_view session_id, std::int64_t max_age_seconds) {
  std::string c = std::string(session_cookie_name(tls)) + "=" + std::string(session_id) +
                  "; Path=/; Max-Age=" + std::to_string(max_age_seconds) + "; HttpOnly; SameSite=Lax";
  if (tls) c += "; Secure";
  return c;
}

std::string clearing_session_cookie(bool tls) {
  std::string c = std::string(session_cookie_name(tls)) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
  if (tls) c += "; Secure";
  return c;
}

std::string origin_of(std::string_view url) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) return {};
  std::string scheme = lower(url.substr(0, sep));
  auto rest = url.substr(sep + 3);
  auto host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.find('@') != std::string_view::npos) return {};
  std::string h = lower(host);
  if (scheme == "http" && h.size() > 3 && h.ends_with(":80")) h.resize(h.size() - 3);
  if (scheme == "https" && h.size() > 4 && h.ends_with(":443")) h.resize(h.size() - 4);
  return scheme + "://" + h;
}

bool same_origin(const http::request& req, std::string_view public_url) {
  std::string claimed;
  if (auto origin = req.header("Origin")) {
    claimed = origin_of(trim(*origin));
  } else if (auto referer = req.header("Referer")) {
    claimed = origin_of(trim(*referer));
  } else {
    return false;
  }
  if (claimed.empty()) return false;  // "null", or not a URL
  if (auto host = req.header("Host"); host && !trim(*host).empty()) {
    std::string own =
        origin_of(std::string(req.secure ? "https" : "http") + "://" + std::string(trim(*host)));
    if (!own.empty() && claimed == own) return true;
  }
  std::string configured = origin_of(public_url);
  return !configured.empty() && claimed == configured;
}

bool is_state_changing(std::string_view method) noexcept {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool constant_time_equals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
  return diff == 0;
}

}  // namespace kingkung::web::request_checks
