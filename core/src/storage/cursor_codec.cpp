#include "storage/cursor_codec.hpp"

#include <charconv>

namespace kingkung::storage::detail {
namespace {

constexpr std::string_view version = "1";
constexpr std::size_t max_cursor = 600;

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string fingerprint(std::string_view request_identity) {
  char out[17];
  auto [end, ec] = std::to_chars(out, out + 16, fnv1a(request_identity), 16);
  (void)ec;
  return std::string(out, end);
}

std::string hex_encode(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::optional<std::string> hex_decode(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    int hi = nibble(text[i]), lo = nibble(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace

std::string malformed_cursor_reason() {
  return "the cursor is not one this search handed out (it is malformed or was altered); start again from "
         "the "
         "first page";
}

std::string encode_cursor(const std::vector<std::string>& fields, std::string_view request_identity) {
  std::string payload(version);
  for (const auto& f : fields) payload += "\n" + f;
  payload += "\n" + fingerprint(request_identity);
  return hex_encode(payload);
}

std::variant<std::vector<std::string>, std::string> decode_cursor(std::string_view cursor,
                                                                  std::size_t field_count,
                                                                  std::string_view request_identity) {
  if (cursor.size() > max_cursor) return malformed_cursor_reason();
  auto payload = hex_decode(cursor);
  if (!payload) return malformed_cursor_reason();
  std::vector<std::string> parts;
  std::string_view rest = *payload;
  while (true) {
    auto nl = rest.find('\n');
    parts.emplace_back(rest.substr(0, nl));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  if (parts.size() != field_count + 2 || parts.front() != version) return malformed_cursor_reason();
  if (parts.back() != fingerprint(request_identity))
    return std::string(
        "the cursor belongs to another search (its sort or filters differ); start again from "
        "the first page");
  return std::vector<std::string>(parts.begin() + 1, parts.end() - 1);
}

std::optional<std::int64_t> cursor_integer(std::string_view field) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), n);
  if (field.empty() || ec != std::errc() || end != field.data() + field.size()) return std::nullopt;
  return n;
}

}  // namespace kingkung::storage::detail
