#include "http/request_head.hpp"

#include <algorithm>
#include <cctype>

namespace kingkung::http::detail {
namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

raw_head_check malformed(std::string why) {
  return {raw_head_check::verdict::malformed, 0, std::move(why)};
}

}  // namespace

raw_head_check check_raw_head(std::string_view buffered, std::size_t max_header_bytes) {
  const auto end = buffered.find("\r\n\r\n");
  const auto scanned = end == std::string_view::npos ? buffered.size() : end + 4;
  // Judge only what is within the limit: bytes past it are refused by size, whatever they hold.
  const auto judged = std::min(scanned, max_header_bytes);
  for (std::size_t i = 0; i < judged; ++i) {
    const auto c = static_cast<unsigned char>(buffered[i]);
    if (c == '\n') {
      if (i == 0 || buffered[i - 1] != '\r') return malformed("a header line ends in a bare LF, not CRLF");
      if (i + 1 < judged && (buffered[i + 1] == ' ' || buffered[i + 1] == '\t'))
        return malformed("a header line is folded onto the next line, which is refused");
    } else if (c == '\r') {
      if (i + 1 < buffered.size() && buffered[i + 1] != '\n') return malformed("a CR is not followed by LF");
    } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
      constexpr std::string_view hex = "0123456789abcdef";
      return malformed(std::string("the head holds the control byte 0x") + hex[c >> 4] + hex[c & 15]);
    }
  }
  if (end == std::string_view::npos)
    return {buffered.size() >= max_header_bytes ? raw_head_check::verdict::too_large
                                                : raw_head_check::verdict::incomplete,
            0, {}};
  if (end + 4 > max_header_bytes) return {raw_head_check::verdict::too_large, 0, {}};
  return {raw_head_check::verdict::complete, end + 4, {}};
}

head_refusal check_parsed_head(const parsed_head& head) {
  if (head.transfer_encoding_fields > 0) {
    if (head.transfer_encoding_fields > 1 || !same_ignoring_case(trim(head.transfer_encoding), "chunked"))
      return {501, "The only Transfer-Encoding this server reads is \"chunked\"; the request was not processed."};
    if (head.has_content_length)
      return {400, "The request has both Transfer-Encoding and Content-Length; it was not processed."};
  }
  if (head.host_fields > 1) return {400, "The request has more than one Host header; it was not processed."};
  if (head.host_fields == 0 && head.version >= 11)
    return {400, "An HTTP/1.1 request needs a Host header; it was not processed."};

  const auto target = head.target;
  if (!target.empty() && target.front() == '/') return {};
  if (target == "*" && same_ignoring_case(head.method, "OPTIONS")) return {};
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() < scheme.size() || !same_ignoring_case(target.substr(0, scheme.size()), scheme)) continue;
    auto rest = target.substr(scheme.size());
    const auto authority = rest.substr(0, rest.find_first_of("/?#"));
    if (head.host_fields == 1 && same_ignoring_case(authority, trim(head.host))) return {};
    return {400, "The request target names another host than the Host header; it was not processed."};
  }
  return {400, "The request target is not a path starting with \"/\"; it was not processed."};
}

}  // namespace kingkung::http::detail
