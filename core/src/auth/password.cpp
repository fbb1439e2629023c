#include "kingkung/auth/password.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "kingkung/auth/hashing_gate.hpp"
#include "vault/base64.hpp"

namespace kingkung::auth {
namespace {

constexpr std::size_t salt_size = 16;
constexpr std::size_t hash_size = 32;
constexpr std::string_view prefix = "$scrypt$";

// Bounds on what a stored hash may ask for, so a planted string cannot make verification take
// gigabytes of memory.
constexpr unsigned max_log2_n = 20;
constexpr std::uint64_t max_memory = 512ull * 1024 * 1024;

struct parsed_hash {
  scrypt_params params;
  std::string salt;
  std::string hash;
};

std::uint64_t memory_needed(const scrypt_params& p) {
  // What OpenSSL allocates: 128*r*p for B, 128*r*(N+2) for V, plus slack.
  return 128ull * p.r * p.p + 128ull * p.r * ((1ull << p.log2_n) + 2) + 1024 * 1024;
}

bool acceptable(const scrypt_params& p) {
  return p.log2_n >= 1 && p.log2_n <= max_log2_n && p.r >= 1 && p.r <= 32 && p.p >= 1 && p.p <= 16 &&
         memory_needed(p) <= max_memory;
}

std::string unpadded(std::string b64) {
  while (!b64.empty() && b64.back() == '=') b64.pop_back();
  return b64;
}

std::optional<std::string> decode_unpadded(std::string_view text) {
  if (text.empty() || text.find('=') != std::string_view::npos) return std::nullopt;
  std::string padded(text);
  while (padded.size() % 4 != 0) padded.push_back('=');
  return vault::detail::base64_decode(padded);
}

std::optional<unsigned> read_param(std::string_view& rest, std::string_view name) {
  if (rest.substr(0, name.size()) != name) return std::nullopt;
  rest.remove_prefix(name.size());
  unsigned value = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
  if (ec != std::errc() || end == rest.data() || (rest.front() == '0' && end - rest.data() > 1))
    return std::nullopt;
  rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
  return value;
}

std::optional<parsed_hash> parse(std::string_view stored) {
  if (stored.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = stored.substr(prefix.size());
  parsed_hash out;
  auto ln = read_param(rest, "ln=");
  if (!ln || rest.substr(0, 1) != ",") return std::nullopt;
  rest.remove_prefix(1);
  auto r = read_param(rest, "r=");
  if (!r || rest.substr(0, 1) != ",") return std::nullopt;
  rest.remove_prefix(1);
  auto p = read_param(rest, "p=");
  if (!p || rest.substr(0, 1) != "$") return std::nullopt;
  rest.remove_prefix(1);
  out.params = {*ln, *r, *p};
  if (!acceptable(out.params)) return std::nullopt;
  auto dollar = rest.find('$');
  if (dollar == std::string_view::npos) return std::nullopt;
  auto salt = decode_unpadded(rest.substr(0, dollar));
  auto hash = decode_unpadded(rest.substr(dollar + 1));
  if (!salt || !hash || salt->size() > 64 || hash->size() < 16 || hash->size() > 64) return std::nullopt;
  out.salt = std::move(*salt);
  out.hash = std::move(*hash);
  return out;
}

std::string derive(std::string_view password, std::string_view salt, const scrypt_params& p,
                   std::size_t length) {
  std::string key(length, '\0');
  // Each run holds up to memory_needed(p) bytes: the gate bounds how many run at once.
  auto slot = password_hashing_gate().enter_or_throw();
  if (EVP_PBE_scrypt(password.data(), password.size(), reinterpret_cast<const unsigned char*>(salt.data()),
                     salt.size(), std::uint64_t{1} << p.log2_n, p.r, p.p, memory_needed(p),
                     reinterpret_cast<unsigned char*>(key.data()), key.size()) != 1)
    throw std::runtime_error("password hashing: scrypt failed in the crypto library (out of memory?)");
  return key;
}

}  // namespace

std::string hash_password(std::string_view password) {
  return hash_password(password, current_scrypt_params);
}

std::string hash_password(std::string_view password, const scrypt_params& params) {
  if (!acceptable(params)) throw std::invalid_argument("password hashing: scrypt parameters out of range");
  std::string salt(salt_size, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) != 1)
    throw std::runtime_error("password hashing: the crypto library could not generate a salt");
  std::string key = derive(password, salt, params, hash_size);
  std::string out = std::string(prefix) + "ln=" + std::to_string(params.log2_n) +
                    ",r=" + std::to_string(params.r) + ",p=" + std::to_string(params.p) + "$" +
                    unpadded(vault::detail::base64_encode(salt)) + "$" +
                    unpadded(vault::detail::base64_encode(key));
  OPENSSL_cleanse(key.data(), key.size());
  return out;
}

bool verify_password(std::string_view password, std::string_view stored_hash) {
  auto parsed = parse(stored_hash);
  if (!parsed) return false;
  std::string key;
  try {
    key = derive(password, parsed->salt, parsed->params, parsed->hash.size());
  } catch (const std::runtime_error&) {
    return false;
  }
  bool same = CRYPTO_memcmp(key.data(), parsed->hash.data(), key.size()) == 0;
  OPENSSL_cleanse(key.data(), key.size());
  return same;
}

bool needs_rehash(std::string_view stored_hash) {
  auto parsed = parse(stored_hash);
  if (!parsed) return true;
  const auto& p = parsed->params;
  const auto& want = current_scrypt_params;
  return p.log2_n < want.log2_n || p.r < want.r || p.p < want.p || parsed->salt.size() < salt_size ||
         parsed->hash.size() < hash_size;
}

}  // namespace kingkung::auth
