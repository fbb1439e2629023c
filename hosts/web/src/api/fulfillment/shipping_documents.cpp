#include "api/fulfillment/shipping_documents.hpp"

#include <boost/url/parse.hpp>

#include "kingkung/app/platform_services.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/documents/packing_slip.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/package_repository.hpp"
#include "kingkung/tiktok/fulfillment.hpp"

namespace kingkung::web::fulfillment {

using plugin::errc;
using plugin::make_error;

plugin::result<std::string> document_target(std::string_view doc_url) {
  auto url = boost::urls::parse_absolute_uri(doc_url);
  if (!url) return make_error(errc::invalid_argument, "the platform gave a document link that is not a URL");
  if (url->scheme() != "https")
    return make_error(errc::invalid_argument, "the platform gave a document link that is not https");
  if (url->encoded_host() != document_host || url->has_port() || url->has_userinfo())
    return make_error(errc::unsupported, "the document is on " + std::string(url->encoded_host()) +
                                             ", which the shop's transport does not reach");
  std::string target(url->encoded_path());
  if (target.empty() || target.front() != '/') target.insert(target.begin(), '/');
  if (url->has_query()) target += "?" + std::string(url->encoded_query());
  return target;
}

plugin::result<std::string> fetch_label(web_context& ctx, const domain::shop& shop,
                                        const sync::shop_link& link, std::string_view package_id) {
  const std::string what = "the label of package " + std::string(package_id);
  tiktok::shipping_document_request request;
  request.document_type = "SHIPPING_LABEL";
  request.document_format = "PDF";
  auto doc = tiktok::get_shipping_document(*link.api, link.shop, package_id, request);
  if (!doc) {
    const auto& e = doc.err();
    std::string message = what + " is not available: ";
    message +=
        e.code != 0 ? "TikTok Shop answered code " + std::to_string(e.code) + ": " + e.message : e.message;
    return make_error(e.to_plugin_error().code, message);
  }
  auto target = document_target(doc->doc_url);
  if (!target) return make_error(target.err().code, what + " cannot be downloaded: " + target.err().message);
  auto transport = ctx.services->links().transport(shop.transport);
  if (!transport)
    return make_error(transport.err().code, what + " cannot be downloaded: " + transport.err().message);
  plugin::http_request get;
  get.method = "GET";
  get.host = plugin::host_kind::api;
  get.target = *target;
  get.timeout = std::chrono::seconds(30);
  auto answer = (*transport)->send(get);
  if (!answer)
    return make_error(answer.err().code, what + " could not be downloaded: " + answer.err().message);
  if (answer->status != 200)
    return make_error(errc::unavailable, what + " could not be downloaded: the document link answered HTTP " +
                                             std::to_string(answer->status));
  if (answer->body.rfind("%PDF-", 0) != 0) return make_error(errc::unavailable, what + " is not a PDF file");
  return std::move(answer->body);
}

std::vector<documents::page> packing_slip_pages(web_context& ctx, const order_scope& scope,
                                                std::string_view package_id) {
  documents::packing_slip slip;
  slip.shop_name = scope.shop.name;
  slip.package_id = std::string(package_id);
  std::vector<std::string> order_ids{scope.order.id};
  if (!package_id.empty()) {
    auto stored = storage::package_repository(ctx.runtime->database()).get(scope.shop.id, package_id);
    if (stored && *stored) {
      slip.tracking_number = (*stored)->tracking_number;
      for (const auto& id : (*stored)->order_ids)
        if (id != scope.order.id) order_ids.push_back(id);
    }
  }
  storage::order_repository orders(ctx.runtime->database());
  slip.orders.push_back(scope.order);
  for (std::size_t i = 1; i < order_ids.size(); ++i)
    if (auto o = orders.get(scope.shop.id, order_ids[i]); o && *o) slip.orders.push_back(std::move(**o));
  return documents::render_packing_slip(slip);
}

}  // namespace kingkung::web::fulfillment
