// Password hashing for sign-in: scrypt (memory-hard) at OWASP parameters through OpenSSL, stored as a
// self-describing string "$scrypt$ln=17,r=8,p=1$<salt b64>$<hash b64>". Verification is constant time.
#pragma once

#include <string>
#include <string_view>

namespace kingkung::auth {

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, std::string_view stored_hash);
// True when the stored hash uses weaker parameters than the current ones (re-hash at next sign-in).
bool needs_rehash(std::string_view stored_hash);

}  // namespace kingkung::auth
