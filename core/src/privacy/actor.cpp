#include "kingkung/privacy/actor.hpp"

namespace kingkung::privacy {

std::string describe(const actor& who) {
  std::string out = "by " + (who.name.empty() ? std::string("user ") + std::to_string(who.user_id) : who.name);
  if (!who.origin.empty()) out += " from " + who.origin;
  return out;
}

}  // namespace kingkung::privacy
