// The master keys of the token vault. A keyring holds one or more 32-byte AES-256 keys: the current key
// seals new records, the older ones only open records sealed before a rotation.
//
// Where the keys come from (see load()):
//   1. KINGKUNG_MASTER_KEY in the environment, when set: the base64 of a 32-byte key, or several such
//      values separated by commas, current first (the way to rotate when keys live in the environment).
//   2. Otherwise the key file (config: vault.key_file), created with one new key and mode 0600 when
//      missing. Its format, one key per line, current first ('#' comments and blank lines allowed):
//          kk-vault-v1 <key-id> <base64 of the 32-byte key>
//
// A key id is the first 8 hex characters of SHA-256 of the key: stable wherever the key goes, checked on
// load, and safe to print. Key material never reaches a log line or an error message.
//
// Thread safety: const member functions may be called concurrently; mutation needs exclusive access.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/common/secret.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::vault {

template <class T>
using result = plugin::result<T>;

inline constexpr std::size_t key_size = 32;
inline constexpr std::string_view master_key_variable = "KINGKUNG_MASTER_KEY";

struct master_key {
  std::string id;  // 8 lower-case hex characters
  secret bytes;    // key_size raw bytes

  // A fresh key from the operating system's CSPRNG (OpenSSL RAND_bytes). Throws if that fails.
  static master_key generate();
  // The key with these raw bytes; an error when they are not key_size bytes long.
  static result<master_key> from_bytes(secret raw);
  static std::string id_for(std::string_view raw_bytes);
};

enum class key_origin { file, environment, memory };

struct key_source_options {
  // Look up KINGKUNG_MASTER_KEY here instead of in the process environment (tests inject keys this way).
  const std::map<std::string, std::string>* environment = nullptr;
  // Create the key file (and its parent folders, mode 0700) with one new key when it is missing.
  bool create_if_missing = true;
};

class keyring {
 public:
  // A keyring of the given keys, current first (origin: memory). Throws std::invalid_argument when empty
  // or when two keys share an id.
  explicit keyring(std::vector<master_key> keys);

  // The keys this process should use: the environment variable when set, else the key file.
  static result<keyring> load(const std::filesystem::path& key_file, const key_source_options& options = {});
  // Reads an existing key file. Refuses a file that group or others may read or write.
  static result<keyring> read_file(const std::filesystem::path& key_file);
  // Parses the value of KINGKUNG_MASTER_KEY; `origin` names it in messages.
  static result<keyring> parse_environment_value(std::string_view value, std::string_view origin);
  // Parses key file text; `origin` (the file name) prefixes every message as "origin:line: ...".
  static result<keyring> parse_file_text(std::string_view text, std::string_view origin);

  const master_key& current() const noexcept { return keys_.front(); }
  const master_key* find(std::string_view key_id) const noexcept;
  std::vector<std::string> key_ids() const;  // current first
  std::size_t size() const noexcept { return keys_.size(); }
  key_origin origin() const noexcept { return origin_; }
  const std::filesystem::path& file() const noexcept { return file_; }  // empty unless origin is file

  // Makes `key` the current key; the previous keys stay for opening. An error when its id is taken.
  result<void> make_current(master_key key);
  // Removes an older key. An error for the current key or an unknown id.
  result<void> remove(std::string_view key_id);

  // The key file text: key material, to be written only to a private file.
  secret to_file_text() const;
  // Writes the key file atomically (temporary file, fsync, rename, fsync of the folder), mode 0600.
  result<void> save(const std::filesystem::path& key_file) const;

 private:
  keyring() = default;
  std::vector<master_key> keys_;
  key_origin origin_ = key_origin::memory;
  std::filesystem::path file_;
};

}  // namespace kingkung::vault
