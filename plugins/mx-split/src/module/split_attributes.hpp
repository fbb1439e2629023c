// An order's split attributes (Get Order Split Attributes, docs/tiktok-shop-api.md 5.4): whether the
// platform allows and requires a split, and the limits a split must meet. Also the module's stored
// copy of them (JSON text in module state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kingkung/plugin/result.hpp"

namespace kingkung::mx::detail {

struct split_reason {
  std::string type;         // CATEGORY_ITEM_LIMITATION or TOTAL_COUNT_LIMITATION
  std::string category_id;  // CATEGORY_ITEM_LIMITATION only
  std::int64_t max_count = 0;
};

struct split_attributes {
  std::string order_id;
  bool can_split = false;
  std::string reason;  // why not, when can_split is false
  bool must_split = false;
  std::vector<split_reason> reasons;
};

inline constexpr std::string_view category_limit_type = "CATEGORY_ITEM_LIMITATION";
inline constexpr std::string_view total_limit_type = "TOTAL_COUNT_LIMITATION";

// Reads the attributes of `order_id` from the `data` of a Get Order Split Attributes answer.
// not_found when the answer does not list the order; invalid_argument naming the field otherwise.
plugin::result<split_attributes> parse_split_attributes(std::string_view data_json,
                                                        std::string_view order_id);

std::string to_state_json(const split_attributes& a);
std::optional<split_attributes> attributes_from_state(std::string_view json);

// "at most 1 item of category 601739 (Mobile Phones) and at most 5 items per package".
std::string describe_limits(const split_attributes& a,
                            const std::vector<std::pair<std::string, std::string>>& category_names);

}  // namespace kingkung::mx::detail
