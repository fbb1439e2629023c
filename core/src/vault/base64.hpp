// Standard base64 (RFC 4648 alphabet, with padding) for the vault's record and key file formats.
// Decoding is strict and canonical: no whitespace, padding only at the end, unused bits zero; so a
// changed character always changes the decoded bytes or is rejected.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kingkung::vault::detail {

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace kingkung::vault::detail
