// What the module keeps per order in module state: the current plan and the split it sent. Stored as
// JSON text; an empty value means none.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/result.hpp"

namespace kingkung::mx::detail {

using package_list = std::vector<std::vector<std::string>>;

struct stored_plan {
  package_list packages;
  std::string source;  // "planner" or "seller"
  std::size_t lower_bound = 0;
  bool minimal = false;
  std::string method;
};

struct split_group {
  std::string group_id;  // the splittable_group_id sent
  std::vector<std::string> line_item_ids;
  std::string package_id;  // the new package, once known
};

struct split_record {
  bool done = false;  // false: a request was sent and its outcome is unknown
  std::vector<split_group> groups;
};

std::string to_state_json(const stored_plan& plan);
std::optional<stored_plan> plan_from_state(std::string_view text);
std::string to_state_json(const split_record& record);
std::optional<split_record> split_from_state(std::string_view text);

// The seller's plan from split.adjust's `plan` field: a list of packages, each a list of line item
// ids, either bare ([["a","b"],["c"]]) or as {"packages": [...]} whose entries may also be
// {"line_item_ids": [...]}. Empty packages are dropped. Errors say where the text went wrong.
plugin::result<package_list> parse_seller_plan(std::string_view text);

}  // namespace kingkung::mx::detail
