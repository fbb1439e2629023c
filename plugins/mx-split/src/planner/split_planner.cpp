#include "kingkung/mx/split_planner.hpp"

#include <algorithm>

#include "load_model.hpp"

namespace kingkung::mx {
namespace {

split_plan to_plan(const split_request& request, const detail::load_model& model,
                   const std::vector<std::size_t>& assignment) {
  std::vector<std::vector<std::size_t>> bins(detail::bin_count(assignment));
  for (std::size_t b = 0; b < model.blocks.size(); ++b)
    for (std::size_t item : model.blocks[b].items) bins[assignment[b]].push_back(item);
  for (auto& bin : bins) std::sort(bin.begin(), bin.end());
  std::erase_if(bins, [](const auto& bin) { return bin.empty(); });
  std::sort(bins.begin(), bins.end(), [](const auto& a, const auto& b) { return a.front() < b.front(); });
  split_plan plan;
  for (const auto& bin : bins) {
    auto& ids = plan.packages.emplace_back();
    for (std::size_t item : bin) ids.push_back(request.items[item].id);
  }
  return plan;
}

}  // namespace

seller_kind seller_kind_from(std::string_view seller_type) noexcept {
  return seller_type == "CROSS_BORDER" ? seller_kind::cross_border : seller_kind::local;
}

std::string_view to_string(plan_method m) noexcept {
  switch (m) {
    case plan_method::single_package:
      return "single_package";
    case plan_method::balanced:
      return "balanced";
    case plan_method::exact:
      return "exact";
    case plan_method::first_fit_decreasing:
      return "first_fit_decreasing";
  }
  return "unknown";
}

std::string_view to_string(violation_kind k) noexcept {
  switch (k) {
    case violation_kind::unknown_item:
      return "unknown_item";
    case violation_kind::duplicate_item:
      return "duplicate_item";
    case violation_kind::missing_item:
      return "missing_item";
    case violation_kind::empty_package:
      return "empty_package";
    case violation_kind::total_count:
      return "TOTAL_COUNT_LIMITATION";
    case violation_kind::category_count:
      return "CATEGORY_ITEM_LIMITATION";
    case violation_kind::declared_value:
      return "max_declared_value_per_package";
    case violation_kind::sku_split:
      return "sku_split";
  }
  return "unknown";
}

plugin::result<split_plan> plan_split(const split_request& request) {
  auto built = detail::build_load_model(request);
  if (!built) return std::move(built).err();
  const detail::load_model& model = built.value();
  const std::size_t bound = detail::lower_bound(model);

  auto finish = [&](const std::vector<std::size_t>& assignment, plan_method method, bool minimal) {
    split_plan plan = to_plan(request, model, assignment);
    plan.lower_bound = bound;
    plan.minimal = minimal;
    plan.method = method;
    return plan;
  };

  std::vector<std::size_t> greedy = detail::first_fit_decreasing(model);
  const std::size_t greedy_bins = detail::bin_count(greedy);
  if (greedy_bins == 1) return finish(greedy, plan_method::single_package, true);
  if (greedy_bins == bound) return finish(greedy, plan_method::first_fit_decreasing, true);
  if (detail::balanced_assignment_applies(model, request.seller))
    return finish(detail::balanced_assignment(model), plan_method::balanced, true);
  if (model.blocks.size() <= exact_search_max_units) {
    for (std::size_t bins = bound; bins < greedy_bins; ++bins) {
      bool exhausted = false;
      auto found = detail::exact_assignment(model, bins, exhausted);
      if (!found.empty()) return finish(found, plan_method::exact, true);
      if (exhausted) return finish(greedy, plan_method::first_fit_decreasing, false);
    }
    // The search proved that no plan uses fewer packages than first fit found.
    return finish(greedy, plan_method::exact, true);
  }
  return finish(greedy, plan_method::first_fit_decreasing, false);
}

std::string describe(const std::vector<plan_violation>& violations) {
  std::string out;
  for (const auto& v : violations) {
    if (!out.empty()) out += "; ";
    out += v.message;
  }
  return out;
}

}  // namespace kingkung::mx
