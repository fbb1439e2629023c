#include <string>

#include "api/routes.hpp"
#include "assets/asset_request.hpp"
#include "assets/embedded_assets.hpp"
#include "assets/ui_pages.hpp"

namespace kingkung::web {
namespace {

// Deep enough for every folder under hosts/web/assets; deeper paths are unknown (404) anyway.
constexpr std::string_view asset_patterns[] = {
    "/assets/{a}",
    "/assets/{a}/{b}",
    "/assets/{a}/{b}/{c}",
    "/assets/{a}/{b}/{c}/{d}",
};

void common_headers(http::response& r) {
  r.headers.set("X-Content-Type-Options", "nosniff");
  r.headers.set("Content-Security-Policy", std::string(ui_content_security_policy));
}

http::response asset_not_found() {
  auto r = http::response::text(404, "Not Found");
  r.headers.set("Cache-Control", "no-store");
  common_headers(r);
  return r;
}

http::response serve_asset(const http::request& req) {
  const auto path = asset_path_from_target(req.target);
  if (!path) return asset_not_found();
  const auto* asset = find_embedded_asset(*path);
  if (asset == nullptr) return asset_not_found();

  http::response r;
  // The browser keeps a copy but asks every time; an unchanged file costs a 304 without a body.
  r.headers.set("Cache-Control", "no-cache");
  r.headers.set("ETag", std::string(asset->etag));
  common_headers(r);
  if (auto tags = req.header("If-None-Match"); tags && etag_matches(*tags, asset->etag)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.status = 200;
  r.content_type = std::string(asset->content_type);
  r.body = std::string(asset->bytes);
  return r;
}

http::response serve_shell() {
  const auto* shell = find_embedded_asset("index.html");
  if (shell == nullptr) return asset_not_found();
  auto r = http::response::html(200, std::string(shell->bytes));
  // The shell carries no data, but a stale one could point at assets that no longer exist.
  r.headers.set("Cache-Control", "no-store");
  common_headers(r);
  return r;
}

}  // namespace

void add_asset_routes(http::router& r, const std::shared_ptr<web_context>&) {
  for (auto pattern : asset_patterns) r.get(pattern, serve_asset);
  for (auto pattern : ui_page_patterns) r.get(pattern, [](const http::request&) { return serve_shell(); });
}

}  // namespace kingkung::web
