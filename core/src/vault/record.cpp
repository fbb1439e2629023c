#include "vault/record.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "kingkung/vault/token_vault.hpp"
#include "vault/base64.hpp"
#include "vault/untrusted_text.hpp"

namespace kingkung::vault::detail {
namespace {

using plugin::errc;
using plugin::make_error;

struct cipher_ctx_free {
  void operator()(EVP_CIPHER_CTX* c) const noexcept { EVP_CIPHER_CTX_free(c); }
};
using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_free>;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

[[noreturn]] void crypto_failure(const char* step) {
  throw std::runtime_error(std::string("vault: AES-256-GCM ") + step + " failed in the crypto library");
}

}  // namespace

result<record_parts> parse_record(std::string_view text, std::string_view subject) {
  auto malformed = [&](const std::string& what) {
    return make_error(errc::invalid_argument, std::string(subject) + " is malformed: " + what);
  };
  if (text.empty()) return malformed("the record is empty");
  if (text.size() > max_record_size)
    return malformed("the record is " + std::to_string(text.size()) + " characters long, more than the " +
                     std::to_string(max_record_size) + " allowed");
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    auto dot = text.find('.', start);
    fields.push_back(
        text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (fields.size() != 4)
    return malformed("expected 4 dot-separated fields \"v1.<key-id>.<nonce>.<ciphertext>\", found " +
                     std::to_string(fields.size()));
  if (fields[0] != record_version)
    return malformed("expected format version \"v1\", found " + describe_untrusted(fields[0], 4));
  if (!is_key_id(fields[1]))
    return malformed("expected a key id of 8 lower-case hex characters, found " +
                     describe_untrusted(fields[1], 8));
  record_parts parts;
  parts.key_id = std::string(fields[1]);
  auto nonce = base64_decode(fields[2]);
  if (!nonce) return malformed("the nonce is not valid base64");
  if (nonce->size() != nonce_size)
    return malformed("the nonce is " + std::to_string(nonce->size()) + " bytes, expected " +
                     std::to_string(nonce_size));
  parts.nonce = std::move(*nonce);
  auto ciphertext = base64_decode(fields[3]);
  if (!ciphertext) return malformed("the ciphertext is not valid base64");
  if (ciphertext->size() < tag_size)
    return malformed("the ciphertext is " + std::to_string(ciphertext->size()) + " bytes, shorter than the " +
                     std::to_string(tag_size) + "-byte authentication tag");
  parts.ciphertext = std::move(*ciphertext);
  return parts;
}

std::string token_associated_data(std::string_view shop_id) {
  return std::string("kk-vault-v1 token ").append(shop_id);
}

std::string value_associated_data(std::string_view context) {
  return std::string("kk-vault-v1 value ").append(context);
}

std::string seal_record(const master_key& key, std::string_view associated_data, std::string_view plaintext) {
  if (key.bytes.size() != key_size)
    throw std::invalid_argument("vault: master key " + key.id + " has the wrong size");
  std::string nonce(nonce_size, '\0');
  if (RAND_bytes(bytes(nonce), static_cast<int>(nonce.size())) != 1) crypto_failure("nonce generation");

  cipher_ctx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) crypto_failure("context allocation");
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce_size), nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key.bytes.reveal()), bytes(nonce)) != 1)
    crypto_failure("initialisation");
  int len = 0;
  if (!associated_data.empty() && EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(associated_data),
                                                    static_cast<int>(associated_data.size())) != 1)
    crypto_failure("associated data");
  std::string sealed(plaintext.size() + tag_size, '\0');
  int written = 0;
  if (!plaintext.empty() && EVP_EncryptUpdate(ctx.get(), bytes(sealed), &written, bytes(plaintext),
                                              static_cast<int>(plaintext.size())) != 1)
    crypto_failure("encryption");
  int final_len = 0;
  if (EVP_EncryptFinal_ex(ctx.get(), bytes(sealed) + written, &final_len) != 1)
    crypto_failure("finalisation");
  written += final_len;
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag_size),
                          bytes(sealed) + written) != 1)
    crypto_failure("tag");
  sealed.resize(static_cast<std::size_t>(written) + tag_size);

  std::string out(record_version);
  out.append(".")
      .append(key.id)
      .append(".")
      .append(base64_encode(nonce))
      .append(".")
      .append(base64_encode(sealed));
  return out;
}

result<secret> open_parts(const keyring& keys, std::string_view associated_data, const record_parts& parts,
                          std::string_view subject, std::string_view owner) {
  const master_key* key = keys.find(parts.key_id);
  if (!key) {
    std::string known;
    for (const auto& id : keys.key_ids()) known.append(known.empty() ? "" : ", ").append(id);
    return make_error(errc::not_found, std::string(subject) + " was sealed with key " + parts.key_id +
                                           ", which is not in the keyring (keys: " + known + ")");
  }
  std::string_view body(parts.ciphertext.data(), parts.ciphertext.size() - tag_size);
  std::string tag = parts.ciphertext.substr(parts.ciphertext.size() - tag_size);

  cipher_ctx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) crypto_failure("context allocation");
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce_size), nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key->bytes.reveal()), bytes(parts.nonce)) != 1)
    crypto_failure("initialisation");
  int len = 0;
  if (!associated_data.empty() && EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(associated_data),
                                                    static_cast<int>(associated_data.size())) != 1)
    crypto_failure("associated data");
  std::string plain(body.size(), '\0');
  int written = 0;
  if (!body.empty() &&
      EVP_DecryptUpdate(ctx.get(), bytes(plain), &written, bytes(body), static_cast<int>(body.size())) != 1)
    crypto_failure("decryption");
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag_size), bytes(tag)) != 1)
    crypto_failure("tag");
  int final_len = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + written, &final_len) != 1) {
    OPENSSL_cleanse(plain.data(), plain.size());
    return make_error(errc::unauthenticated, std::string(subject) + " failed authentication with key " +
                                                 parts.key_id + ": it does not belong to " +
                                                 std::string(owner) + " or was altered");
  }
  plain.resize(static_cast<std::size_t>(written + final_len));
  return secret(std::move(plain));
}

result<secret> open_record(const keyring& keys, std::string_view associated_data, std::string_view text,
                           std::string_view subject, std::string_view owner) {
  auto parts = parse_record(text, subject);
  if (!parts) return std::move(parts).err();
  return open_parts(keys, associated_data, *parts, subject, owner);
}

}  // namespace kingkung::vault::detail
