#include "module_fakes.hpp"

#include <algorithm>

namespace kingkung::mx::testing {
namespace {

template <class T>
std::optional<T> typed(const std::map<std::string, config_value, std::less<>>& values, std::string_view key) {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  if (const auto* v = std::get_if<T>(&it->second)) return *v;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> fake_config::get_string(std::string_view key) const {
  return typed<std::string>(values_, key);
}
std::optional<std::int64_t> fake_config::get_int(std::string_view key) const {
  return typed<std::int64_t>(values_, key);
}
std::optional<double> fake_config::get_double(std::string_view key) const {
  if (auto i = typed<std::int64_t>(values_, key)) return static_cast<double>(*i);
  return typed<double>(values_, key);
}
std::optional<bool> fake_config::get_bool(std::string_view key) const {
  return typed<bool>(values_, key);
}
std::optional<std::vector<std::string>> fake_config::get_strings(std::string_view) const {
  return std::nullopt;
}
std::vector<std::string> fake_config::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : values_) out.push_back(k);
  return out;
}

void fake_shop_api::on(std::string method, std::string path, route handler) {
  routes_[method + " " + path] = std::move(handler);
}

std::size_t fake_shop_api::count(std::string_view method, std::string_view path) const {
  return static_cast<std::size_t>(std::count_if(calls.begin(), calls.end(), [&](const recorded_call& c) {
    return c.method == method && c.path == path;
  }));
}

std::size_t fake_shop_api::count_containing(std::string_view fragment) const {
  return static_cast<std::size_t>(std::count_if(calls.begin(), calls.end(), [&](const recorded_call& c) {
    return c.path.find(fragment) != std::string::npos;
  }));
}

plugin::result<std::string> fake_shop_api::call(std::string_view method, std::string_view path,
                                                std::vector<plugin::query_param> query,
                                                std::string body_json) {
  recorded_call c{std::string(method), std::string(path), std::move(query), std::move(body_json)};
  calls.push_back(c);
  auto it = routes_.find(c.method + " " + c.path);
  if (it == routes_.end())
    return plugin::make_error(plugin::errc::rejected,
                              "code 36009009: Invalid path (" + c.method + " " + c.path + ")");
  return it->second(c);
}

plugin::result<std::optional<std::string>> fake_shop_api::load_state(std::string_view key) {
  auto it = state.find(key);
  if (it == state.end()) return std::optional<std::string>{};
  return std::optional<std::string>{it->second};
}

plugin::result<void> fake_shop_api::save_state(std::string_view key, std::string_view value) {
  state[std::string(key)] = std::string(value);
  return {};
}

plugin::order_view make_order(std::string order_id, std::vector<line_spec> lines, std::string seller_type) {
  plugin::order_view o;
  o.shop_id = "7495610013482590221";
  o.order_id = std::move(order_id);
  o.region = "MX";
  o.seller_type = std::move(seller_type);
  o.status = "AWAITING_SHIPMENT";
  o.currency = "MXN";
  o.package_ids = {"1150000000000000001"};
  for (auto& l : lines) {
    plugin::order_line_view v;
    v.id = l.id;
    v.sku_id = l.sku_id;
    v.product_id = l.product_id;
    v.product_name = "Product " + l.product_id;
    v.sale_price = l.sale_price;
    v.package_id = o.package_ids.front();
    v.status = o.status;
    o.lines.push_back(std::move(v));
  }
  return o;
}

std::string attributes_json(const std::string& order_id, bool must_split, const std::string& reasons_json,
                            bool can_split, const std::string& reason) {
  return R"({"split_attributes":[{"order_id":")" + order_id + R"(","can_split":)" +
         (can_split ? "true" : "false") + (reason.empty() ? "" : R"(,"reason":")" + reason + "\"") +
         R"(,"must_split":)" + (must_split ? "true" : "false") + R"(,"must_split_reasons":)" + reasons_json +
         "}]}";
}

std::string product_json(const std::string& product_id, const std::string& leaf,
                         const std::string& leaf_name) {
  std::string parent = leaf.substr(0, 3) + "000";
  return R"({"id":")" + product_id + R"(","category_chains":[{"id":")" + parent +
         R"(","parent_id":"0","local_name":"Parent","is_leaf":false},{"id":")" + leaf + R"(","parent_id":")" +
         parent + R"(","local_name":")" + leaf_name + R"(","is_leaf":true}]})";
}

}  // namespace kingkung::mx::testing
