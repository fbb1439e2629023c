// Where master keys come from: the key file (format, creation, permissions, atomic rewrite) and the
// KINGKUNG_MASTER_KEY environment variable.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <map>
#include <sstream>

#include "kingkung/vault/keyring.hpp"
#include "kingkung/vault/token_vault.hpp"
#include "temp_folder.hpp"

namespace kingkung::vault {
namespace {

using plugin::errc;
using testing::mode_of;
using testing::read_text;
using testing::temp_folder;
using testing::write_text;

std::string b64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string key_line(const master_key& k) {
  return "kk-vault-v1 " + k.id + " " + b64(k.bytes.reveal()) + "\n";
}

std::vector<std::string> key_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  return lines;
}

std::map<std::string, std::string> no_environment;

TEST(VaultKeyFile, IsCreatedWithMode0600AndPrivateFoldersWhenMissing) {
  temp_folder tmp;
  auto file = tmp / "var/keys/master.key";
  auto ring = keyring::load(file, {&no_environment});
  ASSERT_TRUE(ring.ok()) << ring.err().message;
  ASSERT_TRUE(std::filesystem::exists(file));
  EXPECT_EQ(mode_of(file), 0600u);
  EXPECT_EQ(mode_of(tmp / "var"), 0700u);
  EXPECT_EQ(mode_of(tmp / "var/keys"), 0700u);
  EXPECT_EQ(ring->origin(), key_origin::file);
  EXPECT_EQ(ring->size(), 1u);
}

TEST(VaultKeyFile, CreatedFileHoldsOneKeyLineInTheDocumentedFormat) {
  temp_folder tmp;
  auto file = tmp / "master.key";
  auto ring = keyring::load(file, {&no_environment});
  ASSERT_TRUE(ring.ok()) << ring.err().message;
  auto lines = key_lines(read_text(file));
  ASSERT_EQ(lines.size(), 1u);
  const std::string encoded = b64(ring->current().bytes.reveal());
  ASSERT_EQ(encoded.size(), 44u);
  EXPECT_EQ(lines[0], "kk-vault-v1 " + ring->current().id + " " + encoded);
  EXPECT_EQ(ring->current().id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(ring->current().id.size(), 8u);
  EXPECT_EQ(ring->current().id, master_key::id_for(ring->current().bytes.reveal()));
}

TEST(VaultKeyFile, LoadingAgainReturnsTheKeyCreatedFirst) {
  temp_folder tmp;
  auto file = tmp / "master.key";
  auto first = keyring::load(file, {&no_environment});
  auto second = keyring::load(file, {&no_environment});
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->current().id, second->current().id);
  EXPECT_EQ(first->current().bytes.reveal(), second->current().bytes.reveal());
}

TEST(VaultKeyFile, MissingFileIsNotCreatedWhenCreationIsOff) {
  temp_folder tmp;
  auto ring = keyring::load(tmp / "master.key", {&no_environment, false});
  ASSERT_FALSE(ring.ok());
  EXPECT_EQ(ring.err().code, errc::not_found);
  EXPECT_FALSE(std::filesystem::exists(tmp / "master.key"));
}

TEST(VaultKeyFile, GroupReadableFileIsRefusedWithTheFix) {
  temp_folder tmp;
  auto file = tmp / "master.key";
  write_text(file, key_line(master_key::generate()), 0640);
  auto ring = keyring::load(file, {&no_environment});
  ASSERT_FALSE(ring.ok());
  EXPECT_EQ(ring.err().code, errc::permission_denied);
  EXPECT_NE(ring.err().message.find(file.string() + " has mode 0640"), std::string::npos)
      << ring.err().message;
  EXPECT_NE(ring.err().message.find("chmod 600"), std::string::npos) << ring.err().message;
}

TEST(VaultKeyFile, WorldReadableFileIsRefused) {
  temp_folder tmp;
  auto file = tmp / "master.key";
  write_text(file, key_line(master_key::generate()), 0604);
  auto ring = keyring::read_file(file);
  ASSERT_FALSE(ring.ok());
  EXPECT_EQ(ring.err().code, errc::permission_denied);
}

TEST(VaultKeyFile, KeysKeepTheirOrderAndCommentsAreIgnored) {
  temp_folder tmp;
  auto file = tmp / "master.key";
  auto newer = master_key::generate();
  auto older = master_key::generate();
  write_text(file,
             "# rotated last week\n\n" + key_line(newer) + "   \n# kept for old records\n" + key_line(older),
             0600);
  auto ring = keyring::read_file(file);
  ASSERT_TRUE(ring.ok()) << ring.err().message;
  EXPECT_EQ(ring->key_ids(), (std::vector<std::string>{newer.id, older.id}));
  EXPECT_EQ(ring->current().bytes.reveal(), newer.bytes.reveal());
}

TEST(VaultKeyFile, LineWithWrongFieldCountNamesFileAndLine) {
  auto key = master_key::generate();
  auto ring = keyring::parse_file_text(
      "# keys\n" + key_line(key) + "kk-vault-v1 " + b64(key.bytes.reveal()) + "\n", "keys.txt");
  ASSERT_FALSE(ring.ok());
  EXPECT_EQ(ring.err().code, errc::invalid_argument);
  EXPECT_NE(
      ring.err().message.find("keys.txt:3: expected \"kk-vault-v1 <key-id> <base64 key>\", found 2 fields"),
      std::string::npos)
      << ring.err().message;
}

TEST(VaultKeyFile, ErrorsNeverEchoKeyMaterial) {
  auto key = master_key::generate();
  const std::string encoded = b64(key.bytes.reveal());
  const std::string bad_texts[] = {
      encoded + "\n",                             // only the key
      encoded + " " + key.id + " kk-vault-v1\n",  // fields swapped
      "kk-vault-v1 " + encoded + " " + key.id + "\n",
      "kk-vault-v1 " + key.id + " " + encoded.substr(0, 40) + "\n",  // truncated key
  };
  for (const auto& text : bad_texts) {
    auto ring = keyring::parse_file_text(text, "keys.txt");
    ASSERT_FALSE(ring.ok()) << text;
    EXPECT_EQ(ring.err().message.find(encoded.substr(0, 16)), std::string::npos) << ring.err().message;
  }
}

TEST(VaultKeyFile, KeyIdThatDoesNotMatchItsKeyIsRejected) {
  auto key = master_key::generate();
  auto other = master_key::generate();
  auto ring =
      keyring::parse_file_text("kk-vault-v1 " + other.id + " " + b64(key.bytes.reveal()) + "\n", "keys.txt");
  ASSERT_FALSE(ring.ok());
  EXPECT_NE(ring.err().message.find("keys.txt:1: key id " + other.id + " does not match its key"),
            std::string::npos)
      << ring.err().message;
}

TEST(VaultKeyFile, KeyOfTheWrongLengthIsRejected) {
  auto ring =
      keyring::parse_file_text("kk-vault-v1 0a1b2c3d " + b64(std::string(16, 'k')) + "\n", "keys.txt");
  ASSERT_FALSE(ring.ok());
  EXPECT_NE(ring.err().message.find("keys.txt:1: the key decodes to 16 bytes, expected 32"),
            std::string::npos)
      << ring.err().message;
}

TEST(VaultKeyFile, FileWithoutKeysIsRejected) {
  auto ring = keyring::parse_file_text("# nothing here\n\n", "keys.txt");
  ASSERT_FALSE(ring.ok());
  EXPECT_NE(ring.err().message.find("keys.txt: holds no key"), std::string::npos) << ring.err().message;
}

TEST(VaultKeyFile, SaveRewritesTheFileWithMode0600AndLeavesNoTemporaryFile) {
  temp_folder tmp;
  auto file = tmp / "master.key";
  auto ring = keyring::load(file, {&no_environment});
  ASSERT_TRUE(ring.ok());
  ::chmod(file.c_str(), 0644);
  auto added = master_key::generate();
  ASSERT_TRUE(ring->make_current(added).ok());
  auto saved = ring->save(file);
  ASSERT_TRUE(saved.ok()) << saved.err().message;
  EXPECT_EQ(mode_of(file), 0600u);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(tmp.path())) ++entries;
  EXPECT_EQ(entries, 1u);
  auto reread = keyring::read_file(file);
  ASSERT_TRUE(reread.ok()) << reread.err().message;
  EXPECT_EQ(reread->key_ids(), ring->key_ids());
  EXPECT_EQ(reread->current().id, added.id);
}

TEST(VaultEnvKey, EnvironmentKeyWinsOverTheFile) {
  temp_folder tmp;
  auto file = tmp / "master.key";
  auto file_key = master_key::generate();
  write_text(file, key_line(file_key), 0600);
  auto env_key = master_key::generate();
  std::map<std::string, std::string> env{{"KINGKUNG_MASTER_KEY", b64(env_key.bytes.reveal())}};
  auto ring = keyring::load(file, {&env});
  ASSERT_TRUE(ring.ok()) << ring.err().message;
  EXPECT_EQ(ring->origin(), key_origin::environment);
  EXPECT_EQ(ring->key_ids(), std::vector<std::string>{env_key.id});
}

TEST(VaultEnvKey, EnvironmentKeyMeansNoKeyFileIsCreated) {
  temp_folder tmp;
  std::map<std::string, std::string> env{{"KINGKUNG_MASTER_KEY", b64(master_key::generate().bytes.reveal())}};
  auto ring = keyring::load(tmp / "master.key", {&env});
  ASSERT_TRUE(ring.ok()) << ring.err().message;
  EXPECT_FALSE(std::filesystem::exists(tmp / "master.key"));
}

TEST(VaultEnvKey, SeveralCommaSeparatedKeysAreCurrentFirst) {
  auto newer = master_key::generate();
  auto older = master_key::generate();
  auto ring = keyring::parse_environment_value(b64(newer.bytes.reveal()) + ", " + b64(older.bytes.reveal()),
                                               "KINGKUNG_MASTER_KEY");
  ASSERT_TRUE(ring.ok()) << ring.err().message;
  EXPECT_EQ(ring->key_ids(), (std::vector<std::string>{newer.id, older.id}));
}

TEST(VaultEnvKey, InvalidValueIsRejectedWithoutEchoingIt) {
  temp_folder tmp;
  const std::string short_key = b64(std::string(20, 'z'));
  std::map<std::string, std::string> env{{"KINGKUNG_MASTER_KEY", short_key}};
  auto ring = keyring::load(tmp / "master.key", {&env});
  ASSERT_FALSE(ring.ok());
  EXPECT_NE(ring.err().message.find("KINGKUNG_MASTER_KEY: the key decodes to 20 bytes, expected 32"),
            std::string::npos)
      << ring.err().message;
  EXPECT_EQ(ring.err().message.find(short_key), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(tmp / "master.key"))
      << "a bad environment key must not fall back to the file";
}

TEST(VaultEnvKey, NotBase64IsRejected) {
  auto ring = keyring::parse_environment_value("not base64 at all!", "KINGKUNG_MASTER_KEY");
  ASSERT_FALSE(ring.ok());
  EXPECT_NE(ring.err().message.find("not valid base64"), std::string::npos) << ring.err().message;
}

TEST(VaultKeyring, MakeCurrentKeepsTheOlderKeysForOpening) {
  auto first = master_key::generate();
  keyring ring({first});
  auto second = master_key::generate();
  ASSERT_TRUE(ring.make_current(second).ok());
  EXPECT_EQ(ring.current().id, second.id);
  ASSERT_NE(ring.find(first.id), nullptr);
  EXPECT_EQ(ring.find(first.id)->bytes.reveal(), first.bytes.reveal());
}

TEST(VaultKeyring, TheCurrentKeyCannotBeRemoved) {
  auto first = master_key::generate();
  keyring ring({first});
  auto removed = ring.remove(first.id);
  ASSERT_FALSE(removed.ok());
  EXPECT_EQ(removed.err().code, errc::failed_precondition);
  EXPECT_EQ(ring.size(), 1u);
}

TEST(VaultKeyring, AKeyCannotBeAddedTwice) {
  auto first = master_key::generate();
  keyring ring({first});
  EXPECT_FALSE(ring.make_current(first).ok());
  EXPECT_EQ(ring.size(), 1u);
}

TEST(VaultKeyring, GeneratedKeysAreDistinct32ByteKeys) {
  auto a = master_key::generate();
  auto b = master_key::generate();
  EXPECT_EQ(a.bytes.size(), 32u);
  EXPECT_NE(a.bytes.reveal(), b.bytes.reveal());
  EXPECT_NE(a.id, b.id);
}

TEST(VaultFollow, SealUsesTheKeyAnotherProcessMadeCurrentInTheFile) {
  temp_folder tmp;
  auto file = tmp / "master.key";
  auto loaded = keyring::load(file, {&no_environment});
  ASSERT_TRUE(loaded.ok());
  token_vault vault(*loaded);

  auto rotated = keyring::read_file(file);  // what `kingkung keys rotate` does in its own process
  auto added = master_key::generate();
  ASSERT_TRUE(rotated->make_current(added).ok());
  ASSERT_TRUE(rotated->save(file).ok());

  auto record = vault.seal("7000714532876273420", secret("TTP_token"));
  EXPECT_EQ(*token_vault::key_id_of(record), added.id);
}

TEST(VaultFollow, RecordSealedWithANewerKeyOpensAfterRereadingTheFile) {
  temp_folder tmp;
  auto file = tmp / "master.key";
  auto loaded = keyring::load(file, {&no_environment});
  ASSERT_TRUE(loaded.ok());
  token_vault running(*loaded);

  auto rotated = keyring::read_file(file);
  ASSERT_TRUE(rotated->make_current(master_key::generate()).ok());
  ASSERT_TRUE(rotated->save(file).ok());
  token_vault rotator(*rotated);
  auto record = rotator.seal("7000714532876273420", secret("TTP_token"));

  auto opened = running.open("7000714532876273420", record);
  ASSERT_TRUE(opened.ok()) << opened.err().message;
  EXPECT_EQ(opened->reveal(), "TTP_token");
}

TEST(VaultFollow, BrokenKeyFileKeepsTheKeysInUse) {
  temp_folder tmp;
  auto file = tmp / "master.key";
  auto loaded = keyring::load(file, {&no_environment});
  ASSERT_TRUE(loaded.ok());
  token_vault vault(*loaded);
  auto before = vault.current_key_id();
  write_text(file, "garbage\n", 0600);
  auto reloaded = vault.reload();
  EXPECT_FALSE(reloaded.ok());
  auto record = vault.seal("7000714532876273420", secret("TTP_token"));
  EXPECT_EQ(*token_vault::key_id_of(record), before);
  EXPECT_TRUE(vault.open("7000714532876273420", record).ok());
}

}  // namespace
}  // namespace kingkung::vault
