// The TikTok Shop endpoints the client calls (method, path template). `{name}` marks a path parameter;
// the template is also the rate-limit key, so calls on different products share one window per API.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace kingkung::tiktok::endpoints {

struct endpoint {
  std::string_view method;
  std::string_view path;  // template
};

// Token host (unsigned GET, app secret in the query).
inline constexpr endpoint token_get{"GET", "/api/v2/token/get"};
inline constexpr endpoint token_refresh{"GET", "/api/v2/token/refresh"};

// Shops (no shop_cipher).
inline constexpr endpoint authorized_shops{"GET", "/authorization/202309/shops"};
inline constexpr endpoint active_shops{"GET", "/seller/202309/shops"};

// Orders.
inline constexpr endpoint search_orders{"POST", "/order/202309/orders/search"};
inline constexpr endpoint order_detail{"GET", "/order/202507/orders"};

// Products.
inline constexpr endpoint search_products{"POST", "/product/202502/products/search"};
inline constexpr endpoint get_product{"GET", "/product/202309/products/{product_id}"};
inline constexpr endpoint partial_edit_product{"POST", "/product/202509/products/{product_id}/partial_edit"};
inline constexpr endpoint update_inventory{"POST", "/product/202309/products/{product_id}/inventory/update"};
inline constexpr endpoint update_price{"POST", "/product/202309/products/{product_id}/prices/update"};

// Fulfillment.
inline constexpr endpoint search_packages{"POST", "/fulfillment/202309/packages/search"};
inline constexpr endpoint package_detail{"GET", "/fulfillment/202309/packages/{package_id}"};
inline constexpr endpoint ship_package{"POST", "/fulfillment/202309/packages/{package_id}/ship"};
inline constexpr endpoint batch_ship{"POST", "/fulfillment/202309/packages/ship"};
inline constexpr endpoint split_attributes{"GET", "/fulfillment/202309/orders/split_attributes"};
inline constexpr endpoint split_order{"POST", "/fulfillment/202309/orders/{order_id}/split"};
inline constexpr endpoint search_combinable{"GET", "/fulfillment/202309/combinable_packages/search"};
inline constexpr endpoint combine_packages{"POST", "/fulfillment/202309/packages/combine"};
inline constexpr endpoint uncombine_package{"POST", "/fulfillment/202309/packages/{package_id}/uncombine"};
inline constexpr endpoint shipping_document{"GET",
                                            "/fulfillment/202309/packages/{package_id}/shipping_documents"};
inline constexpr endpoint upload_invoice{"POST", "/fulfillment/202502/invoice/upload"};

// Webhook subscriptions.
inline constexpr endpoint get_webhooks{"GET", "/event/202309/webhooks"};
inline constexpr endpoint put_webhook{"PUT", "/event/202309/webhooks"};
inline constexpr endpoint delete_webhook{"DELETE", "/event/202309/webhooks"};

// The concrete path: each `{name}` replaced by the percent-encoded value, in order of appearance.
// Callers check that values are non-empty; a count mismatch throws std::logic_error (a bug).
std::string expand(std::string_view path_template, std::initializer_list<std::string_view> values);

}  // namespace kingkung::tiktok::endpoints
