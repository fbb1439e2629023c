#include "nfe.hpp"

#include <algorithm>

namespace kingkung::sim::detail {
namespace {

// The text of the first element named `name` (any namespace prefix), or nullopt.
std::optional<std::string> element_text(std::string_view xml, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = xml.find('<', pos)) != std::string_view::npos) {
    std::size_t start = pos + 1;
    if (start < xml.size() && (xml[start] == '/' || xml[start] == '?' || xml[start] == '!')) {
      ++pos;
      continue;
    }
    std::size_t end = start;
    while (end < xml.size() && xml[end] != '>' && xml[end] != ' ' && xml[end] != '/' && xml[end] != '\t' &&
           xml[end] != '\n' && xml[end] != '\r')
      ++end;
    std::string_view tag = xml.substr(start, end - start);
    if (auto colon = tag.find(':'); colon != std::string_view::npos) tag = tag.substr(colon + 1);
    if (tag == name) {
      std::size_t open_end = xml.find('>', end);
      if (open_end == std::string_view::npos) return std::nullopt;
      if (xml[open_end - 1] == '/') return std::string();
      std::size_t close = xml.find("</", open_end);
      if (close == std::string_view::npos) return std::nullopt;
      std::string text(xml.substr(open_end + 1, close - open_end - 1));
      text.erase(std::remove_if(text.begin(), text.end(),
                                [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }),
                 text.end());
      return text;
    }
    pos = end;
  }
  return std::nullopt;
}

// The value of attribute `attr` on the first element named `name`.
std::optional<std::string> element_attribute(std::string_view xml, std::string_view name,
                                             std::string_view attr) {
  std::size_t pos = 0;
  while ((pos = xml.find('<', pos)) != std::string_view::npos) {
    std::size_t start = pos + 1;
    std::size_t end = start;
    while (end < xml.size() && xml[end] != '>' && xml[end] != ' ' && xml[end] != '\t' && xml[end] != '\n')
      ++end;
    std::string_view tag = xml.substr(start, end - start);
    if (auto colon = tag.find(':'); colon != std::string_view::npos) tag = tag.substr(colon + 1);
    if (tag == name) {
      std::size_t close = xml.find('>', end);
      std::string_view attrs =
          xml.substr(end, close == std::string_view::npos ? std::string_view::npos : close - end);
      std::string needle = std::string(attr) + "=";
      auto a = attrs.find(needle);
      while (a != std::string_view::npos && a > 0 && attrs[a - 1] != ' ' && attrs[a - 1] != '\t' &&
             attrs[a - 1] != '\n')
        a = attrs.find(needle, a + 1);
      if (a == std::string_view::npos || a + needle.size() >= attrs.size()) return std::nullopt;
      char quote = attrs[a + needle.size()];
      if (quote != '"' && quote != '\'') return std::nullopt;
      auto value_end = attrs.find(quote, a + needle.size() + 1);
      if (value_end == std::string_view::npos) return std::nullopt;
      return std::string(attrs.substr(a + needle.size() + 1, value_end - a - needle.size() - 1));
    }
    pos = end;
  }
  return std::nullopt;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

nfe_facts read_nfe(std::string_view xml) {
  nfe_facts f;
  f.looks_like_nfe =
      xml.find("infNFe") != std::string_view::npos || xml.find("nfeProc") != std::string_view::npos;
  if (auto ch = element_text(xml, "chNFe"); ch && !ch->empty()) {
    f.access_key = *ch;
  } else if (auto id = element_attribute(xml, "infNFe", "Id")) {
    f.access_key = id->rfind("NFe", 0) == 0 ? id->substr(3) : *id;
  }
  if (auto stat = element_text(xml, "cStat")) f.c_stat = *stat;
  return f;
}

char access_key_check_digit(std::string_view first43) {
  int sum = 0;
  int weight = 2;
  for (auto it = first43.rbegin(); it != first43.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = weight == 9 ? 2 : weight + 1;
  }
  int r = sum % 11;
  int dv = r < 2 ? 0 : 11 - r;
  return static_cast<char>('0' + dv);
}

bool access_key_valid(std::string_view key) {
  return key.size() == 44 && all_digits(key) && access_key_check_digit(key.substr(0, 43)) == key[43];
}

std::optional<std::string> base64_decode(std::string_view in) {
  std::string out;
  out.reserve(in.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  bool padding = false;
  for (char c : in) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    if (padding) return std::nullopt;
    int v = b64_value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  if (bits >= 6) return std::nullopt;
  return out;
}

std::string base64_encode(std::string_view in) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(in[i]) << 16) |
                      (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  if (i + 1 == in.size()) {
    std::uint32_t n = static_cast<unsigned char>(in[i]) << 16;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    std::uint32_t n =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

}  // namespace kingkung::sim::detail
