// [plugins.config.<id>] and [markets.<REGION>.<module>] tables -> value_table
#include <map>

#include "config/sections.hpp"
#include "kingkung/config/value_table.hpp"

namespace kingkung::config::detail {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

constexpr std::string_view plain_kinds = "a string, integer, float, boolean, array of strings or table";

std::shared_ptr<const value_table> read_values(const toml::table& table, const std::string& path,
                                               load_context& ctx) {
  std::map<std::string, value_table::value> values;
  for (const auto& [k, node] : table) {
    const std::string key(k.str());
    const std::string key_path = child_path(path, key);
    switch (node.type()) {
      case toml::node_type::string: {
        std::string text = node.as_string()->get();
        // Paths a plugin reads are relative to the config file, like every other path in it.
        if (!text.empty() && (ends_with(key, "_file") || ends_with(key, "_dir")))
          text = resolve_path(ctx.base_dir, text).string();
        values.emplace(key, std::move(text));
        break;
      }
      case toml::node_type::integer:
        values.emplace(key, node.as_integer()->get());
        break;
      case toml::node_type::floating_point:
        values.emplace(key, node.as_floating_point()->get());
        break;
      case toml::node_type::boolean:
        values.emplace(key, node.as_boolean()->get());
        break;
      case toml::node_type::array: {
        value_table::strings items;
        bool ok = true;
        const auto& array = *node.as_array();
        for (std::size_t i = 0; i < array.size(); ++i) {
          const auto& element = *array.get(i);
          if (const auto* s = element.as_string()) {
            items.push_back(s->get());
          } else {
            ctx.diag.add(location_of(element), element_path(key_path, i),
                         "a string (arrays in plugin and module config hold strings)", describe(element));
            ok = false;
          }
        }
        if (ok) values.emplace(key, std::move(items));
        break;
      }
      case toml::node_type::table:
        values.emplace(key, read_values(*node.as_table(), key_path, ctx));
        break;
      default:
        ctx.diag.add(location_of(node), key_path, std::string(plain_kinds), describe(node));
        break;
    }
  }
  return std::make_shared<const value_table>(ctx.diag.file() + " [" + path + "]", std::move(values));
}

}  // namespace

value_table_ptr read_plain_table(const toml::table& table, const std::string& path, load_context& ctx) {
  return read_values(table, path, ctx);
}

}  // namespace kingkung::config::detail
