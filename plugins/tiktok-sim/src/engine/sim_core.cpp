#include "sim_core.hpp"

#include <chrono>

#include "random.hpp"

namespace kingkung::sim::detail {

std::int64_t sim_core::host_now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
}

std::string sim_core::next_id(std::string_view prefix, int total_digits) {
  prng r(mix(state.seed ^ hash_text(prefix), ++state.id_counter));
  std::string id(prefix);
  int rest = total_digits - static_cast<int>(prefix.size());
  for (int i = 0; i < rest; ++i) id += static_cast<char>('0' + r.between(0, 9));
  return id;
}

shop_state* sim_core::shop_by_key(std::string_view key) {
  auto it = state.shops.find(std::string(key));
  return it == state.shops.end() ? nullptr : &it->second;
}

shop_state* sim_core::shop_by_cipher(std::string_view cipher) {
  for (auto& [key, s] : state.shops)
    if (s.cipher == cipher) return &s;
  return nullptr;
}

shop_state* sim_core::shop_of_order(std::string_view order_id) {
  for (auto& [key, s] : state.shops)
    if (s.orders.count(std::string(order_id))) return &s;
  return nullptr;
}

shop_state* sim_core::shop_of_package(std::string_view package_id) {
  for (auto& [key, s] : state.shops)
    if (s.packages.count(std::string(package_id))) return &s;
  return nullptr;
}

}  // namespace kingkung::sim::detail
