// A shop's orders ordered by update_time and by create_time, so that a Search Orders page is a walk
// from its cursor and not a sort of every order of the shop. Entries are (time, order id), ordered
// like a page: by time, then by id. Derived state: never persisted, rebuilt when the state is loaded
// and kept in step with every change by order_store.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kingkung::sim::detail {

class order_index {
 public:
  using entry = std::pair<std::int64_t, std::string>;
  using entries = std::set<entry>;

  void clear() noexcept;
  void add(const std::string& id, std::int64_t create_time, std::int64_t update_time);
  void move_update_time(const std::string& id, std::int64_t from, std::int64_t to);

  const entries& by_update_time() const noexcept { return by_update_; }
  const entries& by_create_time() const noexcept { return by_create_; }

  // How many entries have ge <= time < lt (an absent bound is open). A paging client asks the same
  // window for every page, so the counts of the last few windows asked are kept and adjusted by every
  // add and move: a repeated window costs O(1) instead of a walk over the whole range. Not thread-safe
  // even when const (the engine calls it under its lock).
  std::size_t count_by_update_time(std::optional<std::int64_t> ge, std::optional<std::int64_t> lt) const;
  std::size_t count_by_create_time(std::optional<std::int64_t> ge, std::optional<std::int64_t> lt) const;

 private:
  struct window_count {
    std::optional<std::int64_t> ge, lt;
    std::size_t count = 0;
    bool holds(std::int64_t time) const { return (!ge || time >= *ge) && (!lt || time < *lt); }
  };
  static constexpr std::size_t kept_windows = 8;

  static std::size_t count(const entries& index, std::vector<window_count>& kept,
                           std::optional<std::int64_t> ge, std::optional<std::int64_t> lt);
  static void note_added(std::vector<window_count>& kept, std::int64_t time);
  static void note_removed(std::vector<window_count>& kept, std::int64_t time);

  entries by_update_;
  entries by_create_;
  mutable std::vector<window_count> update_windows_;  // most recently asked last
  mutable std::vector<window_count> create_windows_;
};

}  // namespace kingkung::sim::detail
