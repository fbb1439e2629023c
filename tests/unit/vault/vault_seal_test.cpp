// The token vault's record format and its fail-closed opening.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <set>
#include <string>

#include "kingkung/vault/token_vault.hpp"

namespace kingkung::vault {
namespace {

using plugin::errc;

const std::string shop_a = "7000714532876273420";
const std::string shop_b = "7000714532876273421";
const secret token("TTP_pW0gYWNjZXNzIHRva2VuIGZvciB0aGUgc2hvcA");

keyring one_key_ring() {
  return keyring({master_key::generate()});
}

std::vector<std::string> fields_of(const std::string& record) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (auto dot = record.find('.');; dot = record.find('.', start)) {
    out.push_back(record.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

std::string b64_decode(const std::string& text) {
  std::string out(text.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return {};
  std::size_t pad = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) ++pad;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

std::string b64_encode(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// The record with one raw byte of field `field` (2: nonce, 3: ciphertext+tag) changed.
std::string with_flipped_byte(const std::string& record, std::size_t field, std::size_t byte_index) {
  auto f = fields_of(record);
  std::string raw = b64_decode(f[field]);
  raw.at(byte_index) = static_cast<char>(raw.at(byte_index) ^ 0x01);
  f[field] = b64_encode(raw);
  return f[0] + "." + f[1] + "." + f[2] + "." + f[3];
}

TEST(VaultSeal, OpenReturnsTheSealedToken) {
  token_vault vault(one_key_ring());
  auto record = vault.seal(shop_a, token);
  auto opened = vault.open(shop_a, record);
  ASSERT_TRUE(opened.ok()) << opened.err().message;
  EXPECT_EQ(opened->reveal(), token.reveal());
}

TEST(VaultSeal, RecordFollowsTheDocumentedFormat) {
  token_vault vault(one_key_ring());
  auto record = vault.seal(shop_a, token);
  auto f = fields_of(record);
  ASSERT_EQ(f.size(), 4u) << record;
  EXPECT_EQ(f[0], "v1");
  EXPECT_EQ(f[1], vault.current_key_id());
  EXPECT_EQ(f[2].size(), 16u);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  EXPECT_EQ(f[2].find_first_not_of(alphabet), std::string::npos);
  EXPECT_EQ(f[3].find_first_not_of(alphabet + "="), std::string::npos);
  EXPECT_EQ(b64_decode(f[2]).size(), 12u);
  EXPECT_EQ(b64_decode(f[3]).size(), token.size() + 16u);  // ciphertext and the GCM tag
}

TEST(VaultSeal, RecordDoesNotContainThePlaintext) {
  token_vault vault(one_key_ring());
  auto record = vault.seal(shop_a, token);
  EXPECT_EQ(record.find(token.reveal()), std::string::npos);
  EXPECT_EQ(record.find(b64_encode(token.reveal())), std::string::npos);
}

TEST(VaultSeal, TwoSealsOfTheSameTokenDiffer) {
  token_vault vault(one_key_ring());
  auto first = vault.seal(shop_a, token);
  auto second = vault.seal(shop_a, token);
  EXPECT_NE(first, second);
  EXPECT_NE(fields_of(first)[2], fields_of(second)[2]) << "each record needs its own nonce";
  EXPECT_EQ(vault.open(shop_a, first)->reveal(), vault.open(shop_a, second)->reveal());
}

TEST(VaultSeal, NoncesDoNotRepeatAcrossManySeals) {
  token_vault vault(one_key_ring());
  std::set<std::string> nonces;
  for (int i = 0; i < 2000; ++i) nonces.insert(fields_of(vault.seal(shop_a, token))[2]);
  EXPECT_EQ(nonces.size(), 2000u);
}

TEST(VaultSeal, EveryChangedCharacterOfTheRecordFailsClosed) {
  token_vault vault(one_key_ring());
  auto record = vault.seal(shop_a, token);
  for (std::size_t i = 0; i < record.size(); ++i) {
    for (char replacement : {'A', 'b', '7', '.'}) {
      if (record[i] == replacement) continue;
      std::string altered = record;
      altered[i] = replacement;
      auto opened = vault.open(shop_a, altered);
      ASSERT_FALSE(opened.ok()) << "position " << i << " changed to '" << replacement << "' still opened";
      EXPECT_EQ(opened.err().message.find(token.reveal()), std::string::npos);
    }
  }
}

TEST(VaultSeal, FlippedCiphertextByteFailsAuthentication) {
  token_vault vault(one_key_ring());
  auto altered = with_flipped_byte(vault.seal(shop_a, token), 3, 0);
  auto opened = vault.open(shop_a, altered);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.err().code, errc::unauthenticated);
  EXPECT_NE(opened.err().message.find("failed authentication"), std::string::npos) << opened.err().message;
  EXPECT_NE(opened.err().message.find("does not belong to this shop or was altered"), std::string::npos);
}

TEST(VaultSeal, FlippedTagByteFailsAuthentication) {
  token_vault vault(one_key_ring());
  auto record = vault.seal(shop_a, token);
  auto tag_last = b64_decode(fields_of(record)[3]).size() - 1;
  auto opened = vault.open(shop_a, with_flipped_byte(record, 3, tag_last));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.err().code, errc::unauthenticated);
}

TEST(VaultSeal, FlippedNonceByteFailsAuthentication) {
  token_vault vault(one_key_ring());
  auto opened = vault.open(shop_a, with_flipped_byte(vault.seal(shop_a, token), 2, 5));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.err().code, errc::unauthenticated);
}

TEST(VaultSeal, ChangedVersionIsRejectedAsMalformed) {
  token_vault vault(one_key_ring());
  auto record = vault.seal(shop_a, token);
  auto opened = vault.open(shop_a, "v2" + record.substr(2));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.err().code, errc::invalid_argument);
  EXPECT_NE(opened.err().message.find("expected format version \"v1\", found \"v2\""), std::string::npos)
      << opened.err().message;
}

TEST(VaultSeal, RecordOfOneShopDoesNotOpenForAnother) {
  token_vault vault(one_key_ring());
  auto record = vault.seal(shop_a, token);
  auto opened = vault.open(shop_b, record);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.err().code, errc::unauthenticated);
  EXPECT_NE(opened.err().message.find("shop " + shop_b), std::string::npos) << opened.err().message;
  EXPECT_NE(opened.err().message.find("does not belong to this shop"), std::string::npos);
}

TEST(VaultSeal, UnknownKeyIdIsNamedInTheError) {
  token_vault sealer(one_key_ring());
  token_vault other(one_key_ring());
  auto opened = other.open(shop_a, sealer.seal(shop_a, token));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.err().code, errc::not_found);
  EXPECT_NE(opened.err().message.find("sealed with key " + sealer.current_key_id() +
                                      ", which is not in the keyring"),
            std::string::npos)
      << opened.err().message;
}

TEST(VaultSeal, OpensRecordsSealedWithAnOlderKeyAndSealsWithTheCurrentOne) {
  auto old_key = master_key::generate();
  auto old_id = old_key.id;
  token_vault before(keyring({old_key}));
  auto old_record = before.seal(shop_a, token);

  auto new_key = master_key::generate();
  token_vault after(keyring({new_key, old_key}));
  auto opened = after.open(shop_a, old_record);
  ASSERT_TRUE(opened.ok()) << opened.err().message;
  EXPECT_EQ(opened->reveal(), token.reveal());
  EXPECT_EQ(*token_vault::key_id_of(after.seal(shop_a, token)), new_key.id);
}

TEST(VaultSeal, MalformedRecordsAreRejectedWithTheReason) {
  token_vault vault(one_key_ring());
  auto good = fields_of(vault.seal(shop_a, token));
  const std::string id = good[1];
  struct sample {
    std::string record;
    std::string reason;
  };
  const sample samples[] = {
      {"", "the record is empty"},
      {"v1." + id + "." + good[2], "expected 4 dot-separated fields"},
      {"v1." + id + "." + good[2] + "." + good[3] + ".x", "found 5"},
      {"v1.ABCDEF12." + good[2] + "." + good[3], "key id of 8 lower-case hex characters"},
      {"v1." + id + ".****************." + good[3], "the nonce is not valid base64"},
      {"v1." + id + ".AAAAAAAA." + good[3], "the nonce is 6 bytes, expected 12"},
      {"v1." + id + "." + good[2] + ".AAAA", "shorter than the 16-byte authentication tag"},
      {"v1." + id + "." + good[2] + "." + good[3].substr(1), "the ciphertext is not valid base64"},
      {std::string(70000, 'A'), "more than the"},
  };
  for (const auto& s : samples) {
    auto opened = vault.open(shop_a, s.record);
    ASSERT_FALSE(opened.ok()) << s.reason;
    EXPECT_EQ(opened.err().code, errc::invalid_argument) << s.reason;
    EXPECT_NE(opened.err().message.find("vault record for shop " + shop_a + " is malformed"),
              std::string::npos)
        << opened.err().message;
    EXPECT_NE(opened.err().message.find(s.reason), std::string::npos) << opened.err().message;
  }
}

TEST(VaultSeal, PlaintextStoredByMistakeIsNotEchoedInTheError) {
  token_vault vault(one_key_ring());
  const std::string leaked = "TTP_plain.token.stored.byMistake0123456789";
  auto opened = vault.open(shop_a, leaked);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.err().message.find("TTP_plain"), std::string::npos) << opened.err().message;
  EXPECT_EQ(opened.err().message.find("byMistake"), std::string::npos) << opened.err().message;
}

TEST(VaultSeal, EmptyTokenRoundTrips) {
  token_vault vault(one_key_ring());
  auto opened = vault.open(shop_a, vault.seal(shop_a, secret("")));
  ASSERT_TRUE(opened.ok()) << opened.err().message;
  EXPECT_TRUE(opened->empty());
}

TEST(VaultSeal, SealingForAnEmptyShopIdIsRefused) {
  token_vault vault(one_key_ring());
  EXPECT_THROW((void)vault.seal("", token), std::invalid_argument);
}

TEST(VaultSeal, KeyIdOfReadsTheRecordWithoutOpeningIt) {
  token_vault vault(one_key_ring());
  auto id = token_vault::key_id_of(vault.seal(shop_a, token));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, vault.current_key_id());
  EXPECT_FALSE(token_vault::key_id_of("not a record").ok());
}

TEST(VaultValue, OpensUnderTheContextItWasSealedFor) {
  token_vault vault(one_key_ring());
  auto record = vault.seal_value("shop_cipher:" + shop_a, "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3");
  auto opened = vault.open_value("shop_cipher:" + shop_a, record);
  ASSERT_TRUE(opened.ok()) << opened.err().message;
  EXPECT_EQ(*opened, "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3");
  EXPECT_EQ(record.find("GCP_XF90"), std::string::npos);
}

TEST(VaultValue, DoesNotOpenUnderAnotherContext) {
  token_vault vault(one_key_ring());
  auto record = vault.seal_value("shop_cipher:" + shop_a, "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3");
  auto opened = vault.open_value("shop_cipher:" + shop_b, record);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.err().code, errc::unauthenticated);
  EXPECT_NE(opened.err().message.find("does not belong to this context"), std::string::npos)
      << opened.err().message;
}

TEST(VaultValue, TokenRecordsAndValueRecordsNeverOpenAsEachOther) {
  token_vault vault(one_key_ring());
  EXPECT_FALSE(vault.open_value(shop_a, vault.seal(shop_a, token)).ok());
  EXPECT_FALSE(vault.open(shop_a, vault.seal_value(shop_a, token.reveal())).ok());
}

}  // namespace
}  // namespace kingkung::vault
