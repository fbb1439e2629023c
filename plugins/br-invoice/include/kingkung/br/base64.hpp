// Standard base64 (RFC 4648, padded) for the upload body and for files given base64-encoded.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kingkung::br {

std::string base64_encode(std::string_view bytes);
// Strict decoding: the standard alphabet, correct padding; ASCII whitespace (line breaks) is skipped.
// nullopt for anything else.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace kingkung::br
