// The vault record format and its AES-256-GCM sealing (see kingkung/vault/token_vault.hpp for the text
// format). Shared by the token vault and key rotation.
#pragma once

#include <string>
#include <string_view>

#include "kingkung/common/secret.hpp"
#include "kingkung/vault/keyring.hpp"

namespace kingkung::vault::detail {

inline constexpr std::size_t nonce_size = 12;
inline constexpr std::size_t tag_size = 16;
inline constexpr std::size_t max_record_size = 64 * 1024;

struct record_parts {
  std::string key_id;
  std::string nonce;       // raw bytes
  std::string ciphertext;  // raw bytes, tag last
};

// `subject` names the record in messages, e.g. "vault record for shop 7000714532876273420".
result<record_parts> parse_record(std::string_view text, std::string_view subject);

// Associated data for a shop's token and for a value under a context label; the prefixes keep the two
// apart even when a context equals a shop id.
std::string token_associated_data(std::string_view shop_id);
std::string value_associated_data(std::string_view context);

std::string seal_record(const master_key& key, std::string_view associated_data, std::string_view plaintext);
// Opens with the key the record names. `owner` completes "it does not belong to ..." ("this shop").
result<secret> open_record(const keyring& keys, std::string_view associated_data, std::string_view text,
                           std::string_view subject, std::string_view owner);
result<secret> open_parts(const keyring& keys, std::string_view associated_data, const record_parts& parts,
                          std::string_view subject, std::string_view owner);

}  // namespace kingkung::vault::detail
