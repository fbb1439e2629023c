// The files behind Get Package Shipping Document's doc_url: a one-page PDF per package and document
// type, generated from the package's state (the same state gives the same bytes), served on the Open API
// host at a signed link that expires like the platform's (24 hours).
//
//   https://open-api.tiktokglobalshop.com/fulfillment/202309/shipping_documents/files/{package_id}/
//     {document_type}_{size}.pdf (type and size in lower case)?expire={unix}&sign={hex hmac}      (.zpl for
//     BR's ZPL format)
//
// The transport reaches it as a GET on host_kind::api with that path and query; no app signature or
// token is needed (the link's own sign is the credential), as with the platform's document links.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kingkung/plugin/transport.hpp"
#include "sim_core.hpp"

namespace kingkung::sim::detail {

inline constexpr std::string_view document_base_url = "https://open-api.tiktokglobalshop.com";
inline constexpr std::string_view document_path_prefix = "/fulfillment/202309/shipping_documents/files/";
inline constexpr std::int64_t document_link_lifetime = 24 * 3600;

// The doc_url for a package's document, valid for 24 hours from `now`.
std::string document_url(const sim_core& core, std::string_view package_id, std::string_view document_type,
                         std::string_view size, std::string_view format, std::int64_t now);

bool is_document_path(std::string_view path);

// The answer to a GET of a document link: 200 application/pdf; 403 for a wrong or expired sign; 404 for
// an unknown package or a malformed path; 405 for another method.
plugin::http_response serve_document(sim_core& core, const request_view& request, std::int64_t now);

// The PDF itself (exposed for tests).
std::string render_document(const shop_state& shop, const package& p, std::string_view document_type,
                            std::string_view size);

}  // namespace kingkung::sim::detail
