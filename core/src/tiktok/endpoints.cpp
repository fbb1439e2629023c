#include "kingkung/tiktok/endpoints.hpp"

#include <stdexcept>

#include "kingkung/tiktok/query.hpp"

namespace kingkung::tiktok::endpoints {

std::string expand(std::string_view path_template, std::initializer_list<std::string_view> values) {
  std::string out;
  auto value = values.begin();
  for (std::size_t i = 0; i < path_template.size();) {
    if (path_template[i] != '{') {
      out.push_back(path_template[i++]);
      continue;
    }
    auto close = path_template.find('}', i);
    if (close == std::string_view::npos || value == values.end())
      throw std::logic_error("endpoint template " + std::string(path_template) + " needs more values");
    out += percent_encode(*value++);
    i = close + 1;
  }
  if (value != values.end())
    throw std::logic_error("endpoint template " + std::string(path_template) + " got too many values");
  return out;
}

}  // namespace kingkung::tiktok::endpoints
