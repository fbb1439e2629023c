// Shipping documents of packages: labels from the platform (Get Package Shipping Document gives a
// doc_url, fetched through the shop's transport) and packing slips rendered here.
//
// A doc_url is fetched only when it is on the Open API host (https://open-api.tiktokglobalshop.com):
// the transport reaches that host (or the simulator standing in for it) with the link's path and query,
// and nothing else. A link elsewhere is refused with a message naming its host, never followed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/fulfillment/order_scope.hpp"
#include "kingkung/documents/pdf_writer.hpp"

namespace kingkung::web::fulfillment {

inline constexpr std::string_view document_host = "open-api.tiktokglobalshop.com";

// The label (document type SHIPPING_LABEL, PDF) of one package: the file's bytes, checked to be a PDF.
// Errors name the package and say what failed (the platform's refusal, the link, the download).
plugin::result<std::string> fetch_label(web_context& ctx, const domain::shop& shop,
                                        const sync::shop_link& link, std::string_view package_id);

// Where a doc_url's file is fetched from: the transport target (path and query), or an error naming
// what is wrong with the link. Exposed for tests.
plugin::result<std::string> document_target(std::string_view doc_url);

// The packing slip of one package of the order (with the package's other orders when it is combined).
std::vector<documents::page> packing_slip_pages(web_context& ctx, const order_scope& scope,
                                                std::string_view package_id);

}  // namespace kingkung::web::fulfillment
