// Deterministic pseudo-random numbers (SplitMix64) for demo data and ids: the same seed always
// gives the same shops, orders and products.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kingkung::sim::detail {

inline std::uint64_t splitmix64(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a, for turning names into seeds.
inline std::uint64_t hash_text(std::string_view s) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
  return splitmix64(a ^ splitmix64(b));
}

class prng {
 public:
  explicit prng(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept { return splitmix64(state_++); }
  // Uniform in [lo, hi], inclusive.
  std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept {
    if (hi <= lo) return lo;
    auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(next() % span);
  }
  bool chance(int percent) noexcept { return between(0, 99) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& items) noexcept {
    return items[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(items.size()) - 1))];
  }
  // `count` decimal digits, the first one not zero.
  std::string digits(int count) {
    std::string out;
    out += static_cast<char>('1' + between(0, 8));
    for (int i = 1; i < count; ++i) out += static_cast<char>('0' + between(0, 9));
    return out;
  }

 private:
  std::uint64_t state_;
};

}  // namespace kingkung::sim::detail
