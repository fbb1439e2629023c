// What the split planner works on: an order's line items (one unit each on this platform), the limits
// the platform reported for the order (Get Order Split Attributes) plus the seller's own optional rule,
// and the plan it answers with.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kingkung::mx {

// How far the platform lets a seller split (docs/tiktok-shop-api.md 5.4): cross-border sellers split
// item by item; local sellers keep every unit of a SKU in one package (all-units split).
enum class seller_kind { cross_border, local };

// "CROSS_BORDER" is item-level; anything else gets the stricter all-units rule, which is also valid
// for cross-border sellers.
seller_kind seller_kind_from(std::string_view seller_type) noexcept;

struct split_item {
  std::string id;  // line item id
  std::string sku_id;
  // The product's category chain (leaf and ancestors), when known. An item counts towards a category
  // limit when the limit's category is in its chain.
  std::vector<std::string> category_ids;
  std::int64_t value = 0;  // declared value in ten-thousandths (its sale price); used by max_value only
};

struct category_limit {
  std::string category_id;
  std::int64_t max_count = 0;  // at most this many items of the category per package
  std::string category_name;   // for messages; may be empty
};

struct split_limits {
  std::vector<category_limit> categories;  // CATEGORY_ITEM_LIMITATION
  std::optional<std::int64_t> max_items;   // TOTAL_COUNT_LIMITATION: items per package
  std::optional<std::int64_t> max_value;   // the seller's declared-value cap per package (ten-thousandths)
};

struct split_request {
  std::vector<split_item> items;
  split_limits limits;
  seller_kind seller = seller_kind::cross_border;
};

enum class plan_method {
  single_package,  // no limit is broken: one package
  balanced,        // items dealt out in turn over the lower bound's number of packages (always minimal)
  exact,           // branch and bound over every assignment
  first_fit_decreasing,
};
std::string_view to_string(plan_method m) noexcept;

struct split_plan {
  // Line item ids per package. Packages are ordered by their first item in the order; items keep the
  // order's order inside a package.
  std::vector<std::vector<std::string>> packages;
  std::size_t lower_bound = 1;  // no plan can use fewer packages than this
  bool minimal = false;         // proven: no plan uses fewer packages
  plan_method method = plan_method::single_package;
};

enum class violation_kind {
  unknown_item,    // a package names an id that is not an item of the order
  duplicate_item,  // an item is placed twice
  missing_item,    // an item is in no package
  empty_package,
  total_count,     // TOTAL_COUNT_LIMITATION
  category_count,  // CATEGORY_ITEM_LIMITATION
  declared_value,  // the seller's max_declared_value_per_package
  sku_split,       // a local seller's SKU is spread over several packages
};
std::string_view to_string(violation_kind k) noexcept;

struct plan_violation {
  violation_kind kind = violation_kind::missing_item;
  std::optional<std::size_t> package;  // 0-based index of the package at fault, when there is one
  std::string subject;                 // the line item, category or SKU concerned
  std::int64_t limit = 0;              // the limit (value limits in ten-thousandths)
  std::int64_t found = 0;              // what the package holds
  std::string message;                 // for the seller; packages are numbered from 1
};

}  // namespace kingkung::mx
