#include "due_work.hpp"

#include <algorithm>

namespace kingkung::sim::detail {

void due_work::add(std::int64_t due, due_item item) {
  queue_.emplace(due, std::move(item));
}

std::vector<due_item> due_work::take_due(std::int64_t now) {
  std::vector<due_item> out;
  auto end = queue_.upper_bound(now);
  for (auto it = queue_.begin(); it != end; ++it) out.push_back(std::move(it->second));
  queue_.erase(queue_.begin(), end);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace kingkung::sim::detail
