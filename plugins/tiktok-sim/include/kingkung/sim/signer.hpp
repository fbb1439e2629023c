// TikTok Shop request and webhook signatures, implemented from the platform's published algorithm
// (docs/tiktok-shop-api.md, sections 3.2 and 6). The simulator verifies with these; tests sign with them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kingkung::sim {

// One query parameter, decoded (the value as it was before percent-encoding).
using query_pair = std::pair<std::string, std::string>;

// The unwrapped string to sign: path, then every query parameter except `sign` and `access_token`
// sorted by key in byte order as key+value, then the body unless the request is multipart.
std::string string_to_sign(std::string_view path, std::vector<query_pair> query, std::string_view body,
                           bool multipart = false);

// Lower-case hex HMAC-SHA256 of app_secret + string_to_sign + app_secret, keyed with app_secret.
std::string api_signature(std::string_view app_secret, std::string_view path, std::vector<query_pair> query,
                          std::string_view body, bool multipart = false);

// Webhook `Authorization` header value: hex HMAC-SHA256(app_secret, app_key + body).
std::string webhook_signature(std::string_view app_secret, std::string_view app_key, std::string_view body);

// Lower-case hex HMAC-SHA256 of `message` keyed with `key`.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view data);

// Compares two strings in time that depends only on their lengths.
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace kingkung::sim
