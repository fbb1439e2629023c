// How vault messages mention text they could not parse: short plain words are quoted, anything longer or
// stranger is described by its length only, because it may be part of a pasted key or token.
#pragma once

#include <string>
#include <string_view>

namespace kingkung::vault::detail {

inline std::string describe_untrusted(std::string_view s, std::size_t max_quoted) {
  if (s.empty()) return "an empty field";
  if (s.size() > max_quoted) return "a " + std::to_string(s.size()) + "-character value";
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
      return "a value with unexpected characters";
  return "\"" + std::string(s) + "\"";
}

inline bool is_key_id(std::string_view s) {
  if (s.size() != 8) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace kingkung::vault::detail
