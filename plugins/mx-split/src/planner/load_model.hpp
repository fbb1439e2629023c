// The planner's working form of a request: one dimension per limit (total count, each limited
// category, the value cap), and the units to place ("blocks": single items, or all units of a SKU for
// local sellers) with their load in every dimension.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kingkung/mx/split_plan.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::mx::detail {

enum class dimension_kind { total_count, category_count, declared_value };

struct dimension {
  dimension_kind kind = dimension_kind::total_count;
  std::string category_id;    // category_count only
  std::string category_name;  // category_count only; may be empty
  std::int64_t capacity = 0;
};

struct block {
  std::vector<std::size_t> items;  // indexes into split_request::items, ascending
  std::vector<std::int64_t> load;  // per dimension
};

struct load_model {
  std::vector<dimension> dims;
  std::vector<block> blocks;         // in order of their first item
  std::vector<std::int64_t> totals;  // per dimension, over all blocks
  // Per item: the category dimensions it counts towards.
  std::vector<std::vector<std::size_t>> item_categories;
};

// One dimension per limit, in the order total, categories (first report wins the place, the smaller
// max_count wins the capacity), value. No checks.
std::vector<dimension> limit_dimensions(const split_limits& limits);

// Checks the request (see plan_split's errors) and builds the model.
plugin::result<load_model> build_load_model(const split_request& request);

// The fewest packages any plan can use: max over dimensions of ceil(total / capacity), at least 1.
std::size_t lower_bound(const load_model& model);

// Whether a bin with `load` can take block `b`.
bool fits(const load_model& model, const std::vector<std::int64_t>& load, const block& b);

// A block's largest share of a capacity, as a fraction (only for ordering blocks, never for money).
double weight(const load_model& model, const block& b);

// "category 600942 (Makeup)".
std::string category_label(const std::string& id, const std::string& name);

// Packing algorithms. Each answers one bin index per block.
std::vector<std::size_t> first_fit_decreasing(const load_model& model);
// Only when every block is one item with at most one category dimension and there is no value
// dimension; answers exactly lower_bound(model) bins.
std::vector<std::size_t> balanced_assignment(const load_model& model);
bool balanced_assignment_applies(const load_model& model, seller_kind seller);
// Searches for an assignment into `bins` bins; empty when none exists or when the node budget ran out
// (`exhausted` tells which).
std::vector<std::size_t> exact_assignment(const load_model& model, std::size_t bins, bool& exhausted);

std::size_t bin_count(const std::vector<std::size_t>& assignment);

}  // namespace kingkung::mx::detail
