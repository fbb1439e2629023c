// Reference data the demo generator draws from: categories (with the Mexico cross-border package
// limits), product templates in English, Spanish and Portuguese, and per-region currency, names and
// addresses. All invented for the demo; no real seller or buyer data.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kingkung::sim::detail {

struct category_info {
  std::string_view id;
  std::string_view parent_name;
  std::string_view name;
  int mx_cross_border_limit;   // max units of this category per package for MX cross-border; 0: none
  std::string_view attribute;  // sales attribute name
  std::array<std::string_view, 3> values;
  int weight_grams;
};

struct product_template {
  std::string_view category_id;
  std::string_view title_en;
  std::string_view title_es;
  std::string_view title_pt;
  std::string_view brand;
  std::string_view code;  // for seller SKUs
  std::int64_t usd_cents;
};

struct city_info {
  std::string_view state;
  std::string_view state_code;
  std::string_view city;
  std::string_view district;  // colonia, bairro, neighbourhood
  std::string_view postal_code;
  int tax_basis_points;                    // US sales tax; 0 elsewhere
  std::int64_t retail_delivery_fee_cents;  // US Colorado-style fee; 0 elsewhere
};

struct region_info {
  std::string_view region;
  std::string_view currency;
  std::string_view country;
  std::string_view language;  // "en", "es", "pt"
  std::string_view phone_prefix;
  std::int64_t fx_num;  // local minor units = usd cents * fx_num / fx_den
  std::int64_t fx_den;
  std::int64_t shipping_fee_usd_cents;
  const std::vector<std::string>* first_names;
  const std::vector<std::string>* last_names;
  const std::vector<city_info>* cities;
  const std::vector<std::string>* streets;
  const std::vector<std::pair<std::string, std::string>>* carriers;  // name, id
};

// MX cross-border: the most units any one package may hold.
inline constexpr int mx_cross_border_total_limit = 5;

const std::vector<category_info>& categories();
const category_info* find_category(std::string_view id);
const std::vector<product_template>& product_templates();
// Regions the simulator has data for (MX, BR, US, GB, DE, FR, ES, IT, IE, JP, ID, MY, PH, SG, TH, VN).
bool known_region(std::string_view region);
std::vector<std::string> known_regions();
const region_info& region_data(std::string_view region);
std::string_view localized_title(const product_template& t, std::string_view language);

}  // namespace kingkung::sim::detail
