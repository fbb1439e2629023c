// Branch and bound over assignments of blocks to a fixed number of packages. Blocks go heaviest first;
// a block is tried in each open package it fits (skipping packages whose load equals one already
// tried, which would give the same subtree) and in one new package, never in two different empty
// ones. A node budget keeps the worst case bounded; running out is reported, never taken as "none".
#include <algorithm>
#include <numeric>

#include "load_model.hpp"

namespace kingkung::mx::detail {
namespace {

constexpr std::size_t node_budget = 2'000'000;

class search {
 public:
  search(const load_model& model, std::size_t bins) : model_(model), bins_(bins) {
    order_.resize(model.blocks.size());
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::vector<double> w(model.blocks.size());
    for (std::size_t i = 0; i < w.size(); ++i) w[i] = weight(model, model.blocks[i]);
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) { return w[a] > w[b]; });
    assignment_.assign(model.blocks.size(), 0);
  }

  bool run() { return place(0); }
  bool exhausted() const { return nodes_ > node_budget; }
  const std::vector<std::size_t>& assignment() const { return assignment_; }

 private:
  bool place(std::size_t pos) {
    if (pos == order_.size()) return true;
    if (++nodes_ > node_budget) return false;
    const block& b = model_.blocks[order_[pos]];
    std::vector<std::size_t> tried;  // indexes: deeper levels may reallocate loads_
    for (std::size_t bin = 0; bin < loads_.size(); ++bin) {
      if (!fits(model_, loads_[bin], b)) continue;
      if (std::any_of(tried.begin(), tried.end(), [&](std::size_t t) { return loads_[t] == loads_[bin]; }))
        continue;
      tried.push_back(bin);
      if (try_in(pos, bin)) return true;
      if (exhausted()) return false;
    }
    if (loads_.size() < bins_) {
      loads_.emplace_back(model_.dims.size(), 0);
      bool done = try_in(pos, loads_.size() - 1);
      if (!done) loads_.pop_back();
      return done;
    }
    return false;
  }

  bool try_in(std::size_t pos, std::size_t bin) {
    const block& b = model_.blocks[order_[pos]];
    for (std::size_t d = 0; d < model_.dims.size(); ++d) loads_[bin][d] += b.load[d];
    assignment_[order_[pos]] = bin;
    if (place(pos + 1)) return true;
    for (std::size_t d = 0; d < model_.dims.size(); ++d) loads_[bin][d] -= b.load[d];
    return false;
  }

  const load_model& model_;
  std::size_t bins_;
  std::vector<std::size_t> order_;
  std::vector<std::vector<std::int64_t>> loads_;
  std::vector<std::size_t> assignment_;
  std::size_t nodes_ = 0;
};

}  // namespace

std::vector<std::size_t> exact_assignment(const load_model& model, std::size_t bins, bool& exhausted) {
  search s(model, bins);
  bool found = s.run();
  exhausted = !found && s.exhausted();
  return found ? s.assignment() : std::vector<std::size_t>{};
}

}  // namespace kingkung::mx::detail
