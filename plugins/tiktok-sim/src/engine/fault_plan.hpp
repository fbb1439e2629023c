// Injected failures (docs/simulator.md, "Faults"): random rates from the settings or the control API,
// and scripted faults ("the next N calls of this path"). Decided before a call is checked or changes
// anything; the random ones come from their own seeded generator, so a run repeats exactly. Order
// omissions are the exception: they shape a Get Order Detail answer, so the handler asks for them.
// Used under the engine's lock.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_util.hpp"
#include "random.hpp"

namespace kingkung::sim::detail {

enum class fault_kind { rate_limit, internal_500, overload_503, timeout, lost_answer };

inline constexpr fault_kind all_fault_kinds[] = {fault_kind::rate_limit, fault_kind::internal_500,
                                                 fault_kind::overload_503, fault_kind::timeout,
                                                 fault_kind::lost_answer};

// "429", "500", "503", "timeout", "lost_answer".
std::string_view fault_name(fault_kind k) noexcept;
std::optional<fault_kind> fault_from_name(std::string_view name) noexcept;

// `*` matches any run of characters, '/' included.
bool path_matches(std::string_view pattern, std::string_view path) noexcept;

struct fault_rates {
  double rate_limit = 0, internal_500 = 0, overload_503 = 0, timeout = 0, lost_answer = 0;
  double& of(fault_kind k) noexcept;
  double of(fault_kind k) const noexcept;
  double total() const noexcept;
};

struct scripted_fault {
  std::uint64_t id = 0;
  fault_kind kind = fault_kind::internal_500;
  std::int64_t remaining = 1;
  std::string path = "*";
  std::string method;   // empty: any
  std::string shop_id;  // empty: any
};

// "omit_orders": the next `remaining` Get Order Detail calls (of the shop, when set) that ask for any of
// `order_ids` answer without those ids; an empty `order_ids` leaves out every order asked for.
struct order_omission {
  std::uint64_t id = 0;
  std::vector<std::string> order_ids;
  std::int64_t remaining = 1;
  std::string shop_id;  // empty: any
};

inline constexpr std::string_view omit_orders_name = "omit_orders";

class fault_plan {
 public:
  fault_plan(fault_rates rates, std::vector<std::string> paths, std::uint64_t seed);

  // The fault for one call, if any; consumes a scripted fault or one random draw.
  std::optional<fault_kind> decide(std::string_view method, std::string_view path, std::string_view shop_id);

  void set_rates(fault_rates rates, std::vector<std::string> paths, std::uint64_t seed);
  std::uint64_t script(scripted_fault f);
  std::uint64_t script(order_omission o);
  // The ids of `asked` that one Get Order Detail answer for the shop leaves out (none: empty); consumes
  // one call of the oldest matching omission.
  std::vector<std::string> omitted_orders(std::string_view shop_id, const std::vector<std::string>& asked);
  void clear();

  json::object report() const;

 private:
  fault_rates rates_;
  std::vector<std::string> paths_;
  prng random_;
  std::deque<scripted_fault> scripted_;
  std::deque<order_omission> omissions_;
  std::uint64_t next_id_ = 0;
  std::uint64_t injected_[5] = {0, 0, 0, 0, 0};
  std::uint64_t omitted_calls_ = 0;
};

}  // namespace kingkung::sim::detail
