// Key rotation against a real SQLite database: every token re-encrypted, all or nothing, old keys
// reported and dropped only when unused.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <algorithm>
#include <thread>

#include "kingkung/vault/rotation.hpp"
#include "vault_storage_fixture.hpp"

namespace kingkung::vault {
namespace {

using plugin::errc;

struct stored_token {
  std::string shop_id;
  std::string kind;
  std::string plain;
};

const std::vector<stored_token> sample_tokens = {
    {"7000714532876273420", "access", "TTP_access_mx_0123456789abcdefghij"},
    {"7000714532876273420", "refresh", "TTP_refresh_mx_0123456789abcdefghij"},
    {"7494049642642441621", "access", "TTP_access_br_klmnopqrstuvwxyz0123"},
    {"7494049642642441621", "refresh", "TTP_refresh_br_klmnopqrstuvwxyz0123"},
    {"8646929250843469827", "access", "TTP_access_us_ABCDEFGHIJKLMNOPQRST"},
};

void store_samples(VaultStorage& t, const token_vault& vault) {
  for (const auto& s : sample_tokens) t.put_token(vault, s.shop_id, s.kind, s.plain);
}

void expect_samples_open_with(VaultStorage& t, const token_vault& vault) {
  for (const auto& s : sample_tokens) {
    auto row = t.tokens_->get(s.shop_id, s.kind);
    ASSERT_TRUE(row.ok() && row->has_value()) << s.shop_id << " " << s.kind;
    auto opened = vault.open(s.shop_id, (*row)->sealed);
    ASSERT_TRUE(opened.ok()) << opened.err().message;
    EXPECT_EQ(opened->reveal(), s.plain);
  }
}

TEST_F(VaultStorage, RotationReEncryptsEveryRecordWithTheNewKey) {
  auto keys = load_keys();
  const auto old_id = keys.current().id;
  store_samples(*this, token_vault(keys));

  auto report = rotate(keys, *tokens_, key_file_);
  ASSERT_TRUE(report.ok()) << report.err().message;
  EXPECT_NE(report->new_key_id, old_id);
  EXPECT_EQ(keys.current().id, report->new_key_id);
  EXPECT_EQ(report->records_resealed, sample_tokens.size());
  auto ids = stored_key_ids();
  EXPECT_EQ(std::count(ids.begin(), ids.end(), report->new_key_id), static_cast<long>(sample_tokens.size()));
  EXPECT_EQ(report->unused_key_ids, std::vector<std::string>{old_id});
  EXPECT_TRUE(report->in_use_key_ids.empty());
}

TEST_F(VaultStorage, RotatedRecordsOpenWithTheNewKeyAloneOnceTheOldOneIsRemoved) {
  auto keys = load_keys();
  const auto old_id = keys.current().id;
  store_samples(*this, token_vault(keys));
  ASSERT_TRUE(rotate(keys, *tokens_, key_file_).ok());

  ASSERT_TRUE(keys.remove(old_id).ok());
  ASSERT_EQ(keys.size(), 1u);
  expect_samples_open_with(*this, token_vault(keys));
}

TEST_F(VaultStorage, RotationWritesTheNewKeyFirstInTheKeyFileAndKeepsTheOldOne) {
  auto keys = load_keys();
  const auto old_id = keys.current().id;
  auto report = rotate(keys, *tokens_, key_file_);
  ASSERT_TRUE(report.ok()) << report.err().message;
  auto file = keyring::read_file(key_file_);
  ASSERT_TRUE(file.ok()) << file.err().message;
  EXPECT_EQ(file->key_ids(), (std::vector<std::string>{report->new_key_id, old_id}));
}

TEST_F(VaultStorage, DropOldRemovesUnusedOldKeysFromTheKeyFile) {
  auto keys = load_keys();
  const auto old_id = keys.current().id;
  store_samples(*this, token_vault(keys));
  auto report = rotate(keys, *tokens_, key_file_, {.drop_old = true});
  ASSERT_TRUE(report.ok()) << report.err().message;
  EXPECT_EQ(report->dropped_key_ids, std::vector<std::string>{old_id});

  auto file = keyring::read_file(key_file_);
  ASSERT_TRUE(file.ok()) << file.err().message;
  EXPECT_EQ(file->key_ids(), std::vector<std::string>{report->new_key_id});
  expect_samples_open_with(*this, token_vault(std::move(*file)));
}

TEST_F(VaultStorage, RotationChangesNothingWhenARecordCannotBeOpened) {
  auto keys = load_keys();
  store_samples(*this, token_vault(keys));
  token_vault stranger(keyring({master_key::generate()}));
  put_token(stranger, "9999999999999999999", "access", "TTP_sealed_with_a_lost_key_000000");
  const auto file_before = testing::read_bytes(key_file_);
  auto rows_before = tokens_->all();
  ASSERT_TRUE(rows_before.ok());

  auto report = rotate(keys, *tokens_, key_file_);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.err().code, errc::not_found);
  EXPECT_NE(report.err().message.find("shop 9999999999999999999 (access token)"), std::string::npos)
      << report.err().message;
  EXPECT_NE(report.err().message.find("no record was changed"), std::string::npos) << report.err().message;
  EXPECT_EQ(testing::read_bytes(key_file_), file_before);
  auto rows_after = tokens_->all();
  ASSERT_TRUE(rows_after.ok());
  ASSERT_EQ(rows_after->size(), rows_before->size());
  for (std::size_t i = 0; i < rows_after->size(); ++i)
    EXPECT_EQ((*rows_after)[i].sealed, (*rows_before)[i].sealed);
}

TEST_F(VaultStorage, RotationIsRefusedForKeysFromTheEnvironment) {
  auto env_key = master_key::generate();
  std::string encoded(64, '\0');
  encoded.resize(static_cast<std::size_t>(
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                      reinterpret_cast<const unsigned char*>(env_key.bytes.reveal().data()), 32)));
  std::map<std::string, std::string> env{{"KINGKUNG_MASTER_KEY", encoded}};
  auto keys = keyring::load(key_file_, {&env});
  ASSERT_TRUE(keys.ok()) << keys.err().message;
  store_samples(*this, token_vault(*keys));
  auto before = tokens_->all();

  auto report = rotate(*keys, *tokens_, key_file_);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.err().code, errc::failed_precondition);
  EXPECT_NE(report.err().message.find("KINGKUNG_MASTER_KEY"), std::string::npos) << report.err().message;
  EXPECT_FALSE(std::filesystem::exists(key_file_));
  EXPECT_EQ(keys->key_ids(), std::vector<std::string>{env_key.id});
  auto after = tokens_->all();
  for (std::size_t i = 0; i < after->size(); ++i) EXPECT_EQ((*after)[i].sealed, (*before)[i].sealed);
}

TEST_F(VaultStorage, RotationStartsFromTheKeyFileAsItIsNowNotAsItWasLoaded) {
  auto keys = load_keys();
  const auto first_id = keys.current().id;
  store_samples(*this, token_vault(keys));
  // Meanwhile another process adds a key to the file.
  auto other = keyring::read_file(key_file_);
  auto added = master_key::generate();
  ASSERT_TRUE(other->make_current(added).ok());
  ASSERT_TRUE(other->save(key_file_).ok());

  auto report = rotate(keys, *tokens_, key_file_);
  ASSERT_TRUE(report.ok()) << report.err().message;
  auto file = keyring::read_file(key_file_);
  ASSERT_TRUE(file.ok()) << file.err().message;
  EXPECT_EQ(file->key_ids(), (std::vector<std::string>{report->new_key_id, added.id, first_id}));
  EXPECT_EQ(keys.key_ids(), file->key_ids());
}

TEST_F(VaultStorage, TwoRotationsAtOnceKeepEveryKeyAndEveryToken) {
  auto seed = load_keys();
  store_samples(*this, token_vault(seed));
  keyring first = seed;
  keyring second = seed;
  result<rotation_report> first_report = plugin::make_error(errc::internal, "not run");
  result<rotation_report> second_report = plugin::make_error(errc::internal, "not run");
  std::thread a([&] { first_report = rotate(first, *tokens_, key_file_); });
  std::thread b([&] { second_report = rotate(second, *tokens_, key_file_); });
  a.join();
  b.join();
  ASSERT_TRUE(first_report.ok()) << first_report.err().message;
  ASSERT_TRUE(second_report.ok()) << second_report.err().message;

  auto file = keyring::read_file(key_file_);
  ASSERT_TRUE(file.ok()) << file.err().message;
  EXPECT_EQ(file->size(), 3u);
  EXPECT_NE(file->find(first_report->new_key_id), nullptr);
  EXPECT_NE(file->find(second_report->new_key_id), nullptr);
  expect_samples_open_with(*this, token_vault(std::move(*file)));
}

TEST_F(VaultStorage, ResealMovesRecordsFromAnOlderKeyToTheCurrentOne) {
  auto old_key = master_key::generate();
  auto new_key = master_key::generate();
  store_samples(*this, token_vault(keyring({old_key})));

  keyring both({new_key, old_key});  // what KINGKUNG_MASTER_KEY="NEW,OLD" gives
  auto report = reseal(both, *tokens_);
  ASSERT_TRUE(report.ok()) << report.err().message;
  EXPECT_EQ(report->records_resealed, sample_tokens.size());
  EXPECT_EQ(report->unused_key_ids, std::vector<std::string>{old_key.id});
  auto ids = stored_key_ids();
  EXPECT_TRUE(std::all_of(ids.begin(), ids.end(), [&](const std::string& id) { return id == new_key.id; }));
  expect_samples_open_with(*this, token_vault(keyring({new_key})));
}

TEST_F(VaultStorage, ResealLeavesRecordsAlreadyOnTheCurrentKeyAlone) {
  auto key = master_key::generate();
  store_samples(*this, token_vault(keyring({key})));
  auto before = tokens_->all();
  auto report = reseal(keyring({key}), *tokens_);
  ASSERT_TRUE(report.ok()) << report.err().message;
  EXPECT_EQ(report->records_resealed, 0u);
  auto after = tokens_->all();
  for (std::size_t i = 0; i < after->size(); ++i) EXPECT_EQ((*after)[i].sealed, (*before)[i].sealed);
}

TEST_F(VaultStorage, PruneKeepsOldKeysThatRecordsStillUse) {
  auto keys = load_keys();
  const auto old_id = keys.current().id;
  store_samples(*this, token_vault(keys));
  ASSERT_TRUE(keys.make_current(master_key::generate()).ok());
  ASSERT_TRUE(keys.save(key_file_).ok());

  auto report = prune(keys, *tokens_, key_file_);
  ASSERT_TRUE(report.ok()) << report.err().message;
  EXPECT_TRUE(report->dropped_key_ids.empty());
  EXPECT_EQ(report->in_use_key_ids, std::vector<std::string>{old_id});
  EXPECT_EQ(keyring::read_file(key_file_)->size(), 2u);
}

TEST_F(VaultStorage, UsageCountsRecordsPerKeyAndFlagsUnknownKeys) {
  auto keys = load_keys();
  store_samples(*this, token_vault(keys));
  auto stranger_key = master_key::generate();
  put_token(token_vault(keyring({stranger_key})), "9999999999999999999", "access",
            "TTP_lost_key_token_000000000");

  auto counted = usage(keys, *tokens_);
  ASSERT_TRUE(counted.ok()) << counted.err().message;
  ASSERT_EQ(counted->size(), 2u);
  EXPECT_EQ((*counted)[0].key_id, keys.current().id);
  EXPECT_TRUE((*counted)[0].current);
  EXPECT_EQ((*counted)[0].records, sample_tokens.size());
  EXPECT_EQ((*counted)[1].key_id, stranger_key.id);
  EXPECT_FALSE((*counted)[1].in_keyring);
  EXPECT_EQ((*counted)[1].records, 1u);
}

}  // namespace
}  // namespace kingkung::vault
