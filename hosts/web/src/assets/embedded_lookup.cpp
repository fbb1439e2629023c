#include <algorithm>

#include "assets/embedded_assets.hpp"

namespace kingkung::web {

const embedded_asset* find_embedded_asset(std::string_view path) {
  const auto all = embedded_assets();
  const auto it = std::lower_bound(all.begin(), all.end(), path,
                                   [](const embedded_asset& a, std::string_view p) { return a.path < p; });
  return it != all.end() && it->path == path ? &*it : nullptr;
}

}  // namespace kingkung::web
