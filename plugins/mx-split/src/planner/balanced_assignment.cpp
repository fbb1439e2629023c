// Dealing items out in turn. With k = the lower bound, list the items grouped by their limited
// category (uncategorised last) and put the j-th into package j mod k. Each package then gets
// floor(n/k) or ceil(n/k) items, and ceil(n/k) <= T because k >= n/T. A category's n_c items form one
// run of consecutive positions, so each package gets floor(n_c/k) or ceil(n_c/k) of them, and
// ceil(n_c/k) <= L_c because k >= n_c/L_c. Every limit holds with the fewest packages possible; this
// needs single-unit blocks (item-level split), at most one limited category per item and no value cap.
#include <algorithm>
#include <numeric>

#include "load_model.hpp"

namespace kingkung::mx::detail {

bool balanced_assignment_applies(const load_model& model, seller_kind seller) {
  if (seller != seller_kind::cross_border) return false;
  for (const dimension& d : model.dims)
    if (d.kind == dimension_kind::declared_value) return false;
  for (const block& b : model.blocks)
    if (b.items.size() != 1 || model.item_categories[b.items.front()].size() > 1) return false;
  return true;
}

std::vector<std::size_t> balanced_assignment(const load_model& model) {
  const std::size_t k = lower_bound(model);
  auto group = [&](std::size_t block_index) {
    const auto& cats = model.item_categories[model.blocks[block_index].items.front()];
    return cats.empty() ? model.dims.size() : cats.front();
  };
  std::vector<std::size_t> order(model.blocks.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return group(a) < group(b); });
  std::vector<std::size_t> assignment(model.blocks.size(), 0);
  for (std::size_t j = 0; j < order.size(); ++j) assignment[order[j]] = j % k;
  return assignment;
}

}  // namespace kingkung::mx::detail
