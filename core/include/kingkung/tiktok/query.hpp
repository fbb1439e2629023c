// Query strings of TikTok Shop requests: values are signed decoded and sent percent-encoded; arrays
// travel as one comma-joined value; the canonical (signed) form sorts keys by bytes and leaves out
// `sign` and the access token.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/market_module.hpp"  // plugin::query_param

namespace kingkung::tiktok {

using query_param = plugin::query_param;  // {name, decoded value}

// Percent-encodes everything outside RFC 3986's unreserved set (A-Z a-z 0-9 - . _ ~), so '+' becomes
// %2B, '/' %2F, ',' %2C and ' ' %20.
std::string percent_encode(std::string_view text);

// Decodes %XX escapes and, as form decoding does, '+' as a space. A malformed escape is kept as text.
std::string percent_decode(std::string_view text);

// "a,b,c": the one value an array parameter is sent and signed as.
std::string join_values(const std::vector<std::string>& values);

// Whether a parameter takes part in the signature (everything but sign, access_token, x-tts-access-token).
bool is_signed_param(std::string_view name) noexcept;

// Signed parameters sorted by name in byte order (stable for equal names).
std::vector<query_param> canonical_params(const std::vector<query_param>& params);

// The concatenation {name}{value}... of canonical_params, values decoded.
std::string canonical_query(const std::vector<query_param>& params);

// "k=v&k2=v2" with names and values percent-encoded, in the given order.
std::string encode_query(const std::vector<query_param>& params);

// Splits an encoded query ("a=1&b=%2B") into decoded parameters, in order. A leading '?' is ignored.
std::vector<query_param> parse_query(std::string_view encoded);

// Splits a request target ("/path?query") into its path and decoded parameters.
struct parsed_target {
  std::string path;
  std::vector<query_param> query;
};
parsed_target parse_target(std::string_view target);

}  // namespace kingkung::tiktok
