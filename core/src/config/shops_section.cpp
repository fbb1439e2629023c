// [[shops]]
#include <algorithm>
#include <cctype>
#include <map>

#include "config/sections.hpp"
#include "config/suggestion.hpp"

namespace kingkung::config::detail {
namespace {

struct first_use {
  std::size_t index;
  source_location at;
};

bool is_shop_id(std::string_view id) {
  return !id.empty() && id.size() <= 32 &&
         std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Reports `value` under `key` when an earlier shop used it already; remembers it otherwise.
void check_unique(table_reader& r, std::string_view key, const std::string& value, std::size_t index,
                  std::map<std::string, first_use>& seen) {
  auto [it, inserted] = seen.try_emplace(value, first_use{index, r.where(key)});
  if (inserted) return;
  r.invalid(key, "a " + std::string(key) + " that no other shop uses", {},
            "shops[" + std::to_string(it->second.index) + "] uses it, at line " +
                std::to_string(it->second.at.line));
}

void read_shop(const toml::table& table, std::size_t index, load_context& ctx,
               std::map<std::string, first_use>& keys, std::map<std::string, first_use>& ids) {
  table_reader r(table, element_path("shops", index), ctx.diag);
  r.reject_unknown_keys({"key", "shop_id", "name", "region", "seller_type", "transport", "modules", "demo"});
  shop_config shop;

  if (r.find("key") == nullptr) {
    r.missing("key", "a unique name for the shop in this file, such as \"demo-mx\"");
  } else if (r.read("key", shop.key)) {
    if (!is_component_name(shop.key))
      r.invalid("key", "a name of lower-case letters, digits and '-', such as \"demo-mx\"");
    else
      check_unique(r, "key", shop.key, index, keys);
  }

  if (r.find("shop_id") == nullptr) {
    r.missing("shop_id", "the platform shop id, as a string of digits");
  } else if (r.read("shop_id", shop.shop_id)) {
    if (!is_shop_id(shop.shop_id))
      r.invalid("shop_id", "the platform shop id, a string of digits such as \"7495540735365777507\"");
    else
      check_unique(r, "shop_id", shop.shop_id, index, ids);
  }

  r.read("name", shop.name);
  if (shop.name.empty()) shop.name = shop.key;

  if (r.find("region") == nullptr) {
    r.missing("region", "the shop's region, two upper-case letters such as \"MX\"");
  } else if (r.read("region", shop.region) && !is_region_code(shop.region)) {
    std::string hint =
        is_region_code(upper(shop.region)) ? "did you mean \"" + upper(shop.region) + "\"?" : "";
    r.invalid("region", "two upper-case letters such as \"MX\"", {}, hint);
  }

  const std::vector<std::string> seller_types = {"CROSS_BORDER", "LOCAL"};
  if (r.find("seller_type") == nullptr) {
    r.missing("seller_type", "\"CROSS_BORDER\" or \"LOCAL\"");
  } else if (r.read("seller_type", shop.seller_type) &&
             std::find(seller_types.begin(), seller_types.end(), shop.seller_type) == seller_types.end()) {
    r.invalid("seller_type", "\"CROSS_BORDER\" or \"LOCAL\"", {},
              did_you_mean(shop.seller_type, seller_types));
  }

  read_component_name(r, "transport", shop.transport, ctx);

  std::vector<std::string> modules;
  std::vector<source_location> where;
  if (r.read("modules", modules, &where)) {
    shop.modules_set = true;
    if (check_name_list(modules, where, r.key_path("modules"), ctx)) shop.modules = std::move(modules);
  }

  if (r.read("demo", shop.demo) && shop.demo && !ctx.config.demo.enabled)
    r.invalid("demo", "demo = false, or [demo] enabled = true (a demo shop belongs to the demo seller)",
              "demo = true while [demo] is not enabled");

  ctx.config.shops.push_back(std::move(shop));
}

}  // namespace

void read_shops(const toml::node* node, load_context& ctx) {
  if (node == nullptr) return;
  const auto* array = node->as_array();
  if (array != nullptr && array->empty()) return;
  if (array == nullptr || !array->is_array_of_tables()) {
    ctx.diag.add(location_of(*node), "shops", "an array of tables, each written [[shops]]", describe(*node));
    return;
  }
  std::map<std::string, first_use> keys;
  std::map<std::string, first_use> ids;
  for (std::size_t i = 0; i < array->size(); ++i) read_shop(*array->get(i)->as_table(), i, ctx, keys, ids);
}

}  // namespace kingkung::config::detail
