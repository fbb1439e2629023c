#include "product_category.hpp"

#include <boost/json.hpp>

namespace kingkung::mx::detail {
namespace json = boost::json;

plugin::result<product_category> parse_product_category(std::string_view data_json,
                                                        std::string_view product_id) {
  auto bad = [&](std::string what) {
    return plugin::make_error(plugin::errc::invalid_argument,
                              "product " + std::string(product_id) + " (Get Product): " + std::move(what));
  };
  boost::system::error_code ec;
  json::value data = json::parse(data_json, ec);
  if (ec || !data.is_object()) return bad("expected a JSON object in the answer's data");
  const json::value* chains = data.as_object().if_contains("category_chains");
  if (!chains || !chains->is_array() || chains->as_array().empty())
    return bad("expected category_chains to list the product's categories, found none");
  product_category out;
  for (const auto& c : chains->as_array()) {
    const json::object* o = c.if_object();
    const json::value* id = o ? o->if_contains("id") : nullptr;
    if (!id || !id->is_string() || id->as_string().empty())
      return bad("expected every category_chains entry to have an id");
    const json::value* name = o->if_contains("local_name");
    out.ids.emplace_back(id->as_string());
    out.names.emplace_back(std::string(id->as_string()),
                           name && name->is_string() ? std::string(name->as_string()) : std::string());
  }
  return out;
}

}  // namespace kingkung::mx::detail
