// The pieces of the session guard that only read the request: cookies, Origin and Referer, CSRF tokens.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/http/message.hpp"

namespace kingkung::web::request_checks {

// "__Host-kk_session" under TLS (Secure, no Domain, Path=/: it cannot be planted from a sibling host),
// "kk_session" over plain HTTP.
std::string_view session_cookie_name(bool tls) noexcept;

// Every value of cookie `name` in the request's Cookie headers, in order.
std::vector<std::string> cookie_values(const http::request& req, std::string_view name);

// Set-Cookie values: the session cookie (HttpOnly, SameSite=Lax, Path=/, Secure under TLS), and the one
// that deletes it.
std::string session_cookie(bool tls, std::string_view session_id, std::int64_t max_age_seconds);
std::string clearing_session_cookie(bool tls);

// "scheme://host[:port]" in lower case without a default port; empty when `url` has no scheme and host.
std::string origin_of(std::string_view url);

// True when the request's Origin (else its Referer) is the request's own scheme and Host, or the
// origin of `public_url`. False when neither header is present, or Origin is "null".
bool same_origin(const http::request& req, std::string_view public_url);

// POST, PUT, PATCH and DELETE (and any method that is not GET, HEAD or OPTIONS).
bool is_state_changing(std::string_view method) noexcept;

// Compares in time that depends only on the lengths.
bool constant_time_equals(std::string_view a, std::string_view b) noexcept;

}  // namespace kingkung::web::request_checks
