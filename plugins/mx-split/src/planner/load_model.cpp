#include "load_model.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "kingkung/mx/amount.hpp"

namespace kingkung::mx::detail {
namespace {

using plugin::errc;
using plugin::make_error;

std::string item_label(const split_item& item) {
  return "line item \"" + item.id + "\" (SKU \"" + item.sku_id + "\")";
}

plugin::result<std::vector<dimension>> dimensions_of(const split_limits& limits) {
  if (limits.max_items && *limits.max_items < 1)
    return make_error(
        errc::invalid_argument,
        "TOTAL_COUNT_LIMITATION max_count: expected at least 1, found " + std::to_string(*limits.max_items));
  for (const auto& c : limits.categories) {
    if (c.category_id.empty())
      return make_error(errc::invalid_argument,
                        "CATEGORY_ITEM_LIMITATION: expected a category_id, found none");
    if (c.max_count < 1)
      return make_error(errc::invalid_argument,
                        "CATEGORY_ITEM_LIMITATION for " + category_label(c.category_id, c.category_name) +
                            " max_count: expected at least 1, found " + std::to_string(c.max_count));
  }
  if (limits.max_value && *limits.max_value <= 0)
    return make_error(errc::invalid_argument,
                      "declared value cap: expected more than 0, found " + format_amount(*limits.max_value));
  return limit_dimensions(limits);
}

// Why a block can never fit in a package, or empty.
std::string block_refusal(const split_request& request, const load_model& model, const block& b) {
  const split_item& first = request.items[b.items.front()];
  bool one_item = b.items.size() == 1;
  for (std::size_t d = 0; d < model.dims.size(); ++d) {
    const dimension& dim = model.dims[d];
    if (b.load[d] <= dim.capacity) continue;
    std::string what = one_item ? item_label(first) : "SKU \"" + first.sku_id + "\"";
    std::string tail = one_item
                           ? ""
                           : "; a local seller keeps every unit of a SKU in one package, so no split can "
                             "satisfy this limit";
    switch (dim.kind) {
      case dimension_kind::total_count:
        return what + " has " + std::to_string(b.load[d]) + " units, but a package may hold at most " +
               std::to_string(dim.capacity) + " items (TOTAL_COUNT_LIMITATION)" + tail;
      case dimension_kind::category_count:
        return what + " has " + std::to_string(b.load[d]) + " units of " +
               category_label(dim.category_id, dim.category_name) + ", but a package may hold at most " +
               std::to_string(dim.capacity) + " of them (CATEGORY_ITEM_LIMITATION)" + tail;
      case dimension_kind::declared_value:
        return what + (one_item ? " is" : "'s units are") + " worth " + format_amount(b.load[d]) +
               ", more than the declared-value cap of " + format_amount(dim.capacity) + " per package" + tail;
    }
  }
  return {};
}

}  // namespace

std::vector<dimension> limit_dimensions(const split_limits& limits) {
  std::vector<dimension> dims;
  if (limits.max_items) dims.push_back({dimension_kind::total_count, {}, {}, *limits.max_items});
  for (const auto& c : limits.categories) {
    auto same = std::find_if(dims.begin(), dims.end(), [&](const dimension& d) {
      return d.kind == dimension_kind::category_count && d.category_id == c.category_id;
    });
    if (same == dims.end()) {
      dims.push_back({dimension_kind::category_count, c.category_id, c.category_name, c.max_count});
    } else {
      same->capacity = std::min(same->capacity, c.max_count);  // the stricter of two reports holds
      if (same->category_name.empty()) same->category_name = c.category_name;
    }
  }
  if (limits.max_value) dims.push_back({dimension_kind::declared_value, {}, {}, *limits.max_value});
  return dims;
}

std::string category_label(const std::string& id, const std::string& name) {
  return name.empty() ? "category " + id : "category " + id + " (" + name + ")";
}

plugin::result<load_model> build_load_model(const split_request& request) {
  if (request.items.empty())
    return make_error(errc::invalid_argument, "the order has no line items to split");
  auto dims = dimensions_of(request.limits);
  if (!dims) return std::move(dims).err();
  load_model model;
  model.dims = std::move(dims.value());

  std::set<std::string> seen;
  bool has_category_limit = std::any_of(model.dims.begin(), model.dims.end(), [](const dimension& d) {
    return d.kind == dimension_kind::category_count;
  });
  model.item_categories.resize(request.items.size());
  for (std::size_t i = 0; i < request.items.size(); ++i) {
    const split_item& item = request.items[i];
    if (item.id.empty())
      return make_error(errc::invalid_argument, "line item " + std::to_string(i + 1) + " has no id");
    if (!seen.insert(item.id).second)
      return make_error(errc::invalid_argument, "line item \"" + item.id + "\" appears twice in the order");
    if (has_category_limit && item.category_ids.empty())
      return make_error(errc::invalid_argument, "the category of " + item_label(item) +
                                                    " is unknown, so the order's category limits cannot be "
                                                    "checked");
    if (item.value < 0) return make_error(errc::invalid_argument, item_label(item) + " has a negative value");
    for (std::size_t d = 0; d < model.dims.size(); ++d) {
      const dimension& dim = model.dims[d];
      if (dim.kind == dimension_kind::category_count &&
          std::find(item.category_ids.begin(), item.category_ids.end(), dim.category_id) !=
              item.category_ids.end())
        model.item_categories[i].push_back(d);
    }
  }

  // Units to place: each item, or for local sellers all units of one SKU together.
  std::map<std::string, std::size_t> block_of_sku;
  for (std::size_t i = 0; i < request.items.size(); ++i) {
    const std::string& sku = request.items[i].sku_id;
    bool together = request.seller == seller_kind::local && !sku.empty();
    auto found = together ? block_of_sku.find(sku) : block_of_sku.end();
    if (found == block_of_sku.end()) {
      if (together) block_of_sku.emplace(sku, model.blocks.size());
      model.blocks.push_back({{}, std::vector<std::int64_t>(model.dims.size(), 0)});
      found = together ? block_of_sku.find(sku) : block_of_sku.end();
    }
    block& b = found == block_of_sku.end() ? model.blocks.back() : model.blocks[found->second];
    b.items.push_back(i);
    for (std::size_t d = 0; d < model.dims.size(); ++d) {
      if (model.dims[d].kind == dimension_kind::total_count) b.load[d] += 1;
      if (model.dims[d].kind == dimension_kind::declared_value) b.load[d] += request.items[i].value;
    }
    for (std::size_t d : model.item_categories[i]) b.load[d] += 1;
  }

  model.totals.assign(model.dims.size(), 0);
  for (const block& b : model.blocks) {
    if (auto refusal = block_refusal(request, model, b); !refusal.empty())
      return make_error(errc::failed_precondition, std::move(refusal));
    for (std::size_t d = 0; d < model.dims.size(); ++d) model.totals[d] += b.load[d];
  }
  return model;
}

std::size_t lower_bound(const load_model& model) {
  std::int64_t bound = 1;
  for (std::size_t d = 0; d < model.dims.size(); ++d)
    bound = std::max(bound, (model.totals[d] + model.dims[d].capacity - 1) / model.dims[d].capacity);
  return static_cast<std::size_t>(bound);
}

bool fits(const load_model& model, const std::vector<std::int64_t>& load, const block& b) {
  for (std::size_t d = 0; d < model.dims.size(); ++d)
    if (load[d] + b.load[d] > model.dims[d].capacity) return false;
  return true;
}

double weight(const load_model& model, const block& b) {
  double w = 0;
  for (std::size_t d = 0; d < model.dims.size(); ++d)
    w = std::max(w, static_cast<double>(b.load[d]) / static_cast<double>(model.dims[d].capacity));
  return w;
}

std::size_t bin_count(const std::vector<std::size_t>& assignment) {
  std::size_t n = 0;
  for (std::size_t bin : assignment) n = std::max(n, bin + 1);
  return n;
}

}  // namespace kingkung::mx::detail
