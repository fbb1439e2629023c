#include "kingkung/tiktok/query.hpp"

#include <algorithm>

namespace kingkung::tiktok {
namespace {

bool is_unreserved(unsigned char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_encode(std::string_view text) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(digits[c >> 4]);
      out.push_back(digits[c & 0x0F]);
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string join_values(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out.push_back(',');
    out += values[i];
  }
  return out;
}

bool is_signed_param(std::string_view name) noexcept {
  return name != "sign" && name != "access_token" && name != "x-tts-access-token";
}

std::vector<query_param> canonical_params(const std::vector<query_param>& params) {
  std::vector<query_param> out;
  out.reserve(params.size());
  for (const auto& p : params)
    if (is_signed_param(p.name)) out.push_back(p);
  // std::string compares with char_traits<char>, which orders as unsigned bytes.
  std::stable_sort(out.begin(), out.end(),
                   [](const query_param& a, const query_param& b) { return a.name < b.name; });
  return out;
}

std::string canonical_query(const std::vector<query_param>& params) {
  std::string out;
  for (const auto& p : canonical_params(params)) out.append(p.name).append(p.value);
  return out;
}

std::string encode_query(const std::vector<query_param>& params) {
  std::string out;
  for (const auto& p : params) {
    if (!out.empty()) out.push_back('&');
    out += percent_encode(p.name);
    out.push_back('=');
    out += percent_encode(p.value);
  }
  return out;
}

std::vector<query_param> parse_query(std::string_view encoded) {
  std::vector<query_param> out;
  if (!encoded.empty() && encoded.front() == '?') encoded.remove_prefix(1);
  while (!encoded.empty()) {
    auto amp = encoded.find('&');
    std::string_view pair = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view{} : encoded.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) {
      out.push_back({percent_decode(pair), std::string{}});
    } else {
      out.push_back({percent_decode(pair.substr(0, eq)), percent_decode(pair.substr(eq + 1))});
    }
  }
  return out;
}

parsed_target parse_target(std::string_view target) {
  parsed_target out;
  auto q = target.find('?');
  out.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) out.query = parse_query(target.substr(q + 1));
  return out;
}

}  // namespace kingkung::tiktok
