// The addresses of the single-page UI: each serves the same shell (index.html) and the UI's router picks
// the page. Kept in step with the route table of hosts/web/assets/js/app.js.
#pragma once

#include <array>
#include <string_view>

namespace kingkung::web {

inline constexpr std::array<std::string_view, 15> ui_page_patterns{
    "/",         "/signin",   "/dashboard", "/orders",        "/orders/{shop_id}/{order_id}",
    "/packages", "/products", "/products/{shop_id}/{product_id}", "/shops",  "/settings",
    "/api-log",  "/sim/authorize", "/privacy", "/terms",        "/review-guide",
};

// The Content-Security-Policy of the shell and the assets: this origin only, no inline script or style.
inline constexpr std::string_view ui_content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

}  // namespace kingkung::web
