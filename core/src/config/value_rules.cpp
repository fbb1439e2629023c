#include <arpa/inet.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "config/sections.hpp"

namespace kingkung::config::detail {

bool is_component_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_or_digit(name.front())) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return lower_or_digit(c) || c == '-' || c == '_' || c == '.'; });
}

bool is_region_code(std::string_view region) {
  return region.size() == 2 &&
         std::all_of(region.begin(), region.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_ip_address(std::string_view text) {
  std::string s(text);
  unsigned char buf[sizeof(struct in6_addr)];
  return ::inet_pton(AF_INET, s.c_str(), buf) == 1 || ::inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

bool is_http_url(std::string_view text) {
  auto parsed = boost::urls::parse_absolute_uri(text);
  if (!parsed) return false;
  const auto& u = *parsed;
  if (u.scheme_id() != boost::urls::scheme::http && u.scheme_id() != boost::urls::scheme::https) return false;
  return u.has_authority() && !u.encoded_host().empty() && !u.has_userinfo() && !u.has_query() &&
         !u.has_fragment();
}

table_reader reader_for(const toml::table* table, std::string path, diagnostics& diag) {
  static const toml::table empty;
  return table_reader(table != nullptr ? *table : empty, std::move(path), diag);
}

}  // namespace kingkung::config::detail
