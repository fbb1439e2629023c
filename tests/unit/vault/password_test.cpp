// Sign-in password hashing: scrypt in the "$scrypt$ln=..,r=..,p=..$salt$hash" format.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <optional>
#include <string>
#include <utility>

#include "kingkung/auth/password.hpp"

namespace kingkung::auth {
namespace {

// Cheap parameters for tests whose subject is not the cost.
constexpr scrypt_params quick{10, 8, 1};

std::string b64_unpadded(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

std::string b64_decode_unpadded(std::string text) {
  while (text.size() % 4 != 0) text.push_back('=');
  std::string out(text.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  std::size_t pad = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) ++pad;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

// "<prefix><salt>$<hash>" split into salt and hash; nothing when the prefix differs.
std::optional<std::pair<std::string, std::string>> split_stored(const std::string& stored,
                                                                const std::string& prefix) {
  if (stored.rfind(prefix, 0) != 0) return std::nullopt;
  auto rest = stored.substr(prefix.size());
  auto dollar = rest.find('$');
  if (dollar == std::string::npos || rest.find('$', dollar + 1) != std::string::npos) return std::nullopt;
  return std::make_pair(rest.substr(0, dollar), rest.substr(dollar + 1));
}

bool is_unpadded_base64(const std::string& s) {
  return !s.empty() &&
         s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") ==
             std::string::npos;
}

std::string scrypt(const std::string& password, const std::string& salt, std::uint64_t n, std::uint64_t r,
                   std::uint64_t p, std::size_t length) {
  std::string out(length, '\0');
  EXPECT_EQ(EVP_PBE_scrypt(password.data(), password.size(),
                           reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), n, r, p,
                           512ull * 1024 * 1024, reinterpret_cast<unsigned char*>(out.data()), out.size()),
            1);
  return out;
}

TEST(Password, HashVerifiesWithTheSamePassword) {
  auto stored = hash_password("correct horse battery staple");
  EXPECT_TRUE(verify_password("correct horse battery staple", stored));
}

TEST(Password, WrongPasswordIsRejected) {
  auto stored = hash_password("correct horse battery staple", quick);
  EXPECT_FALSE(verify_password("correct horse battery stapler", stored));
  EXPECT_FALSE(verify_password("", stored));
}

TEST(Password, HashUsesTheDocumentedFormatAndOwaspParameters) {
  auto stored = hash_password("s3cret-enough");
  auto parts = split_stored(stored, "$scrypt$ln=17,r=8,p=1$");
  ASSERT_TRUE(parts.has_value()) << stored;
  EXPECT_TRUE(is_unpadded_base64(parts->first) && is_unpadded_base64(parts->second)) << stored;
  EXPECT_EQ(b64_decode_unpadded(parts->first).size(), 16u);
  EXPECT_EQ(b64_decode_unpadded(parts->second).size(), 32u);
}

TEST(Password, StoredHashIsScryptOfThePasswordAndSalt) {
  auto stored = hash_password("s3cret-enough", quick);
  auto parts = split_stored(stored, "$scrypt$ln=10,r=8,p=1$");
  ASSERT_TRUE(parts.has_value()) << stored;
  auto salt = b64_decode_unpadded(parts->first);
  EXPECT_EQ(b64_decode_unpadded(parts->second), scrypt("s3cret-enough", salt, 1024, 8, 1, 32));
}

TEST(Password, VerifiesAHashMadeElsewhereFromThePublishedScryptVector) {
  // RFC 7914 section 12: scrypt("password", "NaCl", N=1024, r=8, p=16, dkLen=64).
  const unsigned char expected[64] = {
      0xfd, 0xba, 0xbe, 0x1c, 0x9d, 0x34, 0x72, 0x00, 0x78, 0x56, 0xe7, 0x19, 0x0d, 0x01, 0xe9, 0xfe,
      0x7c, 0x6a, 0xd7, 0xcb, 0xc8, 0x23, 0x78, 0x30, 0xe7, 0x73, 0x76, 0x63, 0x4b, 0x37, 0x31, 0x62,
      0x2e, 0xaf, 0x30, 0xd9, 0x2e, 0x22, 0xa3, 0x88, 0x6f, 0xf1, 0x09, 0x27, 0x9d, 0x98, 0x30, 0xda,
      0xc7, 0x27, 0xaf, 0xb9, 0x4a, 0x83, 0xee, 0x6d, 0x83, 0x60, 0xcb, 0xdf, 0xa2, 0xcc, 0x06, 0x40};
  std::string stored = "$scrypt$ln=10,r=8,p=16$" + b64_unpadded("NaCl") + "$" +
                       b64_unpadded(std::string(reinterpret_cast<const char*>(expected), sizeof expected));
  EXPECT_TRUE(verify_password("password", stored));
  EXPECT_FALSE(verify_password("Password", stored));
}

TEST(Password, SamePasswordHashesDifferentlyEachTime) {
  EXPECT_NE(hash_password("same password", quick), hash_password("same password", quick));
}

TEST(Password, MalformedStoredHashesAreRejected) {
  auto good = hash_password("pw", quick);
  auto salt_start = good.find('$', 8) + 1;
  auto hash_start = good.find('$', salt_start) + 1;
  const std::string salt = good.substr(salt_start, hash_start - salt_start - 1);
  const std::string hash = good.substr(hash_start);
  ASSERT_TRUE(verify_password("pw", good));
  const std::string bad[] = {
      "",
      "pw",
      "$argon2id$v=19$m=65536,t=3,p=4$" + salt + "$" + hash,
      "$scrypt$ln=10,r=8$" + salt + "$" + hash,
      "$scrypt$r=8,ln=10,p=1$" + salt + "$" + hash,
      "$scrypt$ln=010,r=8,p=1$" + salt + "$" + hash,
      "$scrypt$ln=10,r=8,p=1$" + salt,
      "$scrypt$ln=10,r=8,p=1$" + salt + "$",
      "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash + "$extra",
      "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash + "==",
      "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash.substr(0, 10),
      "$scrypt$ln=10,r=8,p=1$!!$" + hash,
      "$scrypt$ln=-1,r=8,p=1$" + salt + "$" + hash,
      "$scrypt$ln=10,r=0,p=1$" + salt + "$" + hash,
  };
  for (const auto& stored : bad) EXPECT_FALSE(verify_password("pw", stored)) << stored;
}

TEST(Password, UnreasonableCostInAStoredHashIsRejected) {
  auto good = hash_password("pw", quick);
  auto rest = good.substr(good.find('$', 8));
  EXPECT_FALSE(verify_password("pw", "$scrypt$ln=40,r=8,p=1" + rest));
  EXPECT_FALSE(verify_password("pw", "$scrypt$ln=20,r=32,p=1" + rest));
  EXPECT_FALSE(verify_password("pw", "$scrypt$ln=10,r=8,p=4096" + rest));
}

TEST(Password, ParametersOutsideTheAcceptedRangeAreRefusedWhenHashing) {
  EXPECT_THROW((void)hash_password("pw", scrypt_params{40, 8, 1}), std::invalid_argument);
}

TEST(Password, CurrentHashDoesNotNeedRehash) {
  EXPECT_FALSE(needs_rehash(hash_password("pw")));
}

TEST(Password, WeakerParametersNeedRehashButStillVerify) {
  auto weak = hash_password("pw", quick);
  EXPECT_TRUE(needs_rehash(weak));
  EXPECT_TRUE(verify_password("pw", weak));
}

TEST(Password, EachWeakerParameterNeedsRehash) {
  const std::string salt = b64_unpadded(std::string(16, 's'));
  const std::string hash = b64_unpadded(std::string(32, 'h'));
  EXPECT_FALSE(needs_rehash("$scrypt$ln=17,r=8,p=1$" + salt + "$" + hash));
  EXPECT_FALSE(needs_rehash("$scrypt$ln=18,r=8,p=1$" + salt + "$" + hash));
  EXPECT_TRUE(needs_rehash("$scrypt$ln=16,r=8,p=1$" + salt + "$" + hash));
  EXPECT_TRUE(needs_rehash("$scrypt$ln=17,r=4,p=1$" + salt + "$" + hash));
  EXPECT_TRUE(needs_rehash("$scrypt$ln=17,r=8,p=1$" + b64_unpadded("NaCl") + "$" + hash));
  EXPECT_TRUE(needs_rehash("$scrypt$ln=17,r=8,p=1$" + salt + "$" + b64_unpadded(std::string(16, 'h'))));
}

TEST(Password, MalformedHashNeedsRehash) {
  EXPECT_TRUE(needs_rehash("$scrypt$garbage"));
}

}  // namespace
}  // namespace kingkung::auth
