// Work the platform does later (invoice decisions, product audits), kept by due time so that settling
// costs what is due, not a walk over every package and product of every shop. Entries can go stale
// (an audit restarted, a package gone): settle_due checks each against the state before acting.
// Derived state: never persisted, rebuilt when the state is loaded (rebuild_indexes, order_store.hpp).
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kingkung::sim::detail {

// Within a shop, invoice decisions settle before product audits.
enum class due_kind { invoice_decision = 0, product_audit = 1 };

struct due_item {
  std::string shop_key;
  due_kind kind = due_kind::invoice_decision;
  std::string id;  // package id or product id

  auto operator<=>(const due_item&) const = default;
};

class due_work {
 public:
  void clear() noexcept { queue_.clear(); }
  void add(std::int64_t due, due_item item);
  // Removes the items due at `now` and returns them ordered by shop key, kind and id, each once.
  std::vector<due_item> take_due(std::int64_t now);
  std::size_t size() const noexcept { return queue_.size(); }

 private:
  std::multimap<std::int64_t, due_item> queue_;
};

}  // namespace kingkung::sim::detail
