#include "request_view.hpp"

#include <algorithm>

namespace kingkung::sim::detail {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

std::optional<request_view> request_view::parse(const plugin::http_request& request) {
  request_view v;
  v.method_ = request.method;
  v.host_ = request.host;
  v.headers_ = request.headers;
  v.body_ = request.body;
  std::string_view target = request.target;
  if (auto hash = target.find('#'); hash != std::string_view::npos) target = target.substr(0, hash);
  auto q = target.find('?');
  v.path_ = std::string(target.substr(0, q));
  if (q == std::string_view::npos) return v;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view item = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (item.empty()) continue;
    auto eq = item.find('=');
    auto key = percent_decode(item.substr(0, eq));
    auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1));
    if (!key || !value) return std::nullopt;
    bool seen =
        std::any_of(v.query_.begin(), v.query_.end(), [&](const query_pair& p) { return p.first == *key; });
    if (!seen) v.query_.emplace_back(std::move(*key), std::move(*value));
  }
  return v;
}

std::optional<std::string> request_view::param(std::string_view name) const {
  for (const auto& [k, v] : query_)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::string> request_view::header(std::string_view name) const {
  std::string wanted = ascii_lower(name);
  for (const auto& h : headers_)
    if (ascii_lower(h.name) == wanted) return std::string(trim(h.value));
  return std::nullopt;
}

std::string request_view::media_type() const {
  auto value = header("content-type");
  if (!value) return {};
  std::string_view v = *value;
  v = trim(v.substr(0, v.find(';')));
  return ascii_lower(v);
}

}  // namespace kingkung::sim::detail
