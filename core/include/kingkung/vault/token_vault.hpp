// The token vault: encrypts OAuth tokens (and identifiers such as the shop cipher) before they reach the
// database, with AES-256-GCM under the keyring's current master key.
//
// Record text (what the database stores), four dot-separated fields:
//     v1.<key-id>.<base64 nonce>.<base64 ciphertext+tag>
//   v1          the record format version
//   key-id      the 8 hex characters naming the master key that sealed it (see keyring.hpp)
//   nonce       12 random bytes, new for every record, standard base64 (16 characters)
//   ciphertext  the encrypted value followed by the 16-byte GCM tag, standard base64 with padding
// The associated data binds a record to where it belongs: the shop id for tokens, a caller-chosen context
// label for other values. A record copied to another shop or context fails authentication.
//
// Opening fails closed, with a message that says why and never contains plaintext or key material:
// malformed text (errc::invalid_argument), a key id the keyring lacks (errc::not_found), or a failed
// authentication: altered bytes, another shop's record, another key (errc::unauthenticated).
//
// When the keyring came from a key file, the vault follows that file: before sealing it re-reads the
// file if it changed on disk, and a record naming an unknown key makes it re-read the file once before
// failing. A running host thus picks up `kingkung keys rotate` without a restart.
//
// Thread safety: every member function may be called concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/common/secret.hpp"
#include "kingkung/vault/keyring.hpp"

namespace kingkung::vault {

inline constexpr std::string_view record_version = "v1";

class token_vault {
 public:
  explicit token_vault(keyring keys);
  ~token_vault();
  token_vault(token_vault&&) noexcept;
  token_vault& operator=(token_vault&&) noexcept;
  token_vault(const token_vault&) = delete;
  token_vault& operator=(const token_vault&) = delete;

  // Seals a token for a shop. Throws std::invalid_argument for an empty shop id and std::runtime_error
  // if the crypto library fails (never with the plaintext in the message).
  std::string seal(std::string_view shop_id, const secret& plaintext) const;
  result<secret> open(std::string_view shop_id, std::string_view record) const;

  // The same for any other value kept encrypted (e.g. context "shop_cipher:<shop id>"). Contexts and
  // shop ids never collide: a token record does not open as a value and the reverse.
  std::string seal_value(std::string_view context, std::string_view plaintext) const;
  result<std::string> open_value(std::string_view context, std::string_view record) const;

  std::string current_key_id() const;
  std::vector<std::string> key_ids() const;  // current first

  // Re-reads the key file now (file keyrings only; others are left as they are). On error the keys in
  // use stay unchanged.
  result<void> reload();

  // The key id a record names, without opening it; an error for malformed record text.
  static result<std::string> key_id_of(std::string_view record);

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace kingkung::vault
