// Who did something and from where, for the audit log of seller and operator actions.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace kingkung::privacy {

struct actor {
  std::int64_t user_id = 0;  // 0: the system, the platform or the admin CLI
  std::string name;          // "ana@example.com", "admin CLI", "TikTok Shop (SELLER_DEAUTHORIZATION)"
  std::string origin;        // where from: a client IP address, "cli", "webhook", "scheduler"

  static actor cli() { return {0, "admin CLI", "cli"}; }
  static actor system(std::string what) { return {0, std::move(what), "scheduler"}; }
};

// "by <name> from <origin>", the tail of every audit detail written here.
std::string describe(const actor& who);

}  // namespace kingkung::privacy
