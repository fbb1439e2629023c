#include "kingkung/vault/keyring.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "vault/base64.hpp"
#include "vault/untrusted_text.hpp"

namespace kingkung::vault {
namespace {

using plugin::errc;
using plugin::make_error;

constexpr std::string_view file_tag = "kk-vault-v1";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  return words;
}

// Decodes one base64 key; `where` locates it in messages ("KINGKUNG_MASTER_KEY key 2", "file:3").
result<master_key> decode_key(std::string_view text, const std::string& where) {
  auto raw = detail::base64_decode(text);
  if (!raw)
    return make_error(errc::invalid_argument,
                      where + ": the key is not valid base64 (expected the base64 of " +
                          std::to_string(key_size) + " random bytes, e.g. from `openssl rand -base64 32`)");
  if (raw->size() != key_size) {
    auto found = raw->size();
    OPENSSL_cleanse(raw->data(), raw->size());
    return make_error(errc::invalid_argument, where + ": the key decodes to " + std::to_string(found) +
                                                  " bytes, expected " + std::to_string(key_size));
  }
  return master_key::from_bytes(secret(std::move(*raw)));
}

}  // namespace

master_key master_key::generate() {
  std::string raw(key_size, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(raw.size())) != 1)
    throw std::runtime_error("vault: the crypto library could not generate a random master key");
  master_key key;
  key.id = id_for(raw);
  key.bytes = secret(std::move(raw));
  return key;
}

result<master_key> master_key::from_bytes(secret raw) {
  if (raw.size() != key_size)
    return make_error(errc::invalid_argument, "a master key must be " + std::to_string(key_size) +
                                                  " bytes, found " + std::to_string(raw.size()));
  master_key key;
  key.id = id_for(raw.reveal());
  key.bytes = std::move(raw);
  return key;
}

std::string master_key::id_for(std::string_view raw_bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(raw_bytes.data(), raw_bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("vault: SHA-256 failed in the crypto library");
  static constexpr char hex[] = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 4; ++i) {
    id.push_back(hex[digest[i] >> 4]);
    id.push_back(hex[digest[i] & 15]);
  }
  return id;
}

keyring::keyring(std::vector<master_key> keys) : keys_(std::move(keys)) {
  if (keys_.empty()) throw std::invalid_argument("vault: a keyring needs at least one key");
  for (std::size_t i = 0; i < keys_.size(); ++i)
    for (std::size_t j = i + 1; j < keys_.size(); ++j)
      if (keys_[i].id == keys_[j].id)
        throw std::invalid_argument("vault: key " + keys_[i].id + " appears twice");
}

result<keyring> keyring::parse_environment_value(std::string_view value, std::string_view origin) {
  std::vector<master_key> keys;
  std::size_t count = 1;
  for (char c : value) count += c == ',' ? 1 : 0;
  std::size_t start = 0;
  for (std::size_t n = 1; n <= count; ++n) {
    auto comma = value.find(',', start);
    auto text =
        trim(value.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    start = comma == std::string_view::npos ? value.size() : comma + 1;
    std::string where =
        std::string(origin) + (count > 1 ? " key " + std::to_string(n) + " of " + std::to_string(count) : "");
    if (text.empty())
      return make_error(errc::invalid_argument, where + ": empty; expected the base64 of a 32-byte key");
    auto key = decode_key(text, where);
    if (!key) return std::move(key).err();
    for (const auto& k : keys)
      if (k.id == key->id)
        return make_error(errc::invalid_argument, where + ": key " + k.id + " is listed twice");
    keys.push_back(std::move(*key));
  }
  keyring ring(std::move(keys));
  ring.origin_ = key_origin::environment;
  return ring;
}

result<keyring> keyring::parse_file_text(std::string_view text, std::string_view origin) {
  std::vector<master_key> keys;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    auto line = trim(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    std::string where = std::string(origin) + ":" + std::to_string(line_no);
    auto words = split_words(line);
    if (words.size() != 3)
      return make_error(errc::invalid_argument,
                        where + ": expected \"kk-vault-v1 <key-id> <base64 key>\", found " +
                            std::to_string(words.size()) + " field" + (words.size() == 1 ? "" : "s"));
    if (words[0] != file_tag)
      return make_error(errc::invalid_argument, where +
                                                    ": expected \"kk-vault-v1\" first on the line, found " +
                                                    detail::describe_untrusted(words[0], 12));
    if (!detail::is_key_id(words[1]))
      return make_error(errc::invalid_argument,
                        where + ": expected a key id of 8 lower-case hex characters, found " +
                            detail::describe_untrusted(words[1], 8));
    auto key = decode_key(words[2], where);
    if (!key) return std::move(key).err();
    if (key->id != words[1])
      return make_error(errc::invalid_argument,
                        where + ": key id " + std::string(words[1]) +
                            " does not match its key (the id or the key was altered)");
    for (const auto& k : keys)
      if (k.id == key->id)
        return make_error(errc::invalid_argument, where + ": key " + k.id + " is listed twice");
    keys.push_back(std::move(*key));
  }
  if (keys.empty())
    return make_error(
        errc::invalid_argument,
        std::string(origin) + ": holds no key; expected lines \"kk-vault-v1 <key-id> <base64 key>\"");
  keyring ring(std::move(keys));
  ring.origin_ = key_origin::file;
  return ring;
}

const master_key* keyring::find(std::string_view key_id) const noexcept {
  for (const auto& k : keys_)
    if (k.id == key_id) return &k;
  return nullptr;
}

std::vector<std::string> keyring::key_ids() const {
  std::vector<std::string> ids;
  ids.reserve(keys_.size());
  for (const auto& k : keys_) ids.push_back(k.id);
  return ids;
}

result<void> keyring::make_current(master_key key) {
  if (key.bytes.size() != key_size)
    return make_error(errc::invalid_argument,
                      "key " + key.id + " is not a " + std::to_string(key_size) + "-byte key");
  if (find(key.id))
    return make_error(errc::failed_precondition, "key " + key.id + " is already in the keyring");
  keys_.insert(keys_.begin(), std::move(key));
  return {};
}

result<void> keyring::remove(std::string_view key_id) {
  if (keys_.front().id == key_id)
    return make_error(errc::failed_precondition,
                      "key " + std::string(key_id) + " is the current key and cannot be removed");
  for (auto it = keys_.begin(); it != keys_.end(); ++it) {
    if (it->id == key_id) {
      keys_.erase(it);
      return {};
    }
  }
  return make_error(errc::not_found, "key " + std::string(key_id) + " is not in the keyring");
}

secret keyring::to_file_text() const {
  std::string text =
      "# KingKung Seller Center vault master keys. Keep this file private (mode 0600); never share or commit "
      "it.\n"
      "# One key per line, current first: kk-vault-v1 <key-id> <base64 key>. The first key seals new "
      "records;\n"
      "# the others only open records sealed before a rotation (see docs/security-vault.md).\n";
  text.reserve(text.size() + keys_.size() * 128);  // no reallocation leaves key copies behind
  for (const auto& k : keys_) {
    std::string encoded = detail::base64_encode(k.bytes.reveal());
    text.append(file_tag).append(" ").append(k.id).append(" ").append(encoded).append("\n");
    OPENSSL_cleanse(encoded.data(), encoded.size());
  }
  return secret(std::move(text));
}

}  // namespace kingkung::vault
