#include "api/catalog/platform_fields.hpp"

namespace kingkung::web::catalog {
namespace {

// Product error codes of the platform (docs/tiktok-shop-api.md, section 5.3).
constexpr std::int64_t invalid_param = 12052910;
constexpr std::int64_t title_empty = 12052261;
constexpr std::int64_t title_too_long = 12052051;
constexpr std::int64_t price_format = 12052012;
constexpr std::int64_t price_out_of_range = 12052073;
constexpr std::int64_t currency_not_available = 12052084;
constexpr std::int64_t price_locked = 12052038;
constexpr std::int64_t stock_invalid = 12019024;
constexpr std::int64_t warehouse_unknown = 12052097;
constexpr std::int64_t multiple_warehouses = 12019028;
constexpr std::int64_t product_status_invalid = 12019113;

std::string_view name_of(product_input input) {
  switch (input) {
    case product_input::title: return "title";
    case product_input::description: return "description";
    case product_input::price: return "price";
    case product_input::inventory: return "inventory";
  }
  return {};
}

}  // namespace

std::string field_for_code(std::int64_t code, product_input sent) {
  switch (code) {
    case title_empty:
    case title_too_long: return "title";
    case price_format:
    case price_out_of_range:
    case currency_not_available:
    case price_locked: return "price";
    case stock_invalid:
    case warehouse_unknown:
    case multiple_warehouses: return "inventory";
    case invalid_param: return std::string(name_of(sent));
    default: return {};
  }
}

std::string seller_message(std::int64_t code, std::string_view platform_message) {
  std::string what;
  switch (code) {
    case title_empty: what = "The title cannot be empty"; break;
    case title_too_long:
      what = "The title is too long for this shop's region (at most 300 characters in Mexico and Brazil, 255 "
             "elsewhere)";
      break;
    case price_format: what = "The price must be a positive amount in the shop's currency"; break;
    case price_out_of_range: what = "The price is outside the range the platform allows in this market"; break;
    case currency_not_available: what = "The currency is not the shop's currency"; break;
    case price_locked: what = "The price is locked while a promotion runs"; break;
    case stock_invalid: what = "The quantity must be a whole number from 1 to 99,999"; break;
    case warehouse_unknown: what = "The warehouse is not one of the shop's warehouses"; break;
    case multiple_warehouses: what = "List every warehouse of the SKU with its quantity"; break;
    case product_status_invalid:
      what = "The platform takes stock changes only for live products; wait for the review to finish";
      break;
    default: what = "TikTok Shop refused the change"; break;
  }
  if (platform_message.empty()) return what;
  return what + " (TikTok Shop: " + std::string(platform_message) + ")";
}

}  // namespace kingkung::web::catalog
