// A shop's orders ordered by update_time and by create_time, so that a Search Orders page is a walk
// from its cursor and not a sort of every order of the shop. Entries are (time, order id), ordered
// like a page: by time, then by id. Derived state: never persisted, rebuilt when the state is loaded
// and kept in step with every change by order_store.hpp.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <utility>

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

 private:
  entries by_update_;
  entries by_create_;
};

}  // namespace kingkung::sim::detail
