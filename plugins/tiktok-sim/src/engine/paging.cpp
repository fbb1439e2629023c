#include "paging.hpp"

#include "kingkung/sim/signer.hpp"
#include "nfe.hpp"

namespace kingkung::sim::detail {
namespace {

constexpr unsigned char token_version = 1;
// Three bytes whose base64 form is "++//": every token carries both characters that need encoding.
constexpr unsigned char marker[3] = {0xFB, 0xEF, 0xFF};
constexpr std::size_t mac_size = 6;

std::string mac_of(std::string_view payload, std::string_view key) {
  std::string hex = hmac_sha256_hex(key, payload);
  std::string out;
  for (std::size_t i = 0; i < mac_size; ++i)
    out += static_cast<char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return out;
}

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

std::uint64_t get_u64(std::string_view in) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[static_cast<std::size_t>(i)]);
  return v;
}

}  // namespace

std::string encode_page_token(const page_cursor& cursor, std::string_view key) {
  std::string payload;
  payload += static_cast<char>(token_version);
  put_u64(payload, cursor.query_fingerprint);
  put_u64(payload, static_cast<std::uint64_t>(cursor.sort_value));
  payload += static_cast<char>(std::min<std::size_t>(cursor.last_id.size(), 255));
  payload += cursor.last_id.substr(0, 255);
  std::string raw = payload + mac_of(payload, key);
  while (raw.size() % 3 != 0) raw += '\0';
  raw.append(reinterpret_cast<const char*>(marker), sizeof marker);
  return base64_encode(raw);
}

std::optional<page_cursor> decode_page_token(std::string_view token, std::string_view key) {
  auto raw = base64_decode(token);
  constexpr std::size_t fixed = 1 + 8 + 8 + 1;
  if (!raw || raw->size() < fixed + mac_size + sizeof marker) return std::nullopt;
  if (raw->compare(raw->size() - sizeof marker, sizeof marker, reinterpret_cast<const char*>(marker),
                   sizeof marker) != 0)
    return std::nullopt;
  std::string_view r = *raw;
  if (static_cast<unsigned char>(r[0]) != token_version) return std::nullopt;
  std::size_t id_size = static_cast<unsigned char>(r[17]);
  std::size_t payload_size = fixed + id_size;
  if (payload_size + mac_size + sizeof marker > r.size()) return std::nullopt;
  std::string_view payload = r.substr(0, payload_size);
  if (!constant_time_equal(r.substr(payload_size, mac_size), mac_of(payload, key))) return std::nullopt;
  page_cursor c;
  c.query_fingerprint = get_u64(r.substr(1, 8));
  c.sort_value = static_cast<std::int64_t>(get_u64(r.substr(9, 8)));
  c.last_id = std::string(r.substr(fixed, id_size));
  return c;
}

}  // namespace kingkung::sim::detail
