#include "kingkung/sim/signer.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>

namespace kingkung::sim {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = digits[data[i] >> 4];
    out[2 * i + 1] = digits[data[i] & 0x0f];
  }
  return out;
}

}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &mac_size);
  return to_hex(mac, mac_size);
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return to_hex(digest, sizeof digest);
}

std::string string_to_sign(std::string_view path, std::vector<query_pair> query, std::string_view body,
                           bool multipart) {
  std::erase_if(query, [](const query_pair& p) { return p.first == "sign" || p.first == "access_token"; });
  std::stable_sort(query.begin(), query.end(),
                   [](const query_pair& a, const query_pair& b) { return a.first < b.first; });
  std::string out(path);
  for (const auto& [key, value] : query) {
    out += key;
    out += value;
  }
  if (!multipart) out += body;
  return out;
}

std::string api_signature(std::string_view app_secret, std::string_view path, std::vector<query_pair> query,
                          std::string_view body, bool multipart) {
  std::string wrapped(app_secret);
  wrapped += string_to_sign(path, std::move(query), body, multipart);
  wrapped += app_secret;
  return hmac_sha256_hex(app_secret, wrapped);
}

std::string webhook_signature(std::string_view app_secret, std::string_view app_key, std::string_view body) {
  std::string message(app_key);
  message += body;
  return hmac_sha256_hex(app_secret, message);
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace kingkung::sim
