// The UI files compiled into the host (hosts/web/assets, embedded by cmake/EmbedAssets.cmake).
#pragma once

#include <span>
#include <string_view>

namespace kingkung::web {

struct embedded_asset {
  std::string_view path;          // relative to the assets folder: "js/app.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view etag;          // a strong validator from the content's SHA-256, quoted: "\"3fa2...\""
  std::string_view bytes;
};

// Every embedded file, sorted by path. Defined in the generated embedded_assets.cpp.
std::span<const embedded_asset> embedded_assets();

// The file at `path` ("css/app.css"), or null.
const embedded_asset* find_embedded_asset(std::string_view path);

}  // namespace kingkung::web
