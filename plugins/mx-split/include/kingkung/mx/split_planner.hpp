// The Mexico split planner: groups an order's line items into as few packages as possible such that
// every package satisfies every limit at once (the platform accepts a split only when all of them hold,
// in one call). Pure functions; safe to call from any thread.
//
// Guarantees of plan_split (docs/mx-split.md):
//   - every line item is in exactly one package, every package is within every limit, and a local
//     seller's SKU is never spread over two packages;
//   - the plan is proven minimal (split_plan::minimal) when it meets the lower bound, when the order is
//     item-level with at most one limited category per item and no value cap (then dealing the items out
//     in turn always meets the lower bound), or when it has at most exact_search_max_units units to place
//     (branch and bound);
//   - otherwise first-fit decreasing is used, and it never needs more than 2·D·OPT packages, where D
//     is the number of limits the order touches (the total count, each limited category present, the
//     value cap) and OPT the fewest possible (proof in first_fit.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "kingkung/mx/split_plan.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::mx {

// Orders with at most this many units to place (items, or SKUs for local sellers) are planned exactly.
inline constexpr std::size_t exact_search_max_units = 12;

// Errors: invalid_argument for a malformed request (no items, duplicate item ids, a limit below 1, an
// item whose category is unknown while a category limit applies); failed_precondition when no split
// can satisfy the limits (a local SKU with more units than a limit allows, an item worth more than the
// value cap), naming the item or SKU and the limit.
plugin::result<split_plan> plan_split(const split_request& request);

// Re-checks a plan (for example one the seller edited) against the request: coverage (each item
// exactly once, no unknown ids, no empty package), every limit in every package, and the all-units
// rule for local sellers. Empty when the plan is valid; otherwise one entry per problem, in package
// order.
std::vector<plan_violation> validate_plan(const split_request& request,
                                          const std::vector<std::vector<std::string>>& packages);

// One line per violation, joined by "; " (for error messages).
std::string describe(const std::vector<plan_violation>& violations);

}  // namespace kingkung::mx
