#include "order_index.hpp"

namespace kingkung::sim::detail {

void order_index::clear() noexcept {
  by_update_.clear();
  by_create_.clear();
}

void order_index::add(const std::string& id, std::int64_t create_time, std::int64_t update_time) {
  by_create_.emplace(create_time, id);
  by_update_.emplace(update_time, id);
}

void order_index::move_update_time(const std::string& id, std::int64_t from, std::int64_t to) {
  if (from == to) return;
  auto node = by_update_.extract(entry{from, id});
  if (node.empty()) {
    by_update_.emplace(to, id);
    return;
  }
  node.value().first = to;
  by_update_.insert(std::move(node));
}

}  // namespace kingkung::sim::detail
