// How a request for /assets/... is read: which embedded file it names, and whether the browser's cached
// copy is still good.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kingkung::web {

// The asset path named by a raw request-target ("/assets/js/app.js?v=2" -> "js/app.js"). nullopt for
// anything that is not a plain relative file path: percent escapes (so "%2e%2e" and "%2f" never decode
// into a traversal), backslashes, "." or ".." segments, empty segments, or a target outside /assets/.
std::optional<std::string> asset_path_from_target(std::string_view target);

// Whether an If-None-Match header value ("\"a\", W/\"b\"" or "*") matches `etag` (weak comparison,
// as RFC 9110 asks for If-None-Match).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace kingkung::web
