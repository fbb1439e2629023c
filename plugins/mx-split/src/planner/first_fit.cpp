// First-fit decreasing: blocks heaviest first (by their largest share of any capacity), each into the
// first package it fits, a new package when none.
//
// Bound. Let D be the number of dimensions (limits the order touches), C_d their capacities, N_d the
// order's total load in d, and OPT the fewest packages any plan uses; every plan needs at least
// N_d / C_d packages, so N_d / C_d <= OPT for each d. Write f(B) = max_d load_d(B) / C_d for a package
// B. Take packages B_i opened before B_j: every block x of B_j was offered to B_i first and did not
// fit, so some d has load_d(B_i) + x_d > C_d, hence f(B_i) + f(B_j) > 1 (loads only grow). So at most
// one package has f <= 1/2, and with m packages (m - 1) / 2 < sum f(B) <= sum_d N_d / C_d <= D * OPT.
// Therefore m <= 2 * D * OPT. The argument holds for any order of the blocks; the decreasing order
// is what makes the answer usually meet the lower bound, which plan_split then reports as minimal.
#include <algorithm>
#include <numeric>

#include "load_model.hpp"

namespace kingkung::mx::detail {

std::vector<std::size_t> first_fit_decreasing(const load_model& model) {
  std::vector<std::size_t> order(model.blocks.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<double> w(model.blocks.size());
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = weight(model, model.blocks[i]);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return w[a] > w[b]; });

  std::vector<std::size_t> assignment(model.blocks.size(), 0);
  std::vector<std::vector<std::int64_t>> bins;
  for (std::size_t index : order) {
    const block& b = model.blocks[index];
    std::size_t bin = 0;
    while (bin < bins.size() && !fits(model, bins[bin], b)) ++bin;
    if (bin == bins.size()) bins.emplace_back(model.dims.size(), 0);
    for (std::size_t d = 0; d < model.dims.size(); ++d) bins[bin][d] += b.load[d];
    assignment[index] = bin;
  }
  return assignment;
}

}  // namespace kingkung::mx::detail
