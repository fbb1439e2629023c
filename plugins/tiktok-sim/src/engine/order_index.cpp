#include "order_index.hpp"

#include <algorithm>
#include <iterator>

namespace kingkung::sim::detail {

void order_index::clear() noexcept {
  by_update_.clear();
  by_create_.clear();
  update_windows_.clear();
  create_windows_.clear();
}

void order_index::add(const std::string& id, std::int64_t create_time, std::int64_t update_time) {
  if (by_create_.emplace(create_time, id).second) note_added(create_windows_, create_time);
  if (by_update_.emplace(update_time, id).second) note_added(update_windows_, update_time);
}

void order_index::move_update_time(const std::string& id, std::int64_t from, std::int64_t to) {
  if (from == to) return;
  auto node = by_update_.extract(entry{from, id});
  if (node.empty()) {
    if (by_update_.emplace(to, id).second) note_added(update_windows_, to);
    return;
  }
  note_removed(update_windows_, from);
  node.value().first = to;
  if (by_update_.insert(std::move(node)).inserted) note_added(update_windows_, to);
}

std::size_t order_index::count_by_update_time(std::optional<std::int64_t> ge,
                                              std::optional<std::int64_t> lt) const {
  return count(by_update_, update_windows_, ge, lt);
}

std::size_t order_index::count_by_create_time(std::optional<std::int64_t> ge,
                                              std::optional<std::int64_t> lt) const {
  return count(by_create_, create_windows_, ge, lt);
}

std::size_t order_index::count(const entries& index, std::vector<window_count>& kept,
                               std::optional<std::int64_t> ge, std::optional<std::int64_t> lt) {
  if (ge && lt && *ge >= *lt) return 0;
  if (!ge && !lt) return index.size();
  auto known = std::find_if(kept.begin(), kept.end(),
                            [&](const window_count& w) { return w.ge == ge && w.lt == lt; });
  if (known != kept.end()) {
    std::rotate(known, known + 1, kept.end());
    return kept.back().count;
  }
  // Entries with time >= t start at (t, ""): the empty id sorts before every id.
  auto lo = ge ? index.lower_bound({*ge, std::string()}) : index.begin();
  auto hi = lt ? index.lower_bound({*lt, std::string()}) : index.end();
  window_count w{ge, lt, static_cast<std::size_t>(std::distance(lo, hi))};
  if (kept.size() == kept_windows) kept.erase(kept.begin());
  kept.push_back(w);
  return w.count;
}

void order_index::note_added(std::vector<window_count>& kept, std::int64_t time) {
  for (auto& w : kept)
    if (w.holds(time)) ++w.count;
}

void order_index::note_removed(std::vector<window_count>& kept, std::int64_t time) {
  for (auto& w : kept)
    if (w.holds(time)) --w.count;
}

}  // namespace kingkung::sim::detail
