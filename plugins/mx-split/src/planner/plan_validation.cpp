#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "kingkung/mx/amount.hpp"
#include "kingkung/mx/split_planner.hpp"
#include "load_model.hpp"

namespace kingkung::mx {
namespace {

std::string package_name(std::size_t index) {
  return "package " + std::to_string(index + 1);
}

plan_violation limit_violation(const detail::dimension& dim, std::size_t package, std::int64_t found) {
  plan_violation v;
  v.package = package;
  v.limit = dim.capacity;
  v.found = found;
  switch (dim.kind) {
    case detail::dimension_kind::total_count:
      v.kind = violation_kind::total_count;
      v.message = package_name(package) + " holds " + std::to_string(found) +
                  " items; the platform allows at most " + std::to_string(dim.capacity) +
                  " per package (TOTAL_COUNT_LIMITATION)";
      break;
    case detail::dimension_kind::category_count:
      v.kind = violation_kind::category_count;
      v.subject = dim.category_id;
      v.message = package_name(package) + " holds " + std::to_string(found) + " items of " +
                  detail::category_label(dim.category_id, dim.category_name) +
                  "; the platform allows at most " + std::to_string(dim.capacity) +
                  " per package (CATEGORY_ITEM_LIMITATION)";
      break;
    case detail::dimension_kind::declared_value:
      v.kind = violation_kind::declared_value;
      v.message = package_name(package) + " is worth " + format_amount(found) +
                  "; the shop's declared-value cap is " + format_amount(dim.capacity) + " per package";
      break;
  }
  return v;
}

}  // namespace

std::vector<plan_violation> validate_plan(const split_request& request,
                                          const std::vector<std::vector<std::string>>& packages) {
  std::vector<plan_violation> out;
  std::map<std::string, std::size_t, std::less<>> index_of;
  for (std::size_t i = 0; i < request.items.size(); ++i) index_of.emplace(request.items[i].id, i);
  const auto dims = detail::limit_dimensions(request.limits);

  std::map<std::size_t, std::size_t> package_of;  // item index -> first package holding it
  std::map<std::string, std::vector<std::size_t>> packages_of_sku;
  for (std::size_t p = 0; p < packages.size(); ++p) {
    if (packages[p].empty()) {
      out.push_back({violation_kind::empty_package, p, {}, 0, 0, package_name(p) + " is empty"});
      continue;
    }
    std::vector<std::int64_t> load(dims.size(), 0);
    for (const auto& id : packages[p]) {
      auto found = index_of.find(id);
      if (found == index_of.end()) {
        out.push_back({violation_kind::unknown_item, p, id, 0, 0,
                       package_name(p) + " lists \"" + id + "\", which is not an item of this order"});
        continue;
      }
      const split_item& item = request.items[found->second];
      auto [first, inserted] = package_of.emplace(found->second, p);
      if (!inserted) {
        out.push_back({violation_kind::duplicate_item, p, id, 0, 0,
                       "line item \"" + id + "\" is placed twice (" + package_name(first->second) + " and " +
                           package_name(p) + ")"});
        continue;
      }
      if (!item.sku_id.empty()) {
        auto& where = packages_of_sku[item.sku_id];
        if (std::find(where.begin(), where.end(), p) == where.end()) where.push_back(p);
      }
      for (std::size_t d = 0; d < dims.size(); ++d) {
        switch (dims[d].kind) {
          case detail::dimension_kind::total_count:
            load[d] += 1;
            break;
          case detail::dimension_kind::declared_value:
            load[d] += item.value;
            break;
          case detail::dimension_kind::category_count:
            if (std::find(item.category_ids.begin(), item.category_ids.end(), dims[d].category_id) !=
                item.category_ids.end())
              load[d] += 1;
            break;
        }
      }
    }
    for (std::size_t d = 0; d < dims.size(); ++d)
      if (load[d] > dims[d].capacity) out.push_back(limit_violation(dims[d], p, load[d]));
  }

  if (request.seller == seller_kind::local) {
    for (const auto& [sku, where] : packages_of_sku) {
      if (where.size() < 2) continue;
      std::string list;
      for (std::size_t i = 0; i < where.size(); ++i)
        list += (i == 0 ? "" : i + 1 == where.size() ? " and " : ", ") + std::to_string(where[i] + 1);
      out.push_back({violation_kind::sku_split, where[1], sku, 1, static_cast<std::int64_t>(where.size()),
                     "SKU \"" + sku + "\" is in packages " + list +
                         "; a local seller keeps every unit of a SKU in one package"});
    }
  }
  for (std::size_t i = 0; i < request.items.size(); ++i)
    if (!package_of.contains(i))
      out.push_back({violation_kind::missing_item, std::nullopt, request.items[i].id, 0, 0,
                     "line item \"" + request.items[i].id + "\" (SKU \"" + request.items[i].sku_id +
                         "\") is in no package"});
  std::stable_sort(out.begin(), out.end(), [](const plan_violation& a, const plan_violation& b) {
    return a.package.value_or(std::numeric_limits<std::size_t>::max()) <
           b.package.value_or(std::numeric_limits<std::size_t>::max());
  });
  return out;
}

}  // namespace kingkung::mx
