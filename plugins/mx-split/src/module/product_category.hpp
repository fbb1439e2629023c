// A product's category chain, read from Get Product (`category_chains[]{id, local_name}`): line items
// carry no category, so an item's category comes from its product.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kingkung/plugin/result.hpp"

namespace kingkung::mx::detail {

struct product_category {
  std::vector<std::string> ids;                            // root first, leaf last
  std::vector<std::pair<std::string, std::string>> names;  // (id, local_name)
};

plugin::result<product_category> parse_product_category(std::string_view data_json,
                                                        std::string_view product_id);

}  // namespace kingkung::mx::detail
