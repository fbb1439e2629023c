// The platform's error codes and messages the simulator answers with (docs/tiktok-shop-api.md 4.2 and
// the endpoint error tables). Messages are the platform's wording, so clients can match on them.
#pragma once

#include <cstdint>
#include <string_view>

namespace kingkung::sim::detail {

struct api_error {
  std::int64_t code = 0;
  std::string_view message;
  int http_status = 200;
};

namespace err {
// Gateway: routing.
inline constexpr api_error invalid_path{
    36009009, "Invalid path. The specified path does not match any available endpoint.", 404};
inline constexpr api_error invalid_method{
    36009010, "Invalid method. The HTTP method used is not supported by this endpoint.", 405};
inline constexpr api_error invalid_version{
    36009014, "Invalid API version. The `version` value is invalid or unsupported.", 404};
inline constexpr api_error legacy_version_param{
    36009004, "Invalid API version. The `version` value is invalid or unsupported.", 400};
// Gateway: credentials.
inline constexpr api_error invalid_app_key{36009004,
                                           "Invalid credentials. Invalid `app_key` query parameter.", 400};
inline constexpr api_error missing_sign{
    36009004, "Missing credentials. The request does not include a required signature in the query.", 400};
inline constexpr api_error invalid_sign{106001, "Invalid credentials. The `sign` query parameter is invalid.",
                                        400};
inline constexpr api_error timestamp_negative{
    36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.",
    400};
inline constexpr api_error timestamp_too_old{
    36009004,
    "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes "
    "before the current time.",
    400};
inline constexpr api_error timestamp_in_future{
    36009004,
    "Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by "
    "more than 30 seconds.",
    400};
inline constexpr api_error invalid_access_token{
    36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.", 401};
inline constexpr api_error expired_access_token{
    105002, "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.", 401};
inline constexpr api_error token_not_for_shop{101000,
                                              "Invalid query or header. The `category_asset_cipher` query "
                                              "parameter or `x-tts-access-token` header is invalid.",
                                              401};
inline constexpr api_error missing_scope{
    105005,
    "Access denied. The app is not authorized to access the endpoint because the access scopes granted for "
    "the app or the access token do not contain the required access scope for the endpoint.",
    403};
inline constexpr api_error missing_shop_cipher{
    106013, "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.",
    400};
inline constexpr api_error unexpected_shop_cipher{
    36009004, "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.",
    400};
inline constexpr api_error invalid_shop_id{
    36009004, "Invalid identifier. The `shop_id` query parameter is invalid.", 400};
inline constexpr api_error bad_content_type{
    36009022,
    "Invalid request format. The request body format must be `application/json` for structured data or "
    "`multipart/form-data` for binary files.",
    400};
inline constexpr api_error too_many_requests{
    36009002, "Too many requests. You've made too many requests in a short period of time.", 429};
inline constexpr api_error file_too_large{
    36009021, "Invalid file size. The uploaded file size exceeds the maximum limit.", 400};
inline constexpr api_error internal{36009003,
                                    "Internal error. Please try again. If the issue persists after multiple "
                                    "attempts, please contact platform support.",
                                    500};
inline constexpr api_error overloaded{
    36009003,
    "Internal error. Please try again. If the issue persists after multiple "
    "attempts, please contact platform support.",
    503};
inline constexpr api_error request_timeout{36009007, "Request timeout.", 504};
inline constexpr api_error invalid_param{36009004, "invalid param error", 400};

// Token host.
inline constexpr api_error invalid_auth_code{36004004, "Invalid auth code."};
inline constexpr api_error invalid_app_secret{
    36009004, "Invalid credentials. Invalid `app_secret` query parameter.", 400};
inline constexpr api_error invalid_grant_type{
    36009004, "Invalid credentials. Invalid `grant_type` query parameter.", 400};
inline constexpr api_error invalid_refresh_token{
    36009004, "Invalid credentials. The `refresh_token` query parameter is invalid.", 400};
inline constexpr api_error expired_refresh_token{
    105002, "Expired credentials. The `refresh_token` has expired.", 400};

// Orders and fulfillment.
inline constexpr api_error order_invalid_param{
    21001001, "Invalid parameters. Please ensure you are passing the correct request parameter(s)."};
inline constexpr api_error not_this_seller{21008111,
                                           "The order or package does not belong to the current seller."};
inline constexpr api_error fulfill_invalid_param{
    21011005, "Invalid parameters. Please ensure you are passing the correct request parameter(s)."};
inline constexpr api_error split_not_allowed{21011035, "split order not allowed"};
inline constexpr api_error split_breaks_limit{21003002,
                                              "The split does not satisfy the platform limitations for this "
                                              "order. Check the order's split attributes."};
inline constexpr api_error already_shipped{21011040, "Package has already been shipped."};
inline constexpr api_error order_cancelled{21011041,
                                           "Cannot complete the operation when order is cancelled. "};
inline constexpr api_error must_split_first{21004024, "ship order failed due to platform limitations."};
inline constexpr api_error invoice_missing{
    21004006, "Failed to ship. Please ensure an invoice is uploaded before shipping."};
inline constexpr api_error invoice_missing_some{21004019, "Need invoice uploaded for all order before rts."};
inline constexpr api_error invoice_not_success{21004020,
                                               "Fulfillment Invoice status is not success, can not rts pkg."};
inline constexpr api_error invalid_tracking{
    21011022, "Invalid tracking number or provider ID. Please double check and try again."};
inline constexpr api_error duplicate_tracking{21011025, "Duplicate tracking number. "};
inline constexpr api_error action_not_allowed{21011003, "fulfill_unit action not allowed"};
inline constexpr api_error package_not_in_shop{21011028,
                                               "The package does not belong to the current shop.   "};
inline constexpr api_error order_not_in_package{21011029, "order not in fulfill unit"};
inline constexpr api_error combine_not_allowed{10007014, "fulfillment not allow combine package"};
inline constexpr api_error invoice_exists{10007014,
                                          "The invoice already exists in the upload. Please try again later"};

// Products.
inline constexpr api_error product_invalid_param{
    12052910, "Invalid input parameters. Refer to the API documentation for details."};
inline constexpr api_error product_not_found{12019150, "The product ID does not exist."};
inline constexpr api_error product_does_not_exist{12052032, "The product does not exist"};
inline constexpr api_error product_status_invalid{12019113, "product status is invalid"};
inline constexpr api_error price_format{12052012, "Incorrect price format"};
inline constexpr api_error price_out_of_range{12052073, "The product price is invalid"};
inline constexpr api_error currency_not_available{
    12052084, "The provided currency is not available for this shop/region."};
inline constexpr api_error price_locked{12052038, "Product price locked due to ongoing promotion."};
inline constexpr api_error stock_invalid{12019024, "stock count is invalid"};
inline constexpr api_error sku_id_required{12052036, "The SKU ID is necessary"};
inline constexpr api_error sku_not_in_product{12052557, "The SKU ID does not belong to the product."};
inline constexpr api_error multiple_warehouses{
    12019028,
    "Multiple warehouses detected. Include all warehouse IDs and the corresponding details and try again."};
inline constexpr api_error warehouse_unknown{12052097, "The warehouse does not exist"};
inline constexpr api_error check_failed{12052990, "The check failed."};
inline constexpr api_error title_empty{12052261, "product name is empty"};
inline constexpr api_error title_too_long{12052051, "The product name exceed max limit characters"};
inline constexpr api_error sku_list_empty{
    12052902, "The SKU list is empty. Either omit the list entirely, or provide all required details."};
inline constexpr api_error too_many_seller_skus{
    12019027, "The maximum count of “seller_skus” in the search filter is 10."};
inline constexpr api_error too_many_sku_ids{12019087, "The number of SKU IDs exceeds the limit of 10"};
inline constexpr api_error search_cap{12052180, "The total number of search results can not exceed 10000."};
}  // namespace err

}  // namespace kingkung::sim::detail
