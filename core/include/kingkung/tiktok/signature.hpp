// Request signing for the TikTok Shop Open API (202309 and later):
//   sign = hex(HMAC-SHA256(key = app_secret, app_secret + path + canonical_query + body + app_secret))
// where the body is left out for multipart/form-data and GET requests carry none.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/common/secret.hpp"
#include "kingkung/tiktok/query.hpp"

namespace kingkung::tiktok {

// Whether a content-type header value names multipart/form-data (parameters such as the boundary and
// letter case are ignored).
bool is_multipart(std::string_view content_type) noexcept;

// The unwrapped string to sign: path + canonical_query(query) + body (body omitted for multipart).
std::string string_to_sign(std::string_view path, const std::vector<query_param>& query,
                           std::string_view body, std::string_view content_type = "application/json");

// Lower-case hex HMAC-SHA256 of app_secret + unwrapped + app_secret, keyed with app_secret.
std::string sign(const secret& app_secret, std::string_view unwrapped);

// Lower-case hex HMAC-SHA256 of `message` keyed with `key`.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// Compares two strings in time that does not depend on where they differ.
bool constant_time_equals(std::string_view a, std::string_view b) noexcept;

// What `kingkung sign` prints, built exactly as the client builds a request.
struct signing_preview {
  std::string wrapped;              // "[app_secret]" + unwrapped + "[app_secret]": the secret is never shown
  std::string unwrapped;            // path + canonical query + body
  std::vector<query_param> params;  // every query parameter sent, common ones included, sign last
  std::int64_t timestamp = 0;       // the timestamp signed
  std::string signature;            // lower-case hex
  std::string target;               // path?query as sent (percent-encoded, sign included)
};

struct preview_request {
  std::string method = "GET";
  std::string path;
  std::vector<query_param> query;  // business parameters; app_key/timestamp are added when absent
  std::string body;                // exact bytes
  std::string content_type = "application/json";
  std::string app_key;
  std::int64_t timestamp = 0;  // used when the query has no timestamp
};

signing_preview signed_request(const preview_request& request, const secret& app_secret);

}  // namespace kingkung::tiktok
