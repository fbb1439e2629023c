// Password hashing for sign-in: scrypt (memory-hard) at OWASP parameters through OpenSSL, stored as a
// self-describing string "$scrypt$ln=17,r=8,p=1$<salt b64>$<hash b64>". Verification is constant time.
//
// ln is log2 of the cost N; salt and hash are standard base64 without padding (16-byte salt and 32-byte
// hash when made here). verify_password() reads the parameters from the stored string, so hashes made
// with older parameters keep working until needs_rehash() says to replace them.
//
// Every hash passes through password_hashing_gate() (hashing_gate.hpp): at most two run at once in the
// process; when no slot frees up in time, hash_password() and verify_password() throw auth::hashing_busy.
#pragma once

#include <string>
#include <string_view>

namespace kingkung::auth {

struct scrypt_params {
  unsigned log2_n = 17;  // N = 2^17
  unsigned r = 8;
  unsigned p = 1;
};
inline constexpr scrypt_params current_scrypt_params{};

std::string hash_password(std::string_view password);
// With explicit parameters (tests, benchmarks). Throws std::invalid_argument for parameters outside what
// verify_password() accepts.
std::string hash_password(std::string_view password, const scrypt_params& params);
// False for a wrong password and for a stored hash that is malformed or asks for unreasonable parameters.
bool verify_password(std::string_view password, std::string_view stored_hash);
// True when the stored hash uses weaker parameters than the current ones (re-hash at next sign-in).
bool needs_rehash(std::string_view stored_hash);

}  // namespace kingkung::auth
