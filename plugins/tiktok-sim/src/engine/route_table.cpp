#include "route_table.hpp"

#include <algorithm>

#include "handlers.hpp"

namespace kingkung::sim::detail {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

struct shape_match {
  const route* r;
  std::string version;
  std::vector<std::string> params;
};

std::optional<shape_match> match_shape(const route& r, const std::vector<std::string_view>& path) {
  auto pattern = segments(r.pattern);
  if (pattern.size() != path.size()) return std::nullopt;
  shape_match m{&r, {}, {}};
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == "{v}") {
      if (path[i].empty()) return std::nullopt;
      m.version = std::string(path[i]);
    } else if (pattern[i] == "{id}") {
      if (path[i].empty()) return std::nullopt;
      m.params.emplace_back(path[i]);
    } else if (pattern[i] != path[i]) {
      return std::nullopt;
    }
  }
  return m;
}

}  // namespace

const std::vector<route>& api_routes() {
  using cr = cipher_rule;
  const api_error& shop_param = err::invalid_param;
  const api_error& order_param = err::order_invalid_param;
  const api_error& product_param = err::product_invalid_param;
  const api_error& fulfill_param = err::fulfill_invalid_param;
  // clang-format off
  static const std::vector<route> routes = {
      // name                            method    pattern                                                versions                          cipher         scope                               page_size   bad parameter  handler
      {"authorization.shops",            "GET",    "/authorization/{v}/shops",                             {"202309"},                       cr::forbidden, "seller.authorization.info",        0, 0,       shop_param,    authorized_shops},
      {"seller.shops",                   "GET",    "/seller/{v}/shops",                                    {"202309"},                       cr::forbidden, "seller.shop.info",                 0, 0,       shop_param,    active_shops},
      {"order.search",                   "POST",   "/order/{v}/orders/search",                             {"202309"},                       cr::required,  "seller.order.info",                1, 100,     order_param,   search_orders},
      {"order.detail",                   "GET",    "/order/{v}/orders",                                    {"202309", "202507"},             cr::required,  "seller.order.info",                0, 0,       order_param,   order_detail},
      {"product.search",                 "POST",   "/product/{v}/products/search",                         {"202309", "202312", "202502"},   cr::required,  "seller.product.basic",             1, 100,     product_param, search_products},
      {"product.get",                    "GET",    "/product/{v}/products/{id}",                           {"202309"},                       cr::required,  "seller.product.basic",             0, 0,       product_param, get_product},
      {"product.partial_edit",           "POST",   "/product/{v}/products/{id}/partial_edit",              {"202309", "202509"},             cr::required,  "seller.product.write",             0, 0,       product_param, partial_edit_product},
      {"product.inventory_update",       "POST",   "/product/{v}/products/{id}/inventory/update",           {"202309"},                       cr::required,  "seller.product.write",             0, 0,       product_param, update_inventory},
      {"product.prices_update",          "POST",   "/product/{v}/products/{id}/prices/update",             {"202309"},                       cr::required,  "seller.product.write",             0, 0,       product_param, update_prices},
      {"fulfillment.packages_search",    "POST",   "/fulfillment/{v}/packages/search",                     {"202309"},                       cr::required,  "seller.fulfillment.basic",         1, 50,      fulfill_param, search_packages},
      {"fulfillment.package_detail",     "GET",    "/fulfillment/{v}/packages/{id}",                       {"202309"},                       cr::required,  "seller.fulfillment.basic",         0, 0,       fulfill_param, package_detail},
      {"fulfillment.package_ship",       "POST",   "/fulfillment/{v}/packages/{id}/ship",                  {"202309"},                       cr::required,  "seller.fulfillment.basic",         0, 0,       fulfill_param, ship_package},
      {"fulfillment.packages_ship",      "POST",   "/fulfillment/{v}/packages/ship",                       {"202309"},                       cr::required,  "seller.fulfillment.basic",         0, 0,       fulfill_param, batch_ship_packages},
      {"fulfillment.shipping_documents", "GET",    "/fulfillment/{v}/packages/{id}/shipping_documents",    {"202309"},                       cr::required,  "seller.fulfillment.basic",         0, 0,       fulfill_param, shipping_documents},
      {"fulfillment.split_attributes",   "GET",    "/fulfillment/{v}/orders/split_attributes",             {"202309"},                       cr::required,  "seller.fulfillment.package.write", 0, 0,       fulfill_param, split_attributes},
      {"fulfillment.split",              "POST",   "/fulfillment/{v}/orders/{id}/split",                   {"202309"},                       cr::required,  "seller.fulfillment.package.write", 0, 0,       fulfill_param, split_order},
      {"fulfillment.combinable_search",  "GET",    "/fulfillment/{v}/combinable_packages/search",          {"202309"},                       cr::required,  "seller.fulfillment.package.write", 1, 50,      fulfill_param, search_combinable_packages},
      {"fulfillment.combine",            "POST",   "/fulfillment/{v}/packages/combine",                    {"202309"},                       cr::required,  "seller.fulfillment.package.write", 0, 0,       fulfill_param, combine_packages},
      {"fulfillment.uncombine",          "POST",   "/fulfillment/{v}/packages/{id}/uncombine",             {"202309"},                       cr::required,  "seller.fulfillment.package.write", 0, 0,       fulfill_param, uncombine_package},
      {"fulfillment.invoice_upload",     "POST",   "/fulfillment/{v}/invoice/upload",                      {"202502"},                       cr::required,  "seller.fulfillment.basic",         0, 0,       fulfill_param, upload_invoice},
      {"event.webhooks_get",             "GET",    "/event/{v}/webhooks",                                  {"202309"},                       cr::required,  "",                                 0, 0,       shop_param,    get_webhooks},
      {"event.webhooks_put",             "PUT",    "/event/{v}/webhooks",                                  {"202309"},                       cr::required,  "",                                 0, 0,       shop_param,    put_webhook},
      {"event.webhooks_delete",          "DELETE", "/event/{v}/webhooks",                                  {"202309"},                       cr::required,  "",                                 0, 0,       shop_param,    delete_webhook},
  };
  // clang-format on
  return routes;
}

routing resolve(std::string_view method, std::string_view path) {
  routing out;
  auto parts = segments(path);
  std::vector<shape_match> shaped;
  for (const auto& r : api_routes())
    if (auto m = match_shape(r, parts)) shaped.push_back(std::move(*m));
  if (shaped.empty()) {
    out.error = err::invalid_path;
    return out;
  }
  std::vector<shape_match> by_method;
  for (auto& m : shaped)
    if (m.r->method == method) by_method.push_back(std::move(m));
  if (by_method.empty()) {
    out.error = err::invalid_method;
    return out;
  }
  std::vector<shape_match> by_version;
  for (auto& m : by_method)
    if (std::find(m.r->versions.begin(), m.r->versions.end(), m.version) != m.r->versions.end())
      by_version.push_back(std::move(m));
  if (by_version.empty()) {
    out.error = err::invalid_version;
    return out;
  }
  // A literal segment beats a path parameter ("/packages/ship" over "/packages/{id}").
  auto best = std::min_element(
      by_version.begin(), by_version.end(),
      [](const shape_match& a, const shape_match& b) { return a.params.size() < b.params.size(); });
  out.match = best->r;
  out.params = std::move(best->params);
  return out;
}

}  // namespace kingkung::sim::detail
