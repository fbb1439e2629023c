#include "kingkung/tiktok/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <stdexcept>

namespace kingkung::tiktok {
namespace {

constexpr std::string_view secret_placeholder = "[app_secret]";

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 0x0F];
  }
  return out;
}

bool has_param(const std::vector<query_param>& params, std::string_view name) {
  for (const auto& p : params)
    if (p.name == name) return true;
  return false;
}

}  // namespace

bool is_multipart(std::string_view content_type) noexcept {
  auto semi = content_type.find(';');
  std::string_view media = content_type.substr(0, semi);
  while (!media.empty() && std::isspace(static_cast<unsigned char>(media.front()))) media.remove_prefix(1);
  while (!media.empty() && std::isspace(static_cast<unsigned char>(media.back()))) media.remove_suffix(1);
  constexpr std::string_view multipart = "multipart/form-data";
  if (media.size() != multipart.size()) return false;
  for (std::size_t i = 0; i < media.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(media[i])) != multipart[i]) return false;
  return true;
}

std::string string_to_sign(std::string_view path, const std::vector<query_param>& query,
                           std::string_view body, std::string_view content_type) {
  std::string out(path);
  out += canonical_query(query);
  if (!is_multipart(content_type)) out += body;
  return out;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest,
           &length) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed in OpenSSL");
  }
  return to_hex(digest, length);
}

std::string sign(const secret& app_secret, std::string_view unwrapped) {
  const std::string& key = app_secret.reveal();
  std::string wrapped;
  wrapped.reserve(key.size() * 2 + unwrapped.size());
  wrapped.append(key).append(unwrapped).append(key);
  std::string out = hmac_sha256_hex(key, wrapped);
  secret wipe_on_exit(std::move(wrapped));  // the wrapped text contains the secret
  return out;
}

bool constant_time_equals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

signing_preview signed_request(const preview_request& request, const secret& app_secret) {
  signing_preview out;
  std::vector<query_param> params;
  params.reserve(request.query.size() + 3);
  for (const auto& p : request.query)
    if (is_signed_param(p.name)) params.push_back(p);
  if (!has_param(params, "app_key") && !request.app_key.empty())
    params.push_back({"app_key", request.app_key});
  if (!has_param(params, "timestamp")) params.push_back({"timestamp", std::to_string(request.timestamp)});
  params = canonical_params(params);

  out.timestamp = request.timestamp;
  for (const auto& p : params) {
    if (p.name != "timestamp") continue;
    try {
      out.timestamp = std::stoll(p.value);
    } catch (const std::exception&) {
      out.timestamp = 0;  // not a number: signed as given, the platform will refuse it
    }
  }
  out.unwrapped = string_to_sign(request.path, params, request.body, request.content_type);
  out.wrapped = std::string(secret_placeholder) + out.unwrapped + std::string(secret_placeholder);
  out.signature = sign(app_secret, out.unwrapped);
  params.push_back({"sign", out.signature});
  out.target = request.path + "?" + encode_query(params);
  out.params = std::move(params);
  return out;
}

}  // namespace kingkung::tiktok
