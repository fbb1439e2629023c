// The OAuth state: random, and stored only as its hash.
#include "kingkung/connect/connect_service.hpp"
#include "storage/random_token.hpp"

namespace kingkung::connect {

std::string hash_state(std::string_view state) {
  return storage::detail::sha256_hex(state);
}

std::string random_state() {
  return storage::detail::random_base64url(32);
}

}  // namespace kingkung::connect
